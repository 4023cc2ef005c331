/** Rule codes of a 400 on routed calls. */
export enum RoutingInputProblem {
  /** The call, or its destination, service or method, is missing. */
  Required = 'required',
}

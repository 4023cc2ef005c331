/** An RFC 9457 problem as the govdata services answer it (application/problem+json). */
export interface ApiProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** The platform's error code: `validation`, `rule_violated`, `forbidden`, `unavailable`, … */
  code?: string;
  /** Field errors of a 400 or 422: the path of the field in the request, the rule and its message. */
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export interface FieldProblem {
  path: string;
  rule?: string;
  message: string;
}

/**
 * A request the API refused or could not answer. `service` is the node's service the request went
 * to (the path says it: `/api/v1/<service>/…`), so a 503 can name what is down.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly service: string,
    readonly problem: ApiProblem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** The answer could not be had at all (network down, gateway unreachable): status 0. */
  static unreachable(service: string, cause: unknown): ApiError {
    const error = new ApiError(0, service, { code: 'unreachable', detail: String(cause) });
    error.cause = cause;
    return error;
  }
}

/** Reads a problem body; anything that is not a JSON object becomes an empty problem. */
export function asProblem(body: unknown): ApiProblem {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as ApiProblem) : {};
}

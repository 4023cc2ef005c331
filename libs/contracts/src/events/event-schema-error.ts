/** Event data that does not match the schema of its type, or a type with no schema. */
export class EventSchemaError extends Error {
  constructor(
    readonly type: string,
    readonly problems: EventSchemaProblem[],
  ) {
    super(`invalid ${type} event data:\n` + problems.map((p) => `  - ${p.path}: ${p.message} (${p.rule})`).join('\n'));
    this.name = 'EventSchemaError';
  }
}

export interface EventSchemaProblem {
  /** Where in the data, as a JSON path: `$` is the payload, e.g. `$.organisation.uscc`, `$.items[0]`. */
  path: string;
  /** The schema keyword broken, e.g. `required`, `pattern`, `format`, `additionalProperties`. */
  rule: string;
  /** What was expected, for a human. */
  message: string;
}

/** Rule codes of a 400 on a catalog search's query parameters. */
export enum SearchQueryProblem {
  /** A parameter the search does not take. */
  UnknownParameter = 'unknown-parameter',
  /** A cursor this API did not return. */
  Malformed = 'malformed',
  /** A cursor returned for another query. */
  QueryMismatch = 'query-mismatch',
}

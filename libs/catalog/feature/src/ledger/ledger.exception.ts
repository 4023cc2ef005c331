/** Rule codes of a 400 on the ledger (一本账) queries. */
export enum LedgerQueryProblem {
  /** `scope=all` asked of a node below national: only the national node holds the whole ledger. */
  NationalOnly = 'national-only',
  /** `origin` is not a node code. */
  NodeCode = 'node-code',
}

/** Rule codes of the audit ledger's proofs (审计): the `errors[].rule` of their 422. */
export enum AuditRule {
  /** 422 `treeSize`: an inclusion proof asked of a tree too small to hold the call. */
  CoversCall = 'covers-call',
}

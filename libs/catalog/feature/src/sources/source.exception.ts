/** Rule codes of 一数一源 (one data, one source) decisions answered in a 422's `errors[].rule`. */
export enum SourceRule {
  /** 422 `authoritativeEntryId`: the designated entry is not one of the flagged pair. */
  OneOfPair = 'one-of-pair',
  /** 422 `authoritativeEntryId`: a retired entry cannot be the authoritative source. */
  NotRetired = 'not-retired',
  /** 422 `authoritativeEntryId`: the designated entry already points to an authoritative source of its own. */
  AuthorityIsSubordinate = 'authority-is-subordinate',
}

/** Rule codes of a 一数一源 request refused as malformed (400). */
export enum SourceInputRule {
  /** 400 `cursor`: a list cursor this list did not hand out. */
  Cursor = 'cursor',
}

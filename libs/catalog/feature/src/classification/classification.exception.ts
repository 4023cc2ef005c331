/**
 * Rule codes of the classification code table (目录分类) and the grade policy (分级策略) answered in a
 * 422's `errors[].rule`.
 */
export enum ClassificationRule {
  /** 422 `code`: the parent of a new 目 or 细目 is not in the code table. */
  KnownParent = 'known-parent',
  /** 422 `code`: the parent of a new 目 or 细目 was withdrawn by the node that issued it. */
  WithdrawnClassification = 'withdrawn-classification',
  /** 422 `rules.<i>.sharingTypes|openTypes`: a grade rule allows a type an inherited rule (上限) does not. */
  ContradictsInherited = 'contradicts-inherited',
}

/** Rule codes of the code table's 409 answers (the code's state refuses the change). */
export enum ClassificationConflictRule {
  /** 409 `code`: the code exists. */
  Unique = 'unique',
  /** 409 `code`: a national code is renamed by the national node only. */
  NationalStandard = 'national-standard',
  /** 409 `code`: the code was issued by an ancestor node and is read-only here. */
  InheritedStandard = 'inherited-standard',
}

/** Rule codes of a 422 about legal grounds (法定事由). */
export enum LegalGroundRule {
  /** A refusal or revocation cites no legal ground in force on this node (非因法定事由不得拒绝). */
  Required = 'legal-ground-required',
}

/** Rule codes of a 409 about legal grounds. */
export enum LegalGroundConflictRule {
  /** A new ground takes a code already in use (withdrawn grounds keep theirs). */
  Unique = 'unique',
}

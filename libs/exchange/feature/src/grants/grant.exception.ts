/** Why a change of a grant is refused as conflicting with its state (409). */
export enum GrantConflict {
  /** Revoking a grant that is already revoked or expired. */
  GrantActive = 'grant-active',
}

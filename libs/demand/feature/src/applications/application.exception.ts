/**
 * Rule codes the demand service answers in a 422's `errors[].rule` when a change to an application
 * breaks a business rule. Clients switch on these values; they never change.
 */
export enum ApplicationRule {
  /** The entry applied for, or answered with, is 不予共享. */
  NotShareable = 'not-shareable',
  /** The entry applied for is the applicant organisation's own data. */
  OwnEntry = 'own-entry',
  /** An application for uncatalogued data names the applicant's own organisation as provider. */
  OtherOrganisation = 'other-organisation',
  /** An application for uncatalogued data names no active organisation of this node as provider. */
  KnownOrganisation = 'known-organisation',
  /** The requested validity, or the grant's, does not run past today. */
  FutureDate = 'future-date',
  /** The requested validity runs more than three years ahead. */
  MaxValidity = 'max-validity',
  /** A grant runs past the validity the applicant asked for. */
  WithinRequested = 'within-requested',
  /** A requested or granted item is not a data item of the entry. */
  EntryItem = 'entry-item',
  /** Grant terms or the referral to the authority are given outside the provider review. */
  ProviderReviewOnly = 'provider-review-only',
  /** The department refuses without saying why. */
  CommentRequired = 'required',
  /** An answer to a request for uncatalogued data names no published entry of the provider organisation. */
  ProviderEntry = 'provider-entry',
  /** A provider-side decision would grant an entry no longer published for sharing here. */
  EntryShareable = 'entry-shareable',
}

/**
 * Rule codes of a 409: the application is not where the verb can be taken. Named by the workflow
 * table (`application-workflow.ts`).
 */
export enum ApplicationConflictRule {
  /** The verb is not allowed in the application's state. */
  State = 'state',
  /** Only a refusal by the provider side may be contested, and only once. */
  Contestable = 'contestable',
  /** Another node holds the turn of the application. */
  Turn = 'turn',
}

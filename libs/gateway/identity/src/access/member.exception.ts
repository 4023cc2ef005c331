/** Rules a new member (user or service account) breaks by its organisation, answered as 422. */
export enum MemberRule {
  /** The organisation named does not exist on this node. */
  OrganisationExists = 'organisation-exists',
  /** The organisation named is deactivated. */
  OrganisationActive = 'organisation-active',
}

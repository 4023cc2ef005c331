/** Rules an organisation write breaks, answered as 422 (`errors[].rule`). */
export enum OrganisationRule {
  /** The parent named does not exist on this node. */
  ParentExists = 'parent-exists',
  /** The parent named is deactivated. */
  ParentActive = 'parent-active',
  /** The new parent is the organisation itself or one of its descendants. */
  ParentCycle = 'parent-cycle',
  /** A parent is given to the node's root organisation. */
  RootHasNoParent = 'root-has-no-parent',
  /** The node's root organisation is unmarked as an authority organisation. */
  RootIsAuthority = 'root-is-authority',
  /** The node's root organisation is deactivated. */
  RootStaysActive = 'root-stays-active',
}

/** Field problems of an organisation that are not 422s: a refused code (400), a conflict (409) or a warning. */
export enum OrganisationFieldRule {
  /** 400: the unified social credit code is not 18 characters. */
  UsccLength = 'uscc-length',
  /** 400: the code uses characters GB 32100 does not (or no 6-digit region code). */
  UsccCharset = 'uscc-charset',
  /** Warning: the check digit is not the one GB 32100 gives (accepted; some early codes fail it). */
  UsccCheckDigit = 'uscc-check-digit',
  /** Warning: a government body's code without the prefix 11. */
  UsccGovernmentPrefix = 'uscc-government-prefix',
  /** 409: another organisation on this node has the code. */
  UniqueUscc = 'unique',
  /** 409: the organisation changed since the version the caller read. */
  VersionMismatch = 'version-mismatch',
}

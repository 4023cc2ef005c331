/** Rule codes an entry write answers with in a 422 when its `content.systemId` is wrong (数据—系统). */
export enum SystemRule {
  /** No information system with that id is registered on this node. */
  SystemExists = 'system-exists',
  /** The system belongs to another organisation than the entry's provider. */
  SystemOfProvider = 'system-of-provider',
}

/** Field codes of a 409 on an information-system write. */
export enum SystemConflict {
  /** The system changed since the version the editor read. */
  VersionMismatch = 'version-mismatch',
  /** Another system of the organisation has the name. */
  Unique = 'unique',
}

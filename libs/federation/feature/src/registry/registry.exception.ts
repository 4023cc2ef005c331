/** Rule codes of a 409 on registry writes. */
export enum RegistryConflict {
  /** Only an active child (one holding a certificate) can be revoked. */
  Active = 'active',
}

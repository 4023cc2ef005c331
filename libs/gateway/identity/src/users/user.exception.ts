/** Rules an account write breaks, answered as 422 (`errors[].rule`). */
export enum UserRule {
  /** Changing one's password with a wrong current password. */
  CurrentPassword = 'current-password',
  /** Deactivating the node's last active node-admin, or removing its node-admin role. */
  LastNodeAdmin = 'last-node-admin',
}

/** Field problems of an account that are not 422s: refused input (400) or a conflict (409). */
export enum UserFieldRule {
  /** 400: the new password is the current one. */
  PasswordUnchanged = 'password-unchanged',
  /** 409: another account has the username. */
  UniqueUsername = 'unique',
}

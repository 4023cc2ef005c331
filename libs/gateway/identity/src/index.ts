export * from './identity.module.js';
export * from './migrations/1763856200000-create-identity.js';
export * from './signing/node-signing-key.js';
export * from './bootstrap/bootstrap-admin.js';
export {
  ensureRootOrganisation,
  lockIdentityBootstrap,
  nodeRegionCode,
  rootOrganisationFor,
} from './bootstrap/root-organisation.js';
export { IDENTITY_SEED, type IdentitySeed } from './identity.bootstrap.js';
export { OrganisationRepository } from './organisations/organisation.repository.js';
export { insertOrganisation } from './organisations/organisation.service.js';
export { UserRepository } from './users/user.repository.js';
export { SCRYPT_PARAMETERS, hashSecret, verifySecret } from './passwords/password-hasher.js';
export { passwordPolicyProblems } from './passwords/password-policy.js';
export { PasswordRule } from './passwords/password.exception.js';
export { MemberRule } from './access/member.exception.js';
export { OrganisationFieldRule, OrganisationRule } from './organisations/organisation.exception.js';
export { SessionRule } from './sessions/session.exception.js';
export { UserFieldRule, UserRule } from './users/user.exception.js';
export { SERVICE_SUBJECT_PREFIX } from './auth/token.service.js';
export type { Organisation, OrganisationKind } from './organisations/organisation.js';
export { BrowserSessions } from './browser-sessions/browser-sessions.js';
export {
  BrowserSessionProblem,
  csrfHeaderRequired,
  sessionEnded,
} from './browser-sessions/browser-session.exception.js';
export {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  SESSION_COOKIE,
  clearedSessionCookie,
  cookieSecure,
  lacksCsrfHeader,
  readSessionCookie,
  withoutSessionCookie,
} from './browser-sessions/session-cookie.js';
export { escapeHtml } from './browser-sessions/login-page.js';

/**
 * The roles of the platform's permission model (libs/platform/auth principal.ts `ROLES`), for
 * labels and for reading a refusal. A unit test keeps this list equal to the platform's.
 */
export const ROLE_NAMES = [
  'catalog-editor',
  'catalog-reviewer',
  'data-admin',
  'auditor',
  'operator',
  'node-admin',
  'api-consumer',
  'demand-applicant',
  'demand-approver',
  'provider-reviewer',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

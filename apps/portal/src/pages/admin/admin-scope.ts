import { ROLE_NAMES } from '@govdata/web-ui';
import { holdsRule, PORTAL_PERMISSIONS, ROLE_SCOPES, type PersonRoles } from '@/navigation/portal-access.js';

/**
 * The roles a person is offered when creating an account (分级), by where their own roles take
 * effect: a node-admin of the node may hand out every role (the API answers 422 beside 角色 when
 * one cannot exist in the organisation chosen); a data-admin only roles that take effect within an
 * organisation. The grant table itself stays with the API, which refuses what this cannot see
 * (a data-admin role in an authority organisation is node-level: 403).
 */
export function grantableRoles(person: PersonRoles, thisNode: string): string[] {
  if (holdsRule(person, { node: ['node-admin'] }, thisNode)) return [...ROLE_NAMES];
  if (holdsRule(person, { organisation: ['data-admin'] }, thisNode)) {
    return ROLE_NAMES.filter((role) => ROLE_SCOPES[role]?.includes('organisation'));
  }
  return [];
}

/**
 * Does the person read accounts node-wide (node-admin, auditor), rather than only those of their own
 * organisation (data-admin, 分域)? Node-wide readers may choose the organisation.
 */
export function readsNodeWide(
  person: PersonRoles,
  permission: 'identity.user.read' | 'identity.service-account.read',
  thisNode: string,
): boolean {
  return holdsRule(person, { node: PORTAL_PERMISSIONS[permission].node }, thisNode);
}

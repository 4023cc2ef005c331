import { holdsRule, PORTAL_PERMISSIONS, type PortalPermission } from '@/navigation/portal-access.js';

/** The part of a principal the decision reads. */
export interface Actor {
  nodeCode: string;
  organisationId: string;
  roles: readonly string[];
  authority?: boolean;
}

/**
 * May the person act on a demand or an error report of the department `organisationId` (null when
 * none has been asked yet)? Node-wide roles act on all of them; a role held for one's organisation
 * only on that organisation's. The API decides; this only keeps buttons away from those it refuses.
 */
export function mayActFor(
  person: Actor,
  permission: PortalPermission,
  organisationId: string | null,
  thisNode: string,
): boolean {
  const rule = PORTAL_PERMISSIONS[permission];
  if ('node' in rule && holdsRule(person, { node: rule.node }, thisNode)) return true;
  return (
    'organisation' in rule &&
    organisationId !== null &&
    person.organisationId === organisationId &&
    holdsRule(person, { organisation: rule.organisation }, thisNode)
  );
}

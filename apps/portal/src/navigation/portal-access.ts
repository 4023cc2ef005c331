/**
 * Which parts of the portal a person may open, by the platform's permission model (分域分级,
 * libs/platform/auth policy.ts): the rules of the permissions the portal's pages need, copied as
 * data — apps/portal/policy-drift keeps them equal to the platform's table. The API still decides
 * every request; this only keeps the menu and the home page to what the person can use.
 */
export interface PermissionRule {
  anyone?: true;
  members?: true;
  /** Roles that take effect node-wide, held in an authority organisation of this node. */
  node?: readonly string[];
  /** Roles that take effect within the holder's own organisation. */
  organisation?: readonly string[];
}

export const PORTAL_PERMISSIONS = {
  'identity.me': { anyone: true },
  'catalog.entry.read': { anyone: true },
  'catalog.entry.edit': { organisation: ['catalog-editor'] },
  'catalog.entry.review': { node: ['catalog-reviewer'] },
  'catalog.entry.publish': { node: ['catalog-reviewer', 'data-admin'] },
  'catalog.statistics.read': { node: ['catalog-reviewer', 'data-admin', 'auditor'] },
  'catalog.clock.read': { node: ['catalog-reviewer', 'data-admin', 'auditor'], organisation: ['catalog-editor'] },
  'catalog.mount.read': { members: true },
  'catalog.reference.read': { anyone: true },
  'catalog.classification.write': { node: ['data-admin'] },
  'catalog.data-element.write': { node: ['data-admin'] },
  'catalog.settings.write': { node: ['data-admin'] },
  'catalog.system.read': { members: true },
  'catalog.excel.import': { organisation: ['catalog-editor'] },
  'catalog.clock.write': { node: ['catalog-reviewer', 'data-admin'], organisation: ['catalog-editor'] },
  'catalog.campaign.read': {
    node: ['catalog-reviewer', 'data-admin', 'auditor'],
    organisation: ['catalog-editor'],
  },
  'catalog.campaign.write': { node: ['data-admin'] },
  'catalog.campaign.confirm': { node: ['catalog-reviewer', 'data-admin'] },
  'demand.application.read': { anyone: true },
  'demand.application.file': { organisation: ['demand-applicant'] },
  'demand.application.decide': {
    node: ['data-admin'],
    organisation: ['demand-applicant', 'demand-approver', 'provider-reviewer', 'data-admin'],
  },
  'exchange.resource.read': { members: true },
  'exchange.resource.write': { organisation: ['data-admin'] },
  'exchange.grant.read': { members: true },
  'exchange.grant.revoke': { organisation: ['data-admin'] },
  'exchange.metering.read': { members: true },
  'exchange.audit.read': { members: true },
  'open-data.review.read': { node: ['data-admin', 'auditor'], organisation: ['data-admin', 'catalog-editor'] },
  'open-data.review.decide': { node: ['data-admin'] },
  'open-data.application.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  'open-data.application.decide': { organisation: ['data-admin', 'provider-reviewer'] },
  'open-data.demand.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  'open-data.demand.assign': { node: ['data-admin'] },
  'open-data.demand.answer': { node: ['data-admin'], organisation: ['data-admin', 'provider-reviewer'] },
  'open-data.error-report.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  'open-data.error-report.answer': { organisation: ['data-admin', 'provider-reviewer'] },
  'open-data.showcase.read': { node: ['data-admin', 'auditor'] },
  'open-data.showcase.review': { node: ['data-admin'] },
  'open-data.comment.moderate': { node: ['data-admin'], organisation: ['data-admin', 'provider-reviewer'] },
  'federation.node.read': { anyone: true },
  'federation.registry.read': { node: ['node-admin', 'operator', 'auditor'] },
  'federation.child.revoke': { node: ['node-admin', 'operator'] },
  'federation.node.renew': { node: ['node-admin', 'operator'] },
  'federation.enrolment.token': { node: ['node-admin', 'operator'] },
  'federation.enrolment.manage': { node: ['node-admin', 'operator'] },
  'federation.anti-entropy.read': { node: ['node-admin', 'operator', 'auditor'] },
  'federation.anti-entropy.run': { node: ['node-admin', 'operator'] },
  'federation.standards.read': { node: ['node-admin', 'operator', 'auditor', 'data-admin'] },
  'identity.organisation.read': { anyone: true },
  'identity.organisation.write': { node: ['node-admin'] },
  'identity.user.read': { node: ['node-admin', 'auditor'], organisation: ['data-admin'] },
  'identity.user.create': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.user.update': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.service-account.read': { node: ['node-admin', 'auditor'], organisation: ['data-admin'] },
  'identity.service-account.create': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.service-account.update': { node: ['node-admin'], organisation: ['data-admin'] },
} as const satisfies Record<string, PermissionRule>;

export type PortalPermission = keyof typeof PORTAL_PERMISSIONS;

/** Where each role can take effect (policy.ts ROLE_SCOPES). */
export const ROLE_SCOPES: Readonly<Record<string, readonly ('node' | 'organisation')[]>> = {
  'node-admin': ['node'],
  operator: ['node'],
  auditor: ['node'],
  'catalog-reviewer': ['node'],
  'data-admin': ['node', 'organisation'],
  'catalog-editor': ['organisation'],
  'demand-applicant': ['organisation'],
  'demand-approver': ['organisation'],
  'provider-reviewer': ['organisation'],
  'api-consumer': ['organisation'],
};

/** The part of a principal the decision reads. */
export interface PersonRoles {
  nodeCode: string;
  roles: readonly string[];
  authority?: boolean;
}

/** Could the person hold the permission on this node at all (node-wide or for their organisation)? */
export function mayAttempt(person: PersonRoles, permission: PortalPermission, thisNode: string): boolean {
  return holdsRule(person, PORTAL_PERMISSIONS[permission], thisNode);
}

/** Does the person hold a role the rule names where it takes effect on this node? */
export function holdsRule(person: PersonRoles, rule: PermissionRule, thisNode: string): boolean {
  if (rule.anyone) return true;
  const onThisNode = person.nodeCode === thisNode;
  if (rule.members) return onThisNode;
  if (!onThisNode) return false;
  const nodeRoles = person.authority ? person.roles.filter((r) => ROLE_SCOPES[r]?.includes('node')) : [];
  const organisationRoles = person.roles.filter((r) => ROLE_SCOPES[r]?.includes('organisation'));
  return (
    nodeRoles.some((r) => rule.node?.includes(r) ?? false) ||
    organisationRoles.some((r) => rule.organisation?.includes(r) ?? false)
  );
}

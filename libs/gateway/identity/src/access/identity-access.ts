import type { Principal, Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';

/** What an authorisation decision about this node's identities needs to know. */
export interface NodeScope {
  nodeCode: string;
  rootOrganisationId: string;
}

/** The target of a user or service-account change. */
export interface TargetOrganisation {
  id: string;
  isRoot: boolean;
}

/** 平臺管理員: node-admin of this node's root organisation, with a token issued for this node. */
export function isNodeAdmin(principal: Principal, scope: NodeScope): boolean {
  return (
    principal.nodeCode === scope.nodeCode &&
    principal.organisationId === scope.rootOrganisationId &&
    principal.roles.includes('node-admin')
  );
}

/**
 * 分域: who may create users and service accounts in an organisation — a node-admin anywhere on the
 * node, a data-admin only in their own organisation. Throws 403 otherwise.
 */
export function assertCanManageMembers(principal: Principal, scope: NodeScope, organisationId: string): void {
  if (principal.nodeCode !== scope.nodeCode) {
    throw GovdataError.forbidden(
      `accounts issued for node ${principal.nodeCode} cannot manage the identities of node ${scope.nodeCode}`,
    );
  }
  if (isNodeAdmin(principal, scope)) return;
  if (principal.roles.includes('data-admin') && principal.organisationId === organisationId) return;
  if (principal.roles.includes('data-admin')) {
    throw GovdataError.forbidden('a data-admin manages accounts of their own organisation only (分域管理)');
  }
  throw GovdataError.forbidden('managing accounts needs node-admin, or data-admin of the organisation');
}

/**
 * 分級: which roles the caller may hand out. `node-admin` only by a node-admin and only in the root
 * organisation; every other role by whoever may manage the organisation's accounts.
 */
export function assertCanGrant(
  principal: Principal,
  scope: NodeScope,
  target: TargetOrganisation,
  roles: readonly Role[],
  path = 'roles',
): void {
  if (!roles.includes('node-admin')) return;
  if (!isNodeAdmin(principal, scope)) throw GovdataError.forbidden('only a node-admin may grant the node-admin role');
  if (!target.isRoot) {
    throw GovdataError.rule(
      path,
      'node-admin-in-root-organisation',
      "node-admin can only be granted in the node's root organisation",
    );
  }
}

/** A node-admin of this node (HTTP routes already checked the role; this also checks node and organisation). */
export function assertNodeAdmin(principal: Principal, scope: NodeScope): void {
  if (!isNodeAdmin(principal, scope)) {
    throw GovdataError.forbidden(`this action needs node-admin of node ${scope.nodeCode}'s root organisation`);
  }
}

import { assertMayGrant, can, grantRefusal, holdsNodeRole, type Principal, type Role } from '@govdata/platform-auth';
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
  /** 数据主管部门; the root organisation always is one (absent: same as isRoot). */
  authority?: boolean;
}

/** 平台管理员: node-admin of this node's root organisation, with a token issued for this node. */
export function isNodeAdmin(principal: Principal, scope: NodeScope): boolean {
  return (
    principal.organisationId === scope.rootOrganisationId && holdsNodeRole(principal, 'node-admin', scope.nodeCode)
  );
}

/**
 * 分域: who may create users and service accounts in an organisation — a node-admin anywhere on the
 * node, a data-admin only in their own organisation. Throws 403 otherwise.
 */
export function assertCanManageMembers(principal: Principal, scope: NodeScope, organisationId: string): void {
  if (principal.nodeCode !== scope.nodeCode) {
    throw GovdataError.forbidden(
      `为节点 ${principal.nodeCode} 签发的账号不能管理节点 ${scope.nodeCode} 的身份 (accounts issued for node ${principal.nodeCode} cannot manage the identities of node ${scope.nodeCode})`,
    );
  }
  if (isNodeAdmin(principal, scope)) return;
  if (can(principal, 'identity.user.create', { nodeCode: scope.nodeCode, organisationId })) return;
  if (principal.roles.includes('data-admin')) {
    throw GovdataError.forbidden('a data-admin manages accounts of their own organisation only (分域管理)');
  }
  throw GovdataError.forbidden(
    '管理账号需要节点管理员，或该机构的数据管理员 (managing accounts needs node-admin, or data-admin of the organisation)',
  );
}

/**
 * 分级: which roles the caller may hand out — the grant table of platform-auth's policy.ts. Node-level
 * roles (node-admin, operator, auditor, catalog-reviewer, data-admin of an authority organisation)
 * only by a node-admin of this node and only in an authority organisation (node-admin only in the
 * root organisation); organisation-level roles by a node-admin or a data-admin of that organisation.
 * 403 when the caller lacks the authority, 422 on `path` when the role cannot exist there. Used for
 * new users and service accounts and for granting roles to existing accounts.
 */
export function assertCanGrant(
  principal: Principal,
  scope: NodeScope,
  target: TargetOrganisation,
  roles: readonly Role[],
  path = 'roles',
): void {
  assertMayGrant(principal, roles, grantTarget(scope, target), path);
}

/**
 * May the caller change an account holding `heldRoles` (deactivate it, end its sessions, remove a
 * role, rotate a secret)? Only someone who could grant those roles there: 403 otherwise. A role that
 * could not be granted there today (a stale grant) does not stop its removal.
 */
export function assertCanChangeHolder(
  principal: Principal,
  scope: NodeScope,
  target: TargetOrganisation,
  heldRoles: readonly Role[],
): void {
  for (const role of heldRoles) {
    const refusal = grantRefusal(principal, role, grantTarget(scope, target));
    if (refusal?.status === 403) throw GovdataError.forbidden(refusal.message);
  }
}

function grantTarget(scope: NodeScope, target: TargetOrganisation) {
  return {
    nodeCode: scope.nodeCode,
    organisationId: target.id,
    isRoot: target.isRoot,
    authority: target.authority ?? target.isRoot,
  };
}

/** A node-admin of this node (HTTP routes already checked the role; this also checks node and organisation). */
export function assertNodeAdmin(principal: Principal, scope: NodeScope): void {
  if (!isNodeAdmin(principal, scope)) {
    throw GovdataError.forbidden(
      `此操作需要节点 ${scope.nodeCode} 根机构的节点管理员 (this action needs node-admin of node ${scope.nodeCode}'s root organisation)`,
    );
  }
}

import type { Principal, Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import type { Organisation } from '../organisations/organisation.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { assertCanChangeHolder, assertCanGrant, assertCanManageMembers, type NodeScope } from './identity-access.js';
import { MemberRule } from './member.exception.js';

const organisations = new OrganisationRepository();

/** This node's scope for authorisation decisions; the root organisation is created at first start. */
export async function nodeScope(manager: EntityManager, nodeCode: string): Promise<NodeScope> {
  const root = await organisations.findRoot(manager, nodeCode);
  if (!root)
    throw GovdataError.unavailable(
      '本节点尚无根机构；网关启动时会创建 (the node has no root organisation yet; it is created when the gateway starts)',
    );
  return { nodeCode, rootOrganisationId: root.id };
}

/**
 * Checks that the caller may add an account holding `roles` to the organisation (分域分级), and that
 * the organisation exists and is active. Returns the organisation.
 */
export async function authoriseNewMember(
  manager: EntityManager,
  nodeCode: string,
  principal: Principal,
  organisationId: string,
  roles: readonly Role[],
): Promise<Organisation> {
  const scope = await nodeScope(manager, nodeCode);
  assertCanManageMembers(principal, scope, organisationId);
  const target = await organisations.findById(manager, nodeCode, organisationId);
  if (!target)
    throw GovdataError.rule(
      'organisationId',
      MemberRule.OrganisationExists,
      `节点 ${nodeCode} 上没有机构 ${organisationId} (no organisation ${organisationId} on node ${nodeCode})`,
    );
  if (!target.active)
    throw GovdataError.rule(
      'organisationId',
      MemberRule.OrganisationActive,
      '该机构已停用 (the organisation is deactivated)',
    );
  assertCanGrant(principal, scope, target, roles);
  return target;
}

/**
 * Checks that the caller may change an existing account of the organisation that holds `heldRoles`
 * (deactivate, end its sessions, remove a role, rotate a secret): the same 分域分级 rule as creating
 * it — a node-admin anywhere on the node, a data-admin in their own organisation, and an account
 * holding node-admin only by a node-admin.
 */
export async function authoriseMemberChange(
  manager: EntityManager,
  nodeCode: string,
  principal: Principal,
  organisationId: string,
  heldRoles: readonly Role[],
): Promise<void> {
  const scope = await nodeScope(manager, nodeCode);
  assertCanManageMembers(principal, scope, organisationId);
  const target = await organisations.findById(manager, nodeCode, organisationId);
  assertCanChangeHolder(
    principal,
    scope,
    { id: organisationId, isRoot: target?.isRoot ?? false, authority: target?.authority ?? false },
    heldRoles,
  );
}

import { assertCan, can, type Permission, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';

/** The caller holds a token of this node: other nodes' principals act through the federation. */
export function assertOnNode(principal: Principal, nodeCode: string): void {
  if (principal.nodeCode !== nodeCode) {
    throw GovdataError.forbidden(
      `本节点为 ${nodeCode}；节点 ${principal.nodeCode} 的令牌不能在此使用 (this is node ${nodeCode}; a token of node ${principal.nodeCode} does not act here)`,
    );
  }
}

/** 平台管理员 or 审计员 of an authority organisation of this node: sees every organisation's resources, grants, calls and metering. */
export function isNodeOverseer(principal: Principal, nodeCode: string): boolean {
  return can(principal, 'exchange.read-all', { nodeCode });
}

/** The organisation whose records the caller reads: its own, or any for a node overseer. */
export function readableOrganisation(
  principal: Principal,
  nodeCode: string,
  asked: string | undefined,
  what: string,
): string | null {
  assertOnNode(principal, nodeCode);
  if (isNodeOverseer(principal, nodeCode)) return asked ?? null;
  if (asked !== undefined && asked !== principal.organisationId) {
    throw GovdataError.forbidden(
      `仅节点管理员或审计员可查看其他机构的记录 (only a node-admin or auditor reads another organisation's ${what})`,
    );
  }
  return principal.organisationId;
}

/** 数据管理员 of `organisationId` on this node, holding `permission` for it (policy.ts). */
export function assertDataAdminOf(
  principal: Principal,
  nodeCode: string,
  organisationId: string,
  action: string,
  permission: Permission = 'exchange.resource.write',
): void {
  assertOnNode(principal, nodeCode);
  assertCan(principal, permission, { nodeCode, organisationId }, `to ${action}, organisation ${organisationId}`);
}

import { can, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';

/** Editors act for their organisation; the node's reviewers and data-admins for any of the node's. */
export function assertMayOpen(principal: Principal, nodeCode: string, organisationId: string): void {
  if (can(principal, 'catalog.clock.write', { nodeCode, organisationId })) return;
  throw GovdataError.forbidden(
    `仅机构 ${organisationId} 的目录编目员或节点 ${nodeCode} 的目录审核员、数据管理员可执行此操作 (only a catalog-editor of organisation ${organisationId} or a catalog-reviewer / data-admin of node ${nodeCode} may do this)`,
  );
}

/** Authority and auditors of the node read every organisation's clocks; editors their own. */
export function mayRead(principal: Principal, nodeCode: string, organisationId: string): boolean {
  return can(principal, 'catalog.clock.read', { nodeCode, organisationId });
}

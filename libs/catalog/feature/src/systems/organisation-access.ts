import { can, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';

/**
 * Who may do what with the registers kept beside the entries (systems, data sources, mounts,
 * 一数一源 flags): the same split as entries — an organisation's catalog editors act for it, the
 * node's catalog reviewers and data administrators (主管部门) oversee the whole node.
 */
export function isOnNode(principal: Principal, nodeCode: string): boolean {
  return principal.nodeCode === nodeCode;
}

/** catalog-reviewer or data-admin held in an authority organisation of this node (policy.ts). */
export function isNodeAuthority(principal: Principal, nodeCode: string): boolean {
  return can(principal, 'catalog.entry.read-all', { nodeCode });
}

/** A catalog editor acting for this organisation on this node. */
export function isEditorOf(principal: Principal, nodeCode: string, organisationId: string): boolean {
  return can(principal, 'catalog.entry.edit', { nodeCode, organisationId });
}

export function assertOnNode(principal: Principal, nodeCode: string): void {
  if (!isOnNode(principal, nodeCode)) {
    throw GovdataError.forbidden(
      `仅节点 ${nodeCode} 的用户和服务可查看此登记簿 (only users and services of node ${nodeCode} may read this register)`,
    );
  }
}

/** 403 unless the caller is a catalog editor of the organisation; `what` names the action. */
export function assertEditorOf(principal: Principal, nodeCode: string, organisationId: string, what: string): void {
  if (!isEditorOf(principal, nodeCode, organisationId)) {
    throw GovdataError.forbidden(
      `仅节点 ${nodeCode} 上机构 ${organisationId} 的目录编目员可执行此操作 (only a catalog editor (catalog-editor) of organisation ${organisationId} on node ${nodeCode} may ${what})`,
    );
  }
}

export function assertNodeAuthority(principal: Principal, nodeCode: string, what: string): void {
  if (!isNodeAuthority(principal, nodeCode)) {
    throw GovdataError.forbidden(
      `仅节点 ${nodeCode} 的目录审核员或数据管理员可执行此操作 (only a catalog-reviewer or data-admin of node ${nodeCode} may ${what})`,
    );
  }
}

import { GovdataError } from '@govdata/platform-errors';
import { GrantRule } from './auth.exception.js';
import type { Principal, Role } from './principal.js';

/**
 * 分域分级权限模型 — the one permission model of a node. Every HTTP endpoint names a permission from
 * PERMISSIONS (`@RequirePermission`); services decide finer questions (whose entry, which
 * organisation) with `can()` on the same table. Nothing else decides who may do what.
 *
 * 角色的作用域 (where a role takes effect):
 * - 节点级角色 (node level): 平台管理员 node-admin, 运维人员 operator, 审计员 auditor, 目录审核员
 *   catalog-reviewer, and 数据管理员 data-admin when held in an authority organisation (数据主管部门).
 *   They act node-wide, but only when held in one of the node's **authority organisations** (the
 *   root organisation, and those a node-admin marks `authority`) and only on the node that issued
 *   the token. The issuer states it in the token's `authority` claim; a request never does.
 * - 部门级角色 (organisation level): catalog-editor 目录编目员, data-admin 部门数据管理员 (the
 *   department's members, resources and grants), demand-applicant, demand-approver,
 *   provider-reviewer, api-consumer. They act only within the holder's own organisation, on the node
 *   that issued the token.
 * - 授权 (granting, GRANT_RULES): node-level roles are granted only by a node-admin of this node and
 *   only to members of an authority organisation (node-admin only in the root organisation);
 *   organisation-level roles by a node-admin, or by a data-admin of that same organisation. No
 *   account hands out a role it does not hold at a scope it does not hold.
 * - 运维人员 operator: federation, registry and enrolment operations and status; never catalog
 *   content, users or grants.
 */
export type Scope = 'node' | 'organisation';

/** Where each role can take effect (and so where it may be granted). */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
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

/**
 * Who holds a permission (routes reachable without a token are marked `@Public()` instead):
 * - `anyone`: any verified token of a trusted issuer (the service filters what each reader sees);
 * - `members`: any verified token issued for this node, whatever its roles (registers kept per node);
 * - `kinds`: only these kinds of principal (e.g. exchange calls are made by service accounts);
 * - `node`: these roles, held in an authority organisation of this node;
 * - `organisation`: these roles, within the holder's own organisation on this node.
 */
export interface PermissionRule {
  anyone?: true;
  members?: true;
  kinds?: ReadonlyArray<Principal['kind']>;
  node?: readonly Role[];
  organisation?: readonly Role[];
}

const NODE_OVERSIGHT: readonly Role[] = ['node-admin', 'operator', 'auditor'];
const FEDERATION_OPERATORS: readonly Role[] = ['node-admin', 'operator'];
const CATALOG_AUTHORITY: readonly Role[] = ['catalog-reviewer', 'data-admin'];

/** 权限表 — the permission table. */
export const PERMISSIONS = {
  // 目录 catalog
  'catalog.entry.read': { anyone: true },
  /** Sees every entry of the node, drafts and restricted ones included (checked in the service). */
  'catalog.entry.read-all': { node: CATALOG_AUTHORITY },
  'catalog.statistics.read': { node: [...CATALOG_AUTHORITY, 'auditor'] },
  'catalog.entry.edit': { organisation: ['catalog-editor'] },
  'catalog.entry.review': { node: ['catalog-reviewer'] },
  'catalog.entry.publish': { node: CATALOG_AUTHORITY },
  'catalog.entry.retire': { node: ['data-admin'], organisation: ['catalog-editor'] },
  'catalog.search.reindex': { node: ['node-admin', 'data-admin'] },
  'catalog.reference.read': { anyone: true },
  'catalog.classification.write': { node: ['data-admin'] },
  'catalog.data-element.write': { node: ['data-admin'] },
  'catalog.standard.conflicts.read': { node: ['data-admin', 'auditor'] },
  'catalog.settings.write': { node: ['data-admin'] },
  'catalog.system.read': { members: true },
  'catalog.system.write': { organisation: ['catalog-editor'] },
  'catalog.data-source.read': { members: true },
  'catalog.data-source.write': { organisation: ['catalog-editor'] },
  'catalog.mount.read': { members: true },
  'catalog.mount.write': { organisation: ['catalog-editor'] },
  'catalog.excel.import': { organisation: ['catalog-editor'] },
  'catalog.clock.read': { node: [...CATALOG_AUTHORITY, 'auditor'], organisation: ['catalog-editor'] },
  'catalog.clock.write': { node: CATALOG_AUTHORITY, organisation: ['catalog-editor'] },
  'catalog.campaign.read': { node: [...CATALOG_AUTHORITY, 'auditor'], organisation: ['catalog-editor'] },
  'catalog.campaign.write': { node: ['data-admin'] },
  'catalog.campaign.confirm': { node: CATALOG_AUTHORITY },
  'catalog.source-conflict.resolve': { node: CATALOG_AUTHORITY },
  // 身份 identity
  'identity.me': { anyone: true },
  'identity.organisation.read': { anyone: true },
  'identity.organisation.write': { node: ['node-admin'] },
  'identity.user.read': { node: ['node-admin', 'auditor'], organisation: ['data-admin'] },
  'identity.user.create': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.user.update': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.service-account.read': { node: ['node-admin', 'auditor'], organisation: ['data-admin'] },
  'identity.service-account.create': { node: ['node-admin'], organisation: ['data-admin'] },
  'identity.service-account.update': { node: ['node-admin'], organisation: ['data-admin'] },
  // 供需对接 demand
  'demand.legal-grounds.read': { anyone: true },
  'demand.legal-grounds.write': { node: ['data-admin'] },
  'demand.application.read': { anyone: true },
  'demand.application.file': { organisation: ['demand-applicant'] },
  'demand.application.decide': {
    node: ['data-admin'],
    organisation: ['demand-applicant', 'demand-approver', 'provider-reviewer', 'data-admin'],
  },
  // 共享交换 exchange
  /** Reads every organisation's resources, grants, calls and metering (checked in the service). */
  'exchange.read-all': { node: ['node-admin', 'auditor'] },
  'exchange.resource.read': { members: true },
  'exchange.resource.write': { organisation: ['data-admin'] },
  'exchange.grant.read': { members: true },
  'exchange.grant.revoke': { organisation: ['data-admin'] },
  'exchange.call': { organisation: ['api-consumer'], kinds: ['service'] },
  'exchange.metering.read': { members: true },
  'exchange.audit.read': { members: true },
  // 数据开放 open data (the open catalog itself is public: its routes are `@Public()`)
  /** The opening review queue: the node authority, or a department for its own datasets. */
  'open-data.review.read': { node: ['data-admin', 'auditor'], organisation: ['data-admin', 'catalog-editor'] },
  /** 开放审核: the node's 数据主管部门 decides what is opened, with which columns masked or withheld. */
  'open-data.review.decide': { node: ['data-admin'] },
  /** 有条件开放申请: the providing department sees the applications for its data; the authority all. */
  'open-data.application.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  /** The providing department decides them (agreement or refusal) and may revoke a grant in force. */
  'open-data.application.decide': { organisation: ['data-admin', 'provider-reviewer'] },
  /** 数据需求征集: the node authority routes a public demand to a department; the department answers it. */
  'open-data.demand.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  'open-data.demand.assign': { node: ['data-admin'] },
  'open-data.demand.answer': { node: ['data-admin'], organisation: ['data-admin', 'provider-reviewer'] },
  /** 纠错: a public error report goes to the providing department, which answers it. */
  'open-data.error-report.read': {
    node: ['data-admin', 'auditor'],
    organisation: ['data-admin', 'provider-reviewer'],
  },
  'open-data.error-report.answer': { organisation: ['data-admin', 'provider-reviewer'] },
  /** 应用成果展示: the node authority reviews what the public submits before it is shown. */
  'open-data.showcase.read': { node: ['data-admin', 'auditor'] },
  'open-data.showcase.review': { node: ['data-admin'] },
  /** Comments are public at once; the authority, or the providing department, may hide one with a reason. */
  'open-data.comment.moderate': { node: ['data-admin'], organisation: ['data-admin', 'provider-reviewer'] },
  // 级联 federation
  'federation.node.read': { anyone: true },
  'federation.registry.read': { node: NODE_OVERSIGHT },
  'federation.child.revoke': { node: FEDERATION_OPERATORS },
  'federation.node.renew': { node: FEDERATION_OPERATORS },
  'federation.enrolment.token': { node: FEDERATION_OPERATORS },
  'federation.enrolment.manage': { node: FEDERATION_OPERATORS },
  'federation.anti-entropy.read': { node: NODE_OVERSIGHT },
  'federation.anti-entropy.run': { node: FEDERATION_OPERATORS },
  'federation.standards.read': { node: [...NODE_OVERSIGHT, 'data-admin'] },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(name: string): name is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, name);
}

function ruleOf(permission: Permission): PermissionRule {
  return PERMISSIONS[permission];
}

/** Roles of the principal that take effect node-wide on `thisNode`. */
export function nodeRoles(principal: Principal, thisNode: string): Role[] {
  if (principal.nodeCode !== thisNode || !principal.authority) return [];
  return principal.roles.filter((r) => ROLE_SCOPES[r].includes('node'));
}

/** Roles of the principal that take effect within its own organisation on `thisNode`. */
export function organisationRoles(principal: Principal, thisNode: string): Role[] {
  if (principal.nodeCode !== thisNode) return [];
  return principal.roles.filter((r) => ROLE_SCOPES[r].includes('organisation'));
}

/** Does the principal hold `role` node-wide on `thisNode` (in an authority organisation)? */
export function holdsNodeRole(principal: Principal, role: Role, thisNode: string): boolean {
  return nodeRoles(principal, thisNode).includes(role);
}

/**
 * The guard's question, before the target is known: could this principal hold the permission on
 * `thisNode` at all (node-wide, or for its own organisation)?
 */
export function mayAttempt(principal: Principal, permission: Permission, thisNode: string): boolean {
  const rule = ruleOf(permission);
  if (rule.kinds && !rule.kinds.includes(principal.kind)) return false;
  if (rule.anyone) return true;
  if (rule.members) return principal.nodeCode === thisNode;
  if (nodeRoles(principal, thisNode).some((r) => rule.node?.includes(r))) return true;
  return organisationRoles(principal, thisNode).some((r) => rule.organisation?.includes(r));
}

/** What a finer decision is about: a node, and the organisation owning the resource (if any). */
export interface PermissionTarget {
  nodeCode: string;
  organisationId?: string | null;
}

/** The scope at which the principal holds the permission for this target, or null. */
export function scopeOf(principal: Principal, permission: Permission, target: PermissionTarget): Scope | null {
  const rule = ruleOf(permission);
  if (rule.kinds && !rule.kinds.includes(principal.kind)) return null;
  if (nodeRoles(principal, target.nodeCode).some((r) => rule.node?.includes(r))) return 'node';
  if (
    target.organisationId &&
    target.organisationId === principal.organisationId &&
    organisationRoles(principal, target.nodeCode).some((r) => rule.organisation?.includes(r))
  ) {
    return 'organisation';
  }
  return null;
}

/** May the principal exercise `permission` on the target? `anyone`/`members` rules only say who may ask. */
export function can(principal: Principal, permission: Permission, target: PermissionTarget): boolean {
  return scopeOf(principal, permission, target) !== null;
}

/** 403 naming the permission and who holds it, unless `can()`. */
export function assertCan(principal: Principal, permission: Permission, target: PermissionTarget, what?: string): void {
  if (can(principal, permission, target)) return;
  throw GovdataError.forbidden(
    `无权执行此操作，缺少权限 ${permission} (${what ?? permission} needs ${describeHolders(permission, target)})`,
  );
}

/** "data-admin of an authority organisation of node X, or catalog-editor of organisation Y". */
export function describeHolders(permission: Permission, target?: PermissionTarget): string {
  const rule = ruleOf(permission);
  const node = target ? ` of node ${target.nodeCode}` : '';
  const parts: string[] = [];
  if (rule.node?.length) parts.push(`${rule.node.join(' or ')} in an authority organisation${node}`);
  if (rule.organisation?.length) {
    const org = target?.organisationId ? `organisation ${target.organisationId}` : 'its own organisation';
    parts.push(`${rule.organisation.join(' or ')} of ${org}`);
  }
  return parts.join(', or ') || 'no role';
}

/** The organisation an account would get a role in. */
export interface GrantTarget {
  nodeCode: string;
  organisationId: string;
  /** 数据主管部门: the root organisation or one a node-admin marked as authority. */
  authority: boolean;
  isRoot: boolean;
}

/** Why a grant is refused: 403 when the caller lacks the authority, 422 when the role cannot exist there. */
export type GrantRefusal =
  | { status: 403; rule: GrantRule.NeedsNodeAdmin | GrantRule.NeedsDataAdminOfOrganisation; message: string }
  | {
      status: 422;
      rule: GrantRule.NodeAdminInRootOrganisation | GrantRule.NodeRoleInAuthorityOrganisation;
      message: string;
    };

/**
 * 授权表 — the grant table: who may grant `role` in the target organisation.
 * - node-admin: a node-admin of this node, in the root organisation only;
 * - other node-level roles (operator, auditor, catalog-reviewer, and data-admin of an authority
 *   organisation): a node-admin of this node, to members of an authority organisation only;
 * - organisation-level roles: a node-admin of this node, or a data-admin of that same organisation.
 */
export function grantRefusal(principal: Principal, role: Role, target: GrantTarget): GrantRefusal | null {
  const nodeAdmin = holdsNodeRole(principal, 'node-admin', target.nodeCode);
  const nodeLevel = !ROLE_SCOPES[role].includes('organisation') || (role === 'data-admin' && target.authority);
  if (nodeLevel) {
    if (!nodeAdmin) {
      return {
        status: 403,
        rule: GrantRule.NeedsNodeAdmin,
        message: `仅节点 ${target.nodeCode} 的节点管理员可授予节点级角色 ${role} (only a node-admin of node ${target.nodeCode} may grant the node-level role ${role})`,
      };
    }
    if (role === 'node-admin' && !target.isRoot) {
      return {
        status: 422,
        rule: GrantRule.NodeAdminInRootOrganisation,
        message:
          "节点管理员角色只能在本节点的根机构中授予 (node-admin can only be granted in the node's root organisation)",
      };
    }
    if (!target.authority) {
      return {
        status: 422,
        rule: GrantRule.NodeRoleInAuthorityOrganisation,
        message: `${role} is a node-level role; it can only be granted to members of an authority organisation (数据主管部门)`,
      };
    }
    return null;
  }
  if (nodeAdmin) return null;
  const ownDataAdmin =
    principal.nodeCode === target.nodeCode &&
    principal.organisationId === target.organisationId &&
    principal.roles.includes('data-admin');
  if (ownDataAdmin) return null;
  return {
    status: 403,
    rule: GrantRule.NeedsDataAdminOfOrganisation,
    message: `机构 ${target.organisationId} 中的 ${role} 角色由节点管理员或该机构的数据管理员授予 (${role} in organisation ${target.organisationId} is granted by a node-admin or a data-admin of that organisation)`,
  };
}

/** Throws the grant table's refusal for the first role that may not be granted: 403, or 422 on `path`. */
export function assertMayGrant(
  principal: Principal,
  roles: readonly Role[],
  target: GrantTarget,
  path = 'roles',
): void {
  for (const role of roles) {
    const refusal = grantRefusal(principal, role, target);
    if (!refusal) continue;
    if (refusal.status === 403) throw GovdataError.forbidden(refusal.message);
    throw GovdataError.rule(path, refusal.rule, refusal.message);
  }
}

/** Roles a user or service account holds within its organisation (分域分级). */
export const ROLES = [
  'catalog-editor', // 目录编目员
  'catalog-reviewer', // 目录审核员
  'data-admin', // 数据管理员
  'auditor', // 审计员
  'operator', // 运维人员
  'node-admin', // 平台管理员
  'api-consumer', // 接口调用方
  'demand-applicant', // 数据需求申请人
  'demand-approver', // 需求方部门审批人
  'provider-reviewer', // 数据提供方审核人
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified token. */
export interface Principal {
  subject: string;
  kind: 'user' | 'service';
  /** Organisation the roles are scoped to. */
  organisationId: string;
  /** Node that issued the token. */
  nodeCode: string;
  roles: Role[];
  /**
   * The organisation is an authority organisation (数据主管部门) of the issuing node, so node-level
   * roles take effect (see policy.ts). Stated by the issuer in the token, never by a request;
   * absent means false.
   */
  authority?: boolean;
  name?: string;
}

/** Custom claims carried in access tokens next to the registered ones. */
export interface GovdataClaims {
  kind: 'user' | 'service';
  org: string;
  node: string;
  roles: Role[];
  /** Present and true when `org` is an authority organisation of `node`. */
  authority?: boolean;
  name?: string;
}

export const TOKEN_AUDIENCE = 'govdata';

/** Roles a user or service account holds within its organisation (分域分級). */
export const ROLES = [
  'catalog-editor', // 目錄編目員
  'catalog-reviewer', // 目錄審核員
  'data-admin', // 數據管理員
  'auditor', // 審計員
  'operator', // 運維人員
  'node-admin', // 平臺管理員
  'api-consumer', // 接口調用方
  'demand-applicant', // 數據需求申請人
  'demand-approver', // 需求方部門審批人
  'provider-reviewer', // 數據提供方審核人
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

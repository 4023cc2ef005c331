/**
 * 用户与机构 — what the gateway's identity endpoints answer and take (libs/gateway/identity:
 * organisation.ts, organisation.dto.ts, user.repository.ts, user.dto.ts,
 * service-account.repository.ts, service-accounts.controller.ts), which the OpenAPI document does
 * not describe yet.
 */

/** A page of a list (`paging/cursor.ts`): pass `nextCursor` as `cursor` for the next one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** 组织机构类型 (ORGANISATION_KIND_NAMES in libs/contracts). */
export const ORGANISATION_KINDS = ['department', 'government', 'public_institution', 'enterprise'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** 组织机构 as `GET /organisations` lists it. */
export interface Organisation {
  id: string;
  nodeCode: string;
  name: string;
  /** 统一社会信用代码 (GB 32100). */
  uscc: string;
  /** 行政区划代码 (GB/T 2260). */
  regionCode: string;
  kind: OrganisationKind;
  parentId: string | null;
  isRoot: boolean;
  /** 数据主管部门: node-level roles held here take effect node-wide. */
  authority: boolean;
  version: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** What a create or update answers: the organisation, and what was accepted but deserves a look. */
export type OrganisationResponse = Organisation & {
  warnings?: Array<{ path: string; rule?: string; message: string }>;
};

/** `POST /organisations` (createOrganisationBody). */
export interface CreateOrganisationBody {
  name: string;
  uscc: string;
  regionCode: string;
  kind: OrganisationKind;
  parentId?: string | null;
  authority?: boolean;
}

/** `PATCH /organisations/{id}` (updateOrganisationBody): the fields changed, and the version read. */
export type UpdateOrganisationBody = Partial<CreateOrganisationBody> & { active?: boolean; version?: number };

/** 用户 as `GET /users` lists it. */
export interface UserAccount {
  id: string;
  organisationId: string;
  username: string;
  displayName: string;
  /** Roles granted in the user's own organisation. */
  roles: string[];
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** `POST /users` (createUserBody). */
export interface CreateUserBody {
  organisationId: string;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
}

/** 服务账号 as `GET /service-accounts` lists it (never its secret). */
export interface ServiceAccount {
  id: string;
  organisationId: string;
  clientId: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

/** What creating an account or rotating its secret answers: the one time the secret is shown. */
export type NewServiceAccount = ServiceAccount & { client_id: string; client_secret: string };

/** `POST /service-accounts`. */
export interface CreateServiceAccountBody {
  organisationId: string;
  name: string;
  roles: string[];
}

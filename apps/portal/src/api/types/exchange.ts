import type { paths } from '../generated/exchange.js';

/**
 * Response bodies of the exchange service, mirroring its view types (libs/exchange/feature
 * api-resource.ts, grant.ts, call-record.repository.ts, audit.controller.ts), which its OpenAPI
 * document does not describe yet. Request bodies come from the generated document.
 */
export type RegisterResourceBody = NonNullable<
  paths['/api/v1/exchange/resources']['post']['requestBody']
>['content']['application/json'];

export type OperationRef = RegisterResourceBody['operations'][number];
export type ResponseItemMapping = NonNullable<RegisterResourceBody['responseItems']>[number];
export type MaskAs = NonNullable<ResponseItemMapping['maskAs']>;

/** Masking categories a mapping may declare (masking-rules.ts MASK_CATEGORIES, and `none`). */
export const MASK_CHOICES: readonly MaskAs[] = [
  'id-card',
  'mobile',
  'name',
  'address',
  'bank-card',
  'email',
  'uscc',
  'none',
];

export type CallMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An operation of the upstream the resource exposes (openapi-operations.ts ExposedOperation). */
export interface ExposedOperation {
  method: CallMethod;
  path: string;
  operationId: string | null;
  summary: string | null;
  recordsAt?: string;
}

/** 接口资源 (api-resource.ts ApiResourceView): never the secret, only whether one is stored. */
export interface ApiResourceView {
  id: string;
  organisationId: string;
  entryId: string;
  name: string;
  baseUrl: string;
  operations: ExposedOperation[];
  responseItems: Array<ResponseItemMapping & { dataType?: string; dataElement?: string }>;
  recordsAt: string | null;
  upstream: { timeoutMs?: number; maxResponseBytes?: number; retries?: number; connections?: number };
  credentials: {
    kind: 'none' | 'api-key' | 'bearer' | 'basic';
    hasSecret: boolean;
    in?: 'header' | 'query';
    name?: string;
    username?: string;
  };
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const GRANT_STATUSES = ['active', 'revoked', 'expired'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type GrantSide = 'provider' | 'consumer';

/** 授权 (grant.ts GrantView). */
export interface GrantView {
  /** The id of the sharing application it came from. */
  id: string;
  applicationId: string;
  applicationVersion: number;
  version: number;
  status: GrantStatus;
  consumerNode: string;
  consumerOrganisationId: string;
  /** Client ids of the service accounts that may call; empty = any of the organisation's. */
  serviceAccounts: string[];
  providerNode: string;
  providerOrganisationId: string | null;
  entryId: string;
  entryCode: string | null;
  items: string[];
  purpose: string;
  /** Beijing dates `YYYY-MM-DD`, both included. */
  validFrom: string;
  validUntil: string;
  ratePerSecond: number;
  burst: number;
  quotaPerDay: number | null;
  quotaPerMonth: number | null;
  revokedReason: string | null;
  changedBy: string | null;
  createdAt: string;
  changedAt: string;
}

export const METERING_DIMENSIONS = ['grant', 'resource', 'consumer', 'provider'] as const;
export type MeteringDimension = (typeof METERING_DIMENSIONS)[number];

/** 计量 — one key of a dimension over a period (call-record.repository.ts MeteringRow). */
export interface MeteringRow {
  key: string | null;
  calls: number;
  ok: number;
  denied: number;
  failed: number;
  errors: number;
  latencyAvgMs: number;
  latencyP95Ms: number;
  latencyMaxMs: number;
  bytes: number;
  records: number;
}

export interface MeteringAnswer {
  by: MeteringDimension;
  from: string;
  to: string;
  items: MeteringRow[];
}

/** 调用审计记录 (exchange-ledger audit-record.ts AuditRecord), as the ledger hashed it. */
export interface AuditRecord {
  callId: string;
  at: string;
  consumer: { node: string; organisationId: string; subject: string };
  provider: { node: string; organisationId: string };
  grantId: string;
  resource: string;
  items: number;
  outcome: 'ok' | 'denied' | 'failed';
  latencyMs: number;
  bytes: number;
  requestHash: string;
}

/** `GET /exchange/audit/records`: the organisation's records, each with its proof at `treeSize`. */
export interface AuditRecordsAnswer {
  treeSize: number;
  hashAlgorithm: string;
  items: Array<{ leafIndex: number; record: AuditRecord; leafHash: string; proof: string[] }>;
}

/** `GET /exchange/audit/checkpoint`: the latest signed checkpoint (a C2SP signed note) and its key. */
export interface CheckpointAnswer {
  origin: string;
  treeSize: number;
  /** base64 */
  rootHash: string;
  hashAlgorithm: string;
  note: string;
  signedAt: string;
  /** `<name>+<key hash hex>+<base64(type ‖ public key)>` */
  verifierKey: string;
}

/** `GET /exchange/audit/inclusion?callId=&treeSize=`: the proof of one call (hashes base64). */
export interface InclusionAnswer {
  callId: string;
  leafIndex: number;
  treeSize: number;
  hashAlgorithm: string;
  leafHash: string;
  proof: string[];
  record: AuditRecord;
}

import type { ResponseItem } from '../policy/response-items.js';
import type { UpstreamSettings } from '../policy/upstream-caller.js';
import type { ExposedOperation } from './openapi-operations.js';

export type CredentialKind = 'none' | 'api-key' | 'bearer' | 'basic';

/** The non-secret part of the upstream credentials: where the key goes, the basic-auth user. */
export interface CredentialMeta {
  in?: 'header' | 'query';
  name?: string;
  username?: string;
}

/** 接口资源 — an upstream API a provider organisation exposes for one of its catalog entries. */
export interface ApiResourceRecord {
  id: string;
  nodeCode: string;
  organisationId: string;
  entryId: string;
  name: string;
  baseUrl: string;
  openapi: Record<string, unknown>;
  operations: ExposedOperation[];
  responseItems: ResponseItem[];
  recordsAt: string | null;
  upstream: Omit<Partial<UpstreamSettings>, 'baseUrl'>;
  credentialKind: CredentialKind;
  credentialMeta: CredentialMeta;
  /** Sealed with the node's credential key; null for `none`. */
  credentialCipher: string | null;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** What the API answers about a resource: never the secret, only whether one is stored. */
export interface ApiResourceView {
  id: string;
  organisationId: string;
  entryId: string;
  name: string;
  baseUrl: string;
  operations: ExposedOperation[];
  responseItems: ResponseItem[];
  recordsAt: string | null;
  upstream: Omit<Partial<UpstreamSettings>, 'baseUrl'>;
  credentials: { kind: CredentialKind; hasSecret: boolean } & CredentialMeta;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The AAD of a resource's sealed credential: a ciphertext copied onto another resource does not open. */
export function credentialContext(resourceId: string): string {
  return `api_resource:${resourceId}:credential`;
}

export function toApiResourceView(record: ApiResourceRecord): ApiResourceView {
  return {
    id: record.id,
    organisationId: record.organisationId,
    entryId: record.entryId,
    name: record.name,
    baseUrl: record.baseUrl,
    operations: record.operations,
    responseItems: record.responseItems,
    recordsAt: record.recordsAt,
    upstream: record.upstream,
    credentials: { kind: record.credentialKind, hasSecret: record.credentialCipher !== null, ...record.credentialMeta },
    version: record.version,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

import type { MappedColumn } from './column-mapping.js';
import type { OpenApiSummary } from '@govdata/openapi-document';

export const MOUNT_KINDS = ['table', 'api', 'file'] as const;
export type MountKind = (typeof MOUNT_KINDS)[number];

export const MOUNT_KIND_LABELS = {
  table: { zh: '库表', en: 'Database table' },
  api: { zh: '接口', en: 'API' },
  file: { zh: '文件', en: 'File' },
} as const;

/** What is kept about a mounted table; the connection itself is the data source's. */
export interface TableMountDetail {
  schema: string;
  table: string;
  columnMapping: MappedColumn[];
  /** When the mapping was last checked against the real table. */
  checkedAt: string;
}

export interface ApiMountDetail {
  /** The OpenAPI document's summary; the document itself is served by `…/content`. */
  openapi: (OpenApiSummary & { documentBytes: number }) | null;
  endpoint: { url: string; method: string } | null;
  /** Where the API key goes; its value is stored encrypted and never returned. */
  apiKey: { in: 'header' | 'query'; name: string } | null;
}

export interface FileMountDetail {
  mediaType: string;
  size: number;
  sha256: string;
  /** Where the file is, or null when its content is stored here (`…/content`). */
  url: string | null;
  stored: boolean;
}

export type MountDetail = TableMountDetail | ApiMountDetail | FileMountDetail;

/** A mount as stored, with its data source's public fields for tables. */
export interface MountRecord {
  id: string;
  entryId: string;
  nodeCode: string;
  organisationId: string;
  kind: MountKind;
  name: string;
  dataSourceId: string | null;
  detail: MountDetail;
  hasSecret: boolean;
  createdBy: string;
  createdAt: string;
  dataSource: {
    id: string;
    name: string;
    kind: string;
    host: string;
    port: number;
    database: string;
    user: string;
    ssl: boolean;
    hasPassword: boolean;
  } | null;
}

/**
 * A mount as the API shows it. Everybody who may see the entry sees kind and name; the details
 * (where the data is and how it maps) only the providing organisation and the node authority.
 */
export interface MountView {
  id: string;
  entryId: string;
  kind: MountKind;
  kindLabel: { zh: string; en: string };
  name: string;
  details?: MountDetail & { dataSource?: MountRecord['dataSource'] };
  createdBy?: string;
  createdAt?: string;
}

export function toMountView(record: MountRecord, withDetails: boolean): MountView {
  const view: MountView = {
    id: record.id,
    entryId: record.entryId,
    kind: record.kind,
    kindLabel: MOUNT_KIND_LABELS[record.kind],
    name: record.name,
  };
  if (!withDetails) return view;
  return {
    ...view,
    details: record.kind === 'table' ? { ...record.detail, dataSource: record.dataSource } : record.detail,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

/** The context an API key is sealed under (see `CredentialKey`). */
export function apiKeyContext(mountId: string): string {
  return `entry_mount:${mountId}:api-key`;
}

import {
  OPEN_DOMAINS,
  OPEN_LICENCES,
  UPDATE_CYCLE_LABELS,
  type DownloadFormat,
  type OpenDomain,
  type OpenLicence,
} from './open-vocabulary.js';

export const DATASET_STATUSES = ['pending', 'open', 'refused', 'archived'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];
export const DATASET_STATUS_LABELS: Record<DatasetStatus, { zh: string; en: string }> = {
  pending: { zh: '开放审核中', en: 'In opening review' },
  open: { zh: '已开放', en: 'Open' },
  refused: { zh: '未通过开放审核', en: 'Refused in opening review' },
  archived: { zh: '已归档', en: 'Archived' },
};

export type OpenType = 'unconditional' | 'conditional';
export const OPEN_TYPE_LABELS: Record<OpenType, { zh: string; en: string }> = {
  unconditional: { zh: '无条件开放', en: 'Open without conditions' },
  conditional: { zh: '有条件开放', en: 'Open on conditions' },
};

/** 信息项 of the entry, as the catalog event carries them. */
export interface DatasetItem {
  name: string;
  dataType: string;
  length?: number;
  description?: string;
}

/** What the opening review decided for one column: published as is, masked by a named rule, or withheld. */
export type ColumnDecision = 'open' | 'mask' | 'withhold';

export interface ReviewedColumn {
  column: string;
  columnType: string;
  item: string;
  decision: ColumnDecision;
  /** The masking rule's name (see `OPEN_MASK_RULES`) when `decision` is `mask`. */
  mask?: string;
}

/** Where a table resource's rows are read: the data source (password sealed) and the table. */
export interface TableSourceRef {
  dataSourceId: string;
  host: string;
  port: number;
  database: string;
  user: string;
  ssl: boolean;
  /** Sealed with the node's credential key (context `data_source:<id>:password`); null when none. */
  passwordSealed: string | null;
  schema: string;
  table: string;
}

export interface ResourceRecord {
  id: string;
  datasetId: string;
  kind: 'table';
  mountId: string;
  name: string;
  /** Null for a replica's resource: its rows are read at its origin node. */
  source: TableSourceRef | null;
  columns: ReviewedColumn[];
  /** A replica's files, as its origin listed them (null for this node's own resources). */
  replicaFiles: ReplicaFile[] | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReplicaFile {
  format: string;
  bytes: number;
  rows: number;
  sha256: string;
  generatedAt: string;
}

/** A resource of this node, read from its own source. */
export type LocalResource = ResourceRecord & { source: TableSourceRef };

export function isLocalResource(resource: ResourceRecord): resource is LocalResource {
  return resource.source !== null;
}

/**
 * Where a replica came from (一本账 provenance): the node that opened it, the path it travelled
 * (origin first, this node last) and when it arrived. Null for this node's own datasets.
 */
export interface DatasetOrigin {
  nodeCode: string;
  path: string[];
  receivedAt: string;
}

/** 开放审核 — the authority's decision, with its checks. */
export interface OpeningReview {
  decision: 'open' | 'refuse';
  /** 保密审查: the reviewer confirms the data holds no state secret. */
  confidentialityChecked: boolean;
  /** 个人信息核查: the reviewer confirms personal information is withheld or masked. */
  personalInformationChecked: boolean;
  reason: string | null;
  by: string;
  byOrganisationId: string;
  at: string;
}

/** The entry's published content as the catalog event carries it: what a dataset copies. */
export interface DatasetMetadata {
  entryCode: string;
  entryVersion: number;
  entrySequence: number;
  organisationId: string;
  providerName: string;
  providerCode: string;
  name: string;
  abstract: string;
  openType: OpenType;
  openConditions: string;
  updateCycle: string;
  regionCode: string;
  classification: string;
  tags: string[];
  items: DatasetItem[];
  formats: string[];
}

/** A dataset as stored: the entry's copy, and what the opening review and the lifecycle added. */
export interface DatasetRecord extends DatasetMetadata {
  id: string;
  nodeCode: string;
  entryId: string;
  domain: OpenDomain | null;
  licence: OpenLicence | null;
  status: DatasetStatus;
  review: OpeningReview | null;
  reviewDue: string | null;
  reviewDueProvisional: boolean;
  submittedAt: string;
  openedAt: string | null;
  archivedAt: string | null;
  archivedReason: string | null;
  metadataModified: string;
  /** Grows with every change published upward; at an ancestor, the origin's version held. */
  publicVersion: number;
  origin: DatasetOrigin | null;
}

export interface ResourceView {
  id: string;
  kind: 'table';
  kindLabel: { zh: string; en: string };
  name: string;
  /** The columns as published: withheld ones are absent; masked ones say so. */
  columns: Array<{ item: string; dataType: string; masked: boolean }>;
  formats: DownloadFormat[];
  /** The files of the last update, per format (absent until first written). */
  files: Array<{ format: DownloadFormat; bytes: number; rows: number; sha256: string; generatedAt: string }>;
  downloads: number;
  updatedAt: string;
}

/** A dataset as the API shows it; review details and where rows come from only to the node's authority. */
export interface DatasetView {
  id: string;
  entryId: string;
  entryCode: string;
  nodeCode: string;
  name: string;
  abstract: string;
  provider: { organisationId: string; name: string; code: string };
  openType: { type: OpenType; label: { zh: string; en: string }; conditions: string };
  domain: { code: OpenDomain; zh: string; en: string } | null;
  licence: { id: OpenLicence; zh: string; en: string; url: string } | null;
  updateCycle: { code: string; label: { zh: string; en: string } };
  regionCode: string;
  tags: string[];
  items: DatasetItem[];
  status: DatasetStatus;
  statusLabel: { zh: string; en: string };
  openedAt: string | null;
  archivedAt: string | null;
  archivedReason: string | null;
  metadataModified: string;
  /** For a replica of a dataset opened lower in the tree: where it came from; null for the node's own. */
  origin: DatasetOrigin | null;
  resources: ResourceView[];
  /** 应用成果: how many approved showcases use the dataset. */
  showcases: number;
  /** 评分: the people's 1–5 ratings, averaged to one decimal (null without any). */
  rating: { average: number | null; count: number };
  review?: {
    due: string | null;
    dueProvisional: boolean;
    submittedAt: string;
    decision: OpeningReview | null;
    /** Every mapped column of every mounted table, with the decision taken (null while pending). */
    columns: Array<{
      resource: string;
      mountId: string;
      column: string;
      columnType: string;
      item: string;
      decision: ColumnDecision | null;
      mask: string | null;
    }>;
  };
}

export function domainView(code: OpenDomain | null): DatasetView['domain'] {
  return code ? { code, ...OPEN_DOMAINS[code] } : null;
}

export function licenceView(id: OpenLicence | null): DatasetView['licence'] {
  return id ? { id, ...OPEN_LICENCES[id] } : null;
}

export function updateCycleView(code: string): DatasetView['updateCycle'] {
  return { code, label: UPDATE_CYCLE_LABELS[code] ?? { zh: code, en: code } };
}

/** The columns a resource publishes, in table order: everything not withheld. */
export function publishedColumns(resource: Pick<ResourceRecord, 'columns'>): ReviewedColumn[] {
  return resource.columns.filter((c) => c.decision !== 'withhold');
}

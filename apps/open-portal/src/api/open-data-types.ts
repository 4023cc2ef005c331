/**
 * The open-data service's answers as the portal reads them — mirrors of the view types of
 * libs/open-data/feature (`DatasetView`, `ResourceView`, the vocabulary), whose OpenAPI document
 * does not describe response bodies yet.
 */
export interface Label {
  zh: string;
  en: string;
}

export type OpenType = 'unconditional' | 'conditional';
export type DatasetStatus = 'open' | 'archived';
export type DownloadFormat = 'csv' | 'json' | 'xml' | 'xlsx';

export interface DatasetItem {
  name: string;
  dataType: string;
  length?: number;
  description?: string;
}

export interface ResourceView {
  id: string;
  kind: 'table';
  kindLabel: Label;
  name: string;
  /** As published: withheld columns are absent; masked ones say so. */
  columns: Array<{ item: string; dataType: string; masked: boolean }>;
  formats: DownloadFormat[];
  downloads: number;
  updatedAt: string;
}

export interface DatasetView {
  id: string;
  entryId: string;
  entryCode: string;
  nodeCode: string;
  name: string;
  abstract: string;
  provider: { organisationId: string; name: string; code: string };
  openType: { type: OpenType; label: Label; conditions: string };
  domain: ({ code: string } & Label) | null;
  licence: ({ id: string; url: string } & Label) | null;
  updateCycle: { code: string; label: Label };
  regionCode: string;
  tags: string[];
  items: DatasetItem[];
  status: DatasetStatus;
  statusLabel: Label;
  openedAt: string | null;
  archivedAt: string | null;
  archivedReason: string | null;
  metadataModified: string;
  resources: ResourceView[];
}

export interface DatasetPage {
  items: DatasetView[];
  next: string | null;
}

export interface OpenVocabulary {
  domains: Array<{ code: string } & Label>;
  licences: Array<{ id: string; url: string } & Label>;
  updateCycles: Array<{ code: string } & Label>;
  /** 安全承诺 an application to use data opened on conditions accepts, every one. */
  commitments: Array<{ code: string; zh: string }>;
}

export type CellValue = string | number | boolean | null;

export interface RowsPage {
  fields: string[];
  rows: Array<Record<string, CellValue>>;
  total: number;
  next: string | null;
}

/** `GET /api/v1/open-data/statistics` — the node's figures, counted by the service (the parts shown here). */
export interface OpenStatistics {
  datasets: number;
  departments: number;
  domains: { count: number; perDomain: Array<{ code: string; datasets: number } & Label> };
}

/** 数据需求 — a demand as anybody sees it (feedback-views.ts DemandView): what was asked and the answer. */
export type DemandStatus = 'open' | 'answered';
export type DemandOutcome = 'will-open' | 'already-open' | 'cannot-open' | 'not-held';

export interface DemandView {
  id: string;
  title: string;
  description: string;
  domain: ({ code: string } & Label) | null;
  /** The department asked (by the asker or by the node authority's routing); null until one is. */
  department: { organisationId: string; name: string } | null;
  status: DemandStatus;
  statusLabel: string;
  due: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  submittedAt: string;
  answer: {
    outcome: DemandOutcome;
    outcomeLabel: string;
    text: string;
    dataset: { id: string; name: string } | null;
    plannedBy: string | null;
    answeredAt: string;
  } | null;
}

export interface DemandPage {
  items: DemandView[];
  next: string | null;
}

/** 纠错 — an error report as its reporter sees it (feedback-views.ts ErrorReportView). */
export type ErrorReportStatus = 'open' | 'corrected' | 'rejected';

export interface ErrorReportView {
  id: string;
  dataset: { id: string; name: string; status: string; statusLabel: string } | null;
  organisationId: string;
  resourceId: string | null;
  item: string | null;
  rowHint: string | null;
  description: string;
  status: ErrorReportStatus;
  statusLabel: string;
  due: string | null;
  dueProvisional: boolean;
  overdue: boolean;
  submittedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** A department that provides data on this node, as CKAN's `organization_list?all_fields=true` shows it. */
export interface CkanOrganization {
  id: string;
  title: string;
  provider_code: string;
  package_count?: number;
}

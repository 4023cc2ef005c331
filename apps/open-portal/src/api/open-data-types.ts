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
  /** 应用成果: how many approved showcases use the dataset. */
  showcases: number;
  /** 评分: the people's 1–5 ratings, averaged to one decimal (null without any). */
  rating: RatingSummary;
}

export interface RatingSummary {
  average: number | null;
  count: number;
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

/** 应用成果 — what people built on open data (showcase-views.ts PublicShowcaseView). */
export const SHOWCASE_KINDS = ['app', 'mini-program', 'website', 'report', 'research', 'other'] as const;
export type ShowcaseKind = (typeof SHOWCASE_KINDS)[number];
export type ShowcaseStatus = 'submitted' | 'approved' | 'refused';

export interface ShowcaseView {
  id: string;
  title: string;
  description: string;
  kind: ShowcaseKind;
  kindLabel: Label;
  url: string;
  datasets: Array<{ id: string; name: string; nodeCode: string }>;
  /** The submitter as the public sees them: 张某, or the company's name. */
  submitter: { kind: 'person' | 'company'; name: string };
  approvedAt: string | null;
}

/** One of my showcases: every state, with the refusal's reason (OwnShowcaseView). */
export interface OwnShowcaseView extends ShowcaseView {
  status: ShowcaseStatus;
  statusLabel: Label;
  submittedAt: string;
  decidedAt: string | null;
  refusalReason: string | null;
}

export interface ShowcasePage {
  items: ShowcaseView[];
  next: string | null;
}

/** 评论 — a visible comment on an open dataset (comment.ts PublicCommentView). */
export interface CommentView {
  id: string;
  datasetId: string;
  author: string;
  text: string;
  createdAt: string;
}

/** One of my comments: hidden ones too, with why (OwnCommentView). */
export interface OwnCommentView extends CommentView {
  dataset: { id: string; name: string };
  hidden: { at: string; reason: string } | null;
}

export interface CommentPage {
  items: CommentView[];
  next: string | null;
}

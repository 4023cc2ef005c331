import type { paths } from '../generated/open-data.js';

/**
 * Response bodies of the open-data service's opening review (开放审核), mirroring its view types
 * (libs/open-data/feature dataset.ts DatasetView, datasets.controller.ts vocabulary), which its
 * OpenAPI document does not describe yet. The decision's request body comes from the document.
 */
export type ReviewDecisionBody = NonNullable<
  paths['/api/v1/open-data/reviews/{id}/decision']['post']['requestBody']
>['content']['application/json'];
export type ColumnDecisionBody = NonNullable<ReviewDecisionBody['columns']>[number];
export type ColumnDecision = ColumnDecisionBody['decision'];
export const COLUMN_DECISIONS: readonly ColumnDecision[] = ['open', 'mask', 'withhold'];

export const DATASET_STATUSES = ['pending', 'open', 'refused', 'archived'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

export interface Bilingual {
  zh: string;
  en: string;
}

/** 开放审核 — the authority's decision, with its checks (dataset.ts OpeningReview). */
export interface OpeningReview {
  decision: 'open' | 'refuse';
  confidentialityChecked: boolean;
  personalInformationChecked: boolean;
  reason: string | null;
  by: string;
  byOrganisationId: string;
  at: string;
}

/** A mapped column of a mounted table, with the decision taken (null while pending). */
export interface ReviewColumn {
  resource: string;
  mountId: string;
  column: string;
  columnType: string;
  item: string;
  decision: ColumnDecision | null;
  mask: string | null;
}

/** A dataset as the review API shows it to the node's authority and the providing department. */
export interface ReviewDatasetView {
  id: string;
  entryId: string;
  entryCode: string;
  nodeCode: string;
  name: string;
  abstract: string;
  provider: { organisationId: string; name: string; code: string };
  openType: { type: 'unconditional' | 'conditional'; label: Bilingual; conditions: string };
  domain: ({ code: string } & Bilingual) | null;
  licence: ({ id: string; url: string } & Bilingual) | null;
  updateCycle: { code: string; label: Bilingual };
  regionCode: string;
  tags: string[];
  items: Array<{ name: string; dataType: string; length?: number; description?: string }>;
  status: DatasetStatus;
  statusLabel: Bilingual;
  openedAt: string | null;
  archivedAt: string | null;
  archivedReason: string | null;
  metadataModified: string;
  review?: {
    /** CCYY-MM-DD in working days; null when the calendar cannot give it. */
    due: string | null;
    dueProvisional: boolean;
    submittedAt: string;
    decision: OpeningReview | null;
    columns: ReviewColumn[];
  };
}

/** `GET /api/v1/open-data/vocabulary` — the code tables a review chooses from. */
export interface OpenVocabulary {
  domains: Array<{ code: string } & Bilingual>;
  licences: Array<{ id: string; url: string } & Bilingual>;
  updateCycles: Array<{ code: string } & Bilingual>;
  maskRules: Array<{ name: string; zh: string }>;
}

/** 有条件开放申请 — the decision's request body comes from the document. */
export type ApplicationDecisionBody = NonNullable<
  paths['/api/v1/open-data/applications/{id}/decision']['post']['requestBody']
>['content']['application/json'];
export type ApprovalBody = Extract<ApplicationDecisionBody, { decision: 'approve' }>;

/** The statuses the list filters by (`expired` is shown, not filtered: an active grant past its day). */
export const APPLICATION_STATUSES = ['submitted', 'approved', 'active', 'refused', 'withdrawn', 'revoked'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationState = ApplicationStatus | 'expired';

/**
 * An application to use a dataset opened on conditions as the providing department (and the node
 * authority) sees it (libs/open-data/feature application-views.ts ReviewApplicationView).
 */
export interface ReviewApplicationView {
  id: string;
  dataset: { id: string; name: string; providerName: string; nodeCode: string };
  state: ApplicationState;
  stateLabel: Bilingual;
  purpose: string;
  scenario: string;
  fields: string[];
  commitments: Array<{ code: string; zh: string }>;
  validUntil: string;
  /** CCYY-MM-DD in working days; null when the calendar cannot give it. */
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  decidedAt: string | null;
  /** The refusal's reason, or the department's conditions on an approval. */
  decisionNote: string | null;
  grantedFields: string[] | null;
  grantedUntil: string | null;
  agreement: { text: string; sha256: string; signedAt: string | null } | null;
  endedAt: string | null;
  endedBy: 'applicant' | 'department' | null;
  endedReason: string | null;
  organisationId: string;
  /** As verified by 实名认证: the identity number masked. */
  applicant: { kind: 'person' | 'company'; name: string; idMasked: string };
  decidedBy: string | null;
  /** Awaiting the department past its due working day. */
  overdue: boolean;
}

/** 数据需求征集 — the answer's and the routing's request bodies come from the document. */
export type DemandAnswerBody = NonNullable<
  paths['/api/v1/open-data/demand-queue/{id}/answer']['post']['requestBody']
>['content']['application/json'];
export type DemandOutcome = DemandAnswerBody['outcome'];
export const DEMAND_OUTCOMES: readonly DemandOutcome[] = ['will-open', 'already-open', 'cannot-open', 'not-held'];

/** The queue's tabs: `unrouted` is the authority's (open demands no department has been asked yet). */
export const DEMAND_TABS = ['unrouted', 'open', 'answered'] as const;
export type DemandTab = (typeof DEMAND_TABS)[number];

/** A demand as the staff see it (libs/open-data/feature feedback-views.ts DemandStaffView). */
export interface DemandStaffView {
  id: string;
  title: string;
  description: string;
  domain: ({ code: string } & Bilingual) | null;
  department: { organisationId: string; name: string } | null;
  status: 'open' | 'answered';
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
  routedAt: string | null;
  routedBy: string | null;
  answeredBy: string | null;
}

/** 纠错 — the answer's request body comes from the document. */
export type ErrorReportAnswerBody = NonNullable<
  paths['/api/v1/open-data/error-reports/{id}/answer']['post']['requestBody']
>['content']['application/json'];
export const ERROR_REPORT_STATUSES = ['open', 'corrected', 'rejected'] as const;
export type ErrorReportStatus = (typeof ERROR_REPORT_STATUSES)[number];

/** An error report as the providing department sees it (feedback-views.ts ErrorReportView). */
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

/** A department providing data on this node (CKAN's `organization_list?all_fields=true`). */
export interface CkanOrganization {
  id: string;
  title: string;
  provider_code: string;
}

/** 应用成果审核 — the decision's request body comes from the document. */
export type ShowcaseDecisionBody = NonNullable<
  paths['/api/v1/open-data/showcase-reviews/{id}/decision']['post']['requestBody']
>['content']['application/json'];
export const SHOWCASE_STATUSES = ['submitted', 'approved', 'refused'] as const;
export type ShowcaseStatus = (typeof SHOWCASE_STATUSES)[number];

/** A showcase as the node authority reviews it (showcase-views.ts ReviewShowcaseView). */
export interface ReviewShowcaseView {
  id: string;
  title: string;
  description: string;
  kind: 'app' | 'mini-program' | 'website' | 'report' | 'research' | 'other';
  kindLabel: Bilingual;
  url: string;
  datasets: Array<{ id: string; name: string; nodeCode: string }>;
  /** As the public sees the submitter (张某, or the company). */
  submitter: { kind: 'person' | 'company'; name: string };
  approvedAt: string | null;
  status: ShowcaseStatus;
  statusLabel: Bilingual;
  submittedAt: string;
  decidedAt: string | null;
  refusalReason: string | null;
  /** As 实名认证 recorded the submitter: the identity number masked. */
  submitterVerified: { kind: 'person' | 'company'; name: string; idMasked: string };
  decidedBy: string | null;
}

/** 评论 — a visible comment on an open dataset (comment.ts PublicCommentView). */
export interface PublicCommentView {
  id: string;
  datasetId: string;
  author: string;
  text: string;
  createdAt: string;
}

/** A comment after a moderator hid it (comment-moderation.controller.ts ModeratedCommentView). */
export interface ModeratedCommentView extends PublicCommentView {
  hidden: { at: string; by: string; reason: string } | null;
}

/** An open dataset as the open catalog lists it: what the comment moderation page reads of it. */
export interface OpenDatasetSummary {
  id: string;
  name: string;
  provider: { organisationId: string; name: string; code: string };
  status: 'open' | 'archived';
}

/** What happened to an organisation in an `identity.organisation.v1` event. */
export const ORGANISATION_EVENT_ACTIONS = ['created', 'updated', 'deactivated'] as const;
export type OrganisationEventAction = (typeof ORGANISATION_EVENT_ACTIONS)[number];

/** 组织机构类型 in events: `OrganisationKind` of govdata.identity.v1 without its prefix, lower case. */
export const ORGANISATION_KIND_NAMES = ['department', 'government', 'public_institution', 'enterprise'] as const;
export type OrganisationKindName = (typeof ORGANISATION_KIND_NAMES)[number];

/** Payload of `identity.organisation.v1`: the whole organisation record after the change. */
export interface OrganisationEventV1 {
  action: OrganisationEventAction;
  organisation: {
    /** UUID. */
    id: string;
    /** 节点代码 of the node that owns the record. */
    nodeCode: string;
    /** 机构名称. */
    name: string;
    /** 统一社会信用代码 (GB 32100). */
    uscc: string;
    /** 行政区划代码 (GB/T 2260). */
    regionCode: string;
    kind: OrganisationKindName;
    /** The parent organisation's id, null for a top-level one. */
    parentId: string | null;
    /** Record version at the owning node, from 1; a receiver keeps the highest it has seen. */
    version: number;
  };
}

/** Payload of `platform.probe.v1`, a diagnostic event that proves the event path works. */
export interface ProbeEventV1 {
  /** 1 to 200 characters. */
  message: string;
  /** From 0; lets a receiver spot gaps and duplicates. */
  sequence: number;
}

/** Lifecycle actions of a catalog entry, one event each. */
export const CATALOG_ENTRY_ACTIONS = [
  'create',
  'update',
  'submit',
  'withdraw',
  'return',
  'approve',
  'publish',
  'revise',
  'retire',
] as const;
export type CatalogEntryAction = (typeof CATALOG_ENTRY_ACTIONS)[number];

/** Payload of `catalog.entry.v1`: a transition of a catalog entry at its owning node. */
export interface CatalogEntryEventV1 {
  action: CatalogEntryAction;
  /** Position in the owning node's catalog history (the transition's sequence number). */
  sequence: number;
  entry: {
    id: string;
    /** 信息资源代码 */
    code: string;
    nodeCode: string;
    organisationId: string;
    /** 提供方 name and 提供方代码 (统一社会信用代码). */
    provider: { name: string; code: string };
    status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'retired';
    headVersion: number;
    headState: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
    publishedVersion: number | null;
    authoritativeEntryId: string | null;
  };
  version: {
    number: number;
    state: 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'superseded';
    /** 发布日期, CCYY-MM-DD. */
    publishDate: string | null;
    content: Record<string, unknown>;
  };
  actor: { subject: string; name?: string; organisationId: string };
  reason?: string;
  fieldReasons?: Array<{ field: string; reason: string }>;
  /** ISO 8601 instant of the transition. */
  at: string;
}

/**
 * Payload of `federation.replica.v1`: a record of a node in this node's subtree, applied to this
 * node's read-only replicas, with its provenance (origin, path, version, when received).
 */
export interface ReplicaEventV1 {
  kind: 'catalog.entry';
  /** 节点代码 of the owning node. */
  origin: string;
  /** Origin first, this node last. */
  path: string[];
  /** The record's version at its origin; the highest wins. */
  version: number;
  /** ISO 8601 instant this node applied it. */
  receivedAt: string;
  /** The origin's `catalog.entry.v1` data of a publish or retire transition. */
  record: CatalogEntryEventV1 & { action: 'publish' | 'retire' };
}

/** What a standard (标准) or directive a node issues is about; each kind has its own body. */
export type StandardKind = 'classification' | 'data-element' | 'grade-policy' | 'calendar-year' | 'directive';

export type SharingTypeName = 'unconditional' | 'conditional' | 'none';

/** The content of each kind of standard as it travels down the federation. */
export interface StandardBodies {
  /** 目录分类 code (类/项/目/细目). */
  classification: { code: string; parentCode: string | null; level: number; name: string; nameEn: string | null };
  /** 数据元. */
  'data-element': {
    identifier: string;
    name: string;
    nameEn: string | null;
    definition: string;
    dataType: 'C' | 'N' | 'Y' | 'D' | 'T' | 'L' | 'M' | 'G' | 'B' | 'I' | 'F';
    length: number | null;
    valueDomain: string | null;
  };
  /** Which sharing and opening types a grade allows (分级 → 共享/开放). */
  'grade-policy': {
    grade: 'core' | 'important' | 'general-1' | 'general-2' | 'general-3' | 'general-4';
    sharingTypes: SharingTypeName[];
    openTypes: SharingTypeName[];
  };
  /** A year's working-day calendar (the holiday notice). Dates are `YYYY-MM-DD`. */
  'calendar-year': { year: number; notice: string; holidays: string[]; workdays: string[] };
  /** An instruction to every descendant, e.g. open the year's annual re-review campaign. */
  directive: { type: 'annual-review-campaign'; year: number; startedOn: string; workingDays: number; title: string };
}

/** One issued standard: its kind, key within the kind, issuing node, version and body. */
export type IssuedStandard = {
  [K in StandardKind]: { kind: K; key: string; origin: string; version: number; body: StandardBodies[K] };
}[StandardKind];

/** Payload of `catalog.standard.v1`: a standard or directive this node issues changed. */
export interface StandardEventV1 {
  action: 'upsert' | 'remove';
  /** ISO 8601 instant of the change at the issuing node. */
  at: string;
  standard: IssuedStandard;
}

/** Payload of `federation.standard.v1`: an ancestor's standard arrived from the parent. */
export interface InheritedStandardEventV1 extends StandardEventV1 {
  /** The issuing node first, this node last. */
  path: string[];
  /** ISO 8601 instant this node applied it. */
  receivedAt: string;
}

/** Payload of `federation.alert.v1`: a link condition an operator must see. */
export interface FederationAlertEventV1 {
  alert: 'child-silent' | 'child-resumed' | 'divergence';
  /** The node raising it (the parent). */
  node: string;
  child: string;
  at: string;
  lastSeenAt?: string | null;
  thresholdSeconds?: number;
  /** For divergence: the origin whose set diverged. */
  origin?: string;
  /** For people (zh-CN). */
  message: string;
}

/** The terms of a grant (授权) as the provider's exchange enforces them. */
export interface GrantTerms {
  consumerOrganisationId: string;
  consumerNode: string;
  /** Service accounts (client ids) of the consumer allowed to call; empty = all of the organisation's. */
  serviceAccounts?: string[];
  providerNode: string;
  providerOrganisationId?: string;
  entryId: string;
  entryCode?: string;
  /** Permitted data items (by name). */
  items: string[];
  purpose: string;
  /** `YYYY-MM-DD`. */
  validFrom: string;
  validUntil: string;
  ratePerSecond: number;
  burst: number;
  quotaPerDay?: number | null;
  quotaPerMonth?: number | null;
}

export type DemandApplicationState =
  | 'department-review'
  | 'provider-review'
  | 'authority-review'
  | 'contested'
  | 'granted'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'awaiting-registration'
  /** 撤销 — the provider withdrew a running grant. */
  | 'revoked';

/** Payload of `demand.application.v1`: the application after the change (with the grant when granted). */
export interface DemandApplicationEventV1 {
  action:
    | 'filed'
    | 'step-approved'
    | 'step-rejected'
    | 'contested'
    | 'contest-decided'
    | 'granted'
    | 'rejected'
    | 'withdrawn'
    | 'expired'
    | 'answered'
    | 'revoked';
  application: {
    id: string;
    nodeCode: string;
    version: number;
    state: DemandApplicationState;
    applicant: { organisationId: string; nodeCode: string; subject: string; organisationName?: string };
    target: {
      kind: 'entry' | 'uncatalogued';
      entryId?: string;
      entryCode?: string;
      entryName?: string;
      providerNode: string;
      providerOrganisationId?: string;
      description?: string;
    };
    requestedItems: string[];
    purpose: string;
    legalBasis: string;
    scenario?: string;
    validUntil: string;
    expectedVolume?: Record<string, unknown>;
    at: string;
    /** Every step so far, oldest first: the timeline both nodes show. */
    timeline?: DemandTimelineStep[];
    grant?: GrantTerms;
  };
}

/** One step of a demand application's timeline (审核流程): who must act, by when, and what was decided. */
export interface DemandTimelineStep {
  seq: number;
  step:
    | 'filing'
    | 'department-review'
    | 'registration'
    | 'provider-review'
    | 'authority-review'
    | 'contest'
    | 'grant'
    | 'withdrawal'
    | 'expiry'
    | 'revocation';
  /** Who must act: a role of an organisation (or of the node when organisationId is null) at a node. */
  assignee?: { nodeCode: string; organisationId: string | null; role: string };
  openedAt: string;
  /** Due date counted in working days (`YYYY-MM-DD`); null when none applies or the calendar lacks the year. */
  dueOn: string | null;
  /** 暂定 — dueOn was counted on a year without its holiday notice (on the holiday rules); absent = false. */
  provisional?: boolean;
  decision:
    | 'filed'
    | 'approved'
    | 'rejected'
    | 'answered'
    | 'upheld'
    | 'overturned'
    | 'granted'
    | 'withdrawn'
    | 'expired'
    | 'revoked'
    | null;
  decidedAt: string | null;
  actor?: { subject: string; organisationId: string; nodeCode: string; name?: string } | null;
  /** 法定事由 cited by a rejection. */
  groundCode?: string | null;
  groundTitle?: string | null;
  comment?: string | null;
  /** Grant terms a provider reviewer proposed with its approval. */
  terms?: Partial<GrantTerms> | null;
}

/** What happened to a grant in an `exchange.grant.v1` event. */
export const GRANT_EVENT_ACTIONS = ['issued', 'updated', 'revoked', 'expired'] as const;
export type GrantEventAction = (typeof GRANT_EVENT_ACTIONS)[number];
export type GrantStatus = 'active' | 'revoked' | 'expired';

/** Payload of `exchange.grant.v1`: a grant at the provider node's exchange, after the change. */
export interface ExchangeGrantEventV1 {
  action: GrantEventAction;
  grant: {
    /** The id of the application the grant came from. */
    id: string;
    applicationId: string;
    applicationVersion: number;
    /** From 1, one more with every change. */
    version: number;
    status: GrantStatus;
    /** `serviceAccounts`: client ids allowed to call; empty = all of the organisation's. */
    consumer: { node: string; organisationId: string; serviceAccounts: string[] };
    provider: { node: string; organisationId: string | null };
    entryId: string;
    entryCode: string | null;
    /** Permitted 信息项 by name. */
    items: string[];
    purpose: string;
    /** `YYYY-MM-DD`, Beijing dates, both included. */
    validFrom: string;
    validUntil: string;
    rate: { ratePerSecond: number; burst: number };
    quota: { perDay: number | null; perMonth: number | null };
    revokedReason: string | null;
  };
  /** Who changed it; null when the node did (an application event, an expiry). */
  actor: { subject: string; organisationId: string } | null;
  reason?: string;
  at: string;
}

export type ExchangeCallOutcome = 'ok' | 'denied' | 'failed';

/** Payload of `exchange.call.v1`: one metered call through the provider node's exchange. */
export interface ExchangeCallEventV1 {
  callId: string;
  at: string;
  grantId: string;
  consumer: { node: string; organisationId: string; subject: string };
  provider: { node: string; organisationId: string };
  /** `id`: the API resource, null when the entry has none registered. */
  resource: { id: string | null; entryId: string; entryCode: string | null };
  /** `path` is the operation's OpenAPI path template. */
  operation: { method: string; path: string };
  outcome: ExchangeCallOutcome;
  /** HTTP status answered to the consumer. */
  status: number;
  /** rate-limited, quota-exceeded, upstream-timeout …; null when ok. */
  reason: string | null;
  latencyMs: number;
  /** Bytes of the body answered. */
  bytes: number;
  /** Records in the answer. */
  records: number;
  /** The call's entry in the exchange audit ledger. */
  ledgerIndex: number;
}

/** What happened to an open dataset at its origin node, one `open-data.dataset.v1` event each. */
export const OPEN_DATASET_ACTIONS = ['open', 'update', 'archive'] as const;
export type OpenDatasetAction = (typeof OPEN_DATASET_ACTIONS)[number];

/** 开放数据集 as the public sees it: metadata, resources with their published columns, files, status. */
export interface OpenDatasetPublicView {
  /** UUID of the dataset at its origin (the same at every node holding it). */
  id: string;
  /** 节点代码 of the node that opened it. */
  nodeCode: string;
  entryId: string;
  entryCode: string;
  name: string;
  abstract: string;
  provider: { organisationId: string; name: string; code: string };
  openType: 'unconditional' | 'conditional';
  openConditions: string;
  updateCycle: string;
  regionCode: string;
  classification: string;
  tags: string[];
  items: Array<{ name: string; dataType: string; length?: number; description?: string }>;
  formats: string[];
  domain: string | null;
  licence: string | null;
  status: 'open' | 'archived';
  openedAt: string | null;
  archivedAt: string | null;
  archivedReason: string | null;
  metadataModified: string;
  resources: Array<{
    id: string;
    kind: 'table';
    name: string;
    /** The columns as published (withheld ones absent), by 信息项. */
    columns: Array<{ item: string; masked: boolean }>;
    files: Array<{ format: string; bytes: number; rows: number; sha256: string; generatedAt: string }>;
    updatedAt: string;
  }>;
}

/**
 * Payload of `open-data.dataset.v1`: an open dataset opened, changed or archived at its origin node,
 * whole (its public view; never where its rows come from).
 */
export interface OpenDatasetEventV1 {
  action: OpenDatasetAction;
  /** Increases with every change the origin publishes; a receiver keeps the highest. */
  version: number;
  /** ISO 8601 instant of the change. */
  at: string;
  dataset: OpenDatasetPublicView;
}

/**
 * Payload of `federation.open-dataset.v1`: an open dataset of a node in this node's subtree, applied
 * to this node's read-only replicas, with its provenance (the `open-data.dataset` kind of
 * `federation.replica.v1`, on its own topic so the catalog's consumers never see it).
 */
export interface OpenDatasetReplicaEventV1 {
  kind: 'open-data.dataset';
  /** 节点代码 of the owning node. */
  origin: string;
  /** Origin first, this node last. */
  path: string[];
  /** The dataset's version at its origin; the highest wins. */
  version: number;
  /** ISO 8601 instant this node applied it. */
  receivedAt: string;
  /** The origin's `open-data.dataset.v1` data. */
  record: OpenDatasetEventV1;
}

export type OpenApplicationAction = 'submitted' | 'approved' | 'refused' | 'signed' | 'withdrawn' | 'revoked';

/**
 * Payload of `open-data.application.v1`: an application to use a dataset opened on conditions
 * changed state at the node that opened the dataset. No personal information of the applicant.
 */
export interface OpenApplicationEventV1 {
  action: OpenApplicationAction;
  /** ISO 8601 instant of the change. */
  at: string;
  application: {
    id: string;
    nodeCode: string;
    datasetId: string;
    datasetName: string;
    /** The providing department, which reviews it. */
    organisationId: string;
    applicantKind: 'person' | 'company';
    status: 'submitted' | 'approved' | 'active' | 'refused' | 'withdrawn' | 'revoked';
    fields: string[];
    grantedFields: string[] | null;
    /** YYYY-MM-DD */
    validUntil: string;
    grantedUntil: string | null;
    due: string | null;
    submittedAt: string;
    decidedAt: string | null;
  };
}

/**
 * Payload of `open-data.error-report.v1`: an error report (纠错) on an open dataset submitted or
 * answered at the node that opened it. No personal information of the reporter.
 */
export interface OpenErrorReportEventV1 {
  action: 'submitted' | 'answered';
  /** ISO 8601 instant of the change. */
  at: string;
  report: {
    id: string;
    nodeCode: string;
    datasetId: string;
    datasetName: string;
    /** The providing department, which answers it. */
    organisationId: string;
    resourceId: string | null;
    item: string | null;
    rowHint: string | null;
    description: string;
    status: 'open' | 'corrected' | 'rejected';
    due: string | null;
    submittedAt: string;
    answer: string | null;
    answeredAt: string | null;
  };
}

import type { paths } from '../generated/catalog.js';

/**
 * Response bodies of the catalog service. The 13 elements (`EntryContent`) come from the generated
 * request body of `POST /entries` — what an entry is made of; the rest mirror the service's view
 * types (entry.types.ts, catalog-search.service.ts, ledger.service.ts, deadline-clock.service.ts),
 * which its OpenAPI document does not describe yet.
 */
type CreateEntryBody = NonNullable<
  paths['/api/v1/catalog/entries']['post']['requestBody']
>['content']['application/json'];
export type EntryContent = CreateEntryBody['content'];

export type EntryItem = EntryContent['items'][number];

export type EntryStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'published' | 'retired';

export interface Label {
  zh: string;
  en: string;
}

export interface FieldReason {
  field: string;
  reason: string;
}

export interface EntryView {
  id: string;
  code: string;
  nodeCode: string;
  status: EntryStatus;
  provider: { organisationId: string; name: string; code: string };
  version: number;
  versionState: string;
  headVersion: number;
  headState: string;
  publishedVersion: number | null;
  publishDate: string | null;
  content: EntryContent;
  returnReasons: FieldReason[] | null;
  authoritativeEntryId: string | null;
  restricted: boolean;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
}

export interface VersionSummary {
  version: number;
  state: string;
  name: string;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publishDate: string | null;
}

export interface TransitionRecord {
  seq: number;
  version: number;
  action: string;
  fromState: string | null;
  toState: string;
  actor: { subject: string; name: string | null; organisationId: string | null };
  reason: string | null;
  fieldReasons: FieldReason[] | null;
  at: string;
}

export interface ReplicaView {
  id: string;
  code: string;
  name: string;
  status: 'published' | 'retired';
  provider: { organisationId: string; name: string; code: string };
  version: number;
  publishDate: string | null;
  content: EntryContent;
  origin: { nodeCode: string; level: string | null; path: string[]; receivedAt: string; version: number };
}

export interface SearchItem {
  id: string;
  code: string;
  name: string;
  abstract: string;
  /** [start, end) of matched text within `abstract`. */
  highlights: Array<[number, number]>;
  provider: { id: string; name: string | null };
  classificationCode: string;
  sharingType: string;
  openType: string;
  grade: { category: string; level: number | null };
  updateCycle: string;
  status: EntryStatus;
  publishDate: string | null;
  origin?: { nodeCode: string; path: string[]; receivedAt: string; version: number };
  score: number | null;
}

export interface FacetValue {
  value: string;
  label: Label;
  count: number;
}

export interface SearchPage {
  items: SearchItem[];
  nextCursor: string | null;
  facets?: Record<string, FacetValue[]>;
  total?: number;
}

export interface Suggestion {
  text: string;
  kind: 'name' | 'tag';
  code?: string;
}

export interface NodeStatistics {
  nodeCode: string;
  level: string | null;
  own: boolean;
  entries: Record<string, number>;
  total: number;
  overdue?: { overdue: number; dueUnknown: number };
}

export interface LedgerStatistics {
  scope: 'node' | 'subtree';
  nodes: NodeStatistics[];
  totals: { entries: number; nodes: number };
}

export interface OverdueGroup {
  organisationId: string;
  organisationName: string | null;
  overdue: number;
  dueUnknown: number;
}

export interface OverdueReport {
  today: string;
  calendarCoverage: string;
  totals: { overdue: number; dueUnknown: number; organisations: number };
  organisations: OverdueGroup[];
}

export interface MountView {
  id: string;
  entryId: string;
  kind: string;
  kindLabel: Label;
  name: string;
  createdAt?: string;
}

/** A working-day clock (mirrors DeadlineClockView in libs/catalog/feature deadline-clock.ts). */
export interface DeadlineClock {
  id: string;
  kind: 'registration' | 'update' | 'review' | 'annual-review';
  organisationId: string;
  entryId: string | null;
  entryVersion: number | null;
  campaignId?: string | null;
  reason?: string | null;
  startedOn: string;
  workingDays: number;
  dueOn: string | null;
  dueUnknown: string | null;
  provisional: boolean;
  status: string;
  closedOn?: string | null;
  closeReason?: string | null;
  labels?: { kind: Label; status: Label; dueUnknown?: Label; provisional?: Label };
}

/** A clock of the overdue list: how many working days late, or which year's calendar is missing. */
export interface OverdueClock extends DeadlineClock {
  workingDaysOverdue: number | null;
  missingYear?: number;
}

export interface OverdueReportWithItems extends OverdueReport {
  organisations: Array<OverdueGroup & { items: OverdueClock[] }>;
}

/** An entry as `GET /entries` lists it (mirrors the list rows of entry-read.service.ts). */
export interface EntrySummary {
  id: string;
  code: string;
  name: string;
  organisationId: string;
  status: EntryStatus;
  headVersion: number;
  headState: string;
  publishedVersion: number | null;
  restricted: boolean;
  updatedAt: string;
}

/** One field that differs between two versions (mirrors FieldChange in entry-diff.ts). */
export interface FieldChange {
  /** Content path: `sharing.conditions`, `items[姓名].length`, `tags`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** One problem of an imported row (mirrors RowProblem in libs/catalog/feature excel-row-mapping.ts). */
export interface ImportRowProblem {
  sheet: string;
  row: number;
  /** Column header as in the template; null when the problem is the row as a whole. */
  column: string | null;
  field: string | null;
  rule: string;
  message: string;
}

export type ImportRowOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'not-committed';

/** What became of one row of an import (mirrors ReportRow in excel-import-report.ts). */
export interface ImportReportRow {
  sheet: string;
  row: number;
  serial: string;
  outcome: ImportRowOutcome;
  entryCode?: string;
  entryId?: string;
  errors: ImportRowProblem[];
}

/** The report of `POST /excel/import` (mirrors ImportReport in excel-import-report.ts). */
export interface ImportReport {
  importId: string;
  mode: 'all-or-nothing' | 'per-row';
  dryRun: boolean;
  committed: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  message: string;
  rows: ImportReportRow[];
}

/** What became of a campaign's tasks (mirrors CampaignCounts in review-campaign.repository.ts). */
export interface CampaignProgress {
  total: number;
  confirmed: number;
  closedOtherwise: number;
  open: number;
  overdue: number;
  dueUnknown: number;
}

/** 年度复核 — an annual re-review campaign (mirrors CampaignView in review-campaign.service.ts). */
export interface CampaignView {
  id: string;
  nodeCode: string;
  year: number;
  startedOn: string;
  workingDays: number;
  openedBy: string;
  openedAt: string;
  directive: { origin: string; key: string } | null;
  dueOn: string | null;
  dueUnknown: string | null;
  scope: { organisationId: string | null };
  progress: CampaignProgress;
}

/** 时限设置 (mirrors DeadlineSettingsView in libs/catalog/feature deadline-settings.ts). */
export interface DeadlineSettingsView {
  nodeCode: string;
  registrationDays: number;
  updateDays: number;
  reviewDays: number;
  annualReviewDays: number;
  source: 'default' | 'configured';
  updatedBy: string | null;
  updatedAt: string | null;
  labels: Record<'registrationDays' | 'updateDays' | 'reviewDays' | 'annualReviewDays', Label>;
}

/** 工作日历 (mirrors CalendarView in catalog-calendar.service.ts). */
export interface CalendarView {
  coverage: string;
  years: number[];
  official: { firstYear: number; lastYear: number; source: string };
  loaded: Array<{
    year: number;
    notice: string;
    holidays: number;
    workdays: number;
    loadedBy: string;
    loadedAt: string;
    inheritedFrom: string | null;
  }>;
}

export type SharingTypeKey = 'unconditional' | 'conditional' | 'none';
export type GradeKey = 'core' | 'important' | 'general-1' | 'general-2' | 'general-3' | 'general-4';

/** An ancestor node's ceiling on a grade (mirrors GradeCeiling in grade-policy.repository.ts). */
export interface GradeCeiling {
  grade: GradeKey;
  origin: string;
  version: number;
  sharingTypes: SharingTypeKey[];
  openTypes: SharingTypeKey[];
}

export interface GradePolicyRule {
  grade: GradeKey;
  sharingTypes: SharingTypeKey[];
  openTypes: SharingTypeKey[];
}

/** `GET /settings/grade-policy`: the node's own rules, and what they allow within inherited ceilings. */
export interface GradePolicyView {
  rules: GradePolicyRule[];
  effective: Array<GradePolicyRule & { ceilings: GradeCeiling[] }>;
}

/** 目录分类 (mirrors Classification in classification.repository.ts). */
export interface Classification {
  code: string;
  parentCode: string | null;
  level: number;
  name: string;
  nameEn: string | null;
  origin: 'national' | 'node' | 'inherited';
  inheritedFrom: string | null;
  withdrawnAt: string | null;
}

/** 数据元 (mirrors DataElement in data-element.repository.ts). */
export interface DataElement {
  identifier: string;
  name: string;
  nameEn: string | null;
  definition: string;
  dataType: string;
  length: number | null;
  valueDomain: string | null;
  inheritedFrom: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

/** A standard in force with its provenance (mirrors StoredStandard in standards.repository.ts). */
export interface StoredStandard {
  kind: string;
  key: string;
  origin: string;
  version: number;
  action: 'upsert' | 'remove';
  body: Record<string, unknown>;
  inherited: boolean;
  issuedAt: string;
  receivedAt: string | null;
  path: string[] | null;
  outcome: string | null;
}

/** 政务信息系统 as `GET /systems` lists it (mirrors the view of information-system.ts). */
export interface InformationSystemSummary {
  id: string;
  organisationId: string;
  name: string;
  description: string | null;
  status: string;
}

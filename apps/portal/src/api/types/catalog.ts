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
  startedOn: string;
  workingDays: number;
  dueOn: string | null;
  dueUnknown: string | null;
  provisional: boolean;
  status: string;
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

import type {
  DemandApplicationEventV1,
  DemandApplicationState,
  DemandTimelineStep,
  GrantTerms,
} from '@govdata/contracts';

/** 申请状态 — where an application stands. */
export type ApplicationState = DemandApplicationState;
/** What the last change of an application was (the event's action). */
export type ApplicationAction = DemandApplicationEventV1['action'];
/** One step of the timeline, as both nodes store and show it. */
export type TimelineStep = DemandTimelineStep;
export type StepKind = DemandTimelineStep['step'];
export type StepDecision = NonNullable<DemandTimelineStep['decision']>;

export const APPLICATION_STATES = [
  'department-review',
  'provider-review',
  'authority-review',
  'contested',
  'granted',
  'rejected',
  'withdrawn',
  'expired',
  'awaiting-registration',
  'revoked',
] as const satisfies readonly ApplicationState[];

/** Who files and who provides: an organisation at a node. */
export interface Applicant {
  organisationId: string;
  nodeCode: string;
  /** The person (token subject) who filed. */
  subject: string;
  organisationName: string | null;
}

/** 申请对象 — a catalog entry, or data not catalogued yet (the provider answers by registering an entry). */
export interface ApplicationTarget {
  kind: 'entry' | 'uncatalogued';
  entryId: string | null;
  entryCode: string | null;
  entryName: string | null;
  providerNode: string;
  providerOrganisationId: string | null;
  /** What the applicant needs, for data not catalogued yet. */
  description: string | null;
}

/** 预计调用量. */
export interface ExpectedVolume {
  callsPerDay?: number;
  recordsPerCall?: number;
}

/** An application as stored at this node (its own, or a copy of another node's). */
export interface ApplicationRecord {
  id: string;
  /** The node it was filed at (the consumer's). */
  nodeCode: string;
  version: number;
  state: ApplicationState;
  lastAction: ApplicationAction;
  applicant: Applicant;
  target: ApplicationTarget;
  requestedItems: string[];
  purpose: string;
  /** 依法履职 — the legal basis of the applicant's duty. */
  legalBasis: string;
  scenario: string | null;
  /** `YYYY-MM-DD`. */
  validUntil: string;
  expectedVolume: ExpectedVolume | null;
  grant: GrantTerms | null;
  filedAt: string;
  changedAt: string;
  /** The node that made the last change. */
  changedAtNode: string;
  /** When the last change arrived from another node; null when it was made here. */
  receivedAt: string | null;
}

/** A timeline step as a reader sees it: with whether it ran (or runs) past its due date. */
export interface TimelineStepView extends TimelineStep {
  overdue: boolean;
}

export interface ApplicationView extends ApplicationRecord {
  /** Who must act next, where and by when; null once the application is closed. */
  turn: {
    nodeCode: string;
    step: StepKind;
    role: string;
    organisationId: string | null;
    dueOn: string | null;
    overdue: boolean;
  } | null;
  timeline: TimelineStepView[];
}

import type { paths } from '../generated/demand.js';

/**
 * Response bodies of the demand service, mirroring its view types (libs/demand/feature
 * application.types.ts, legal-ground.repository.ts), which its OpenAPI document does not describe
 * yet. Request bodies come from the generated document.
 */
export type FileApplicationBody = NonNullable<
  paths['/api/v1/demand/applications']['post']['requestBody']
>['content']['application/json'];

/** 申请状态 (application.types.ts APPLICATION_STATES). */
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
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export type StepKind =
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

/** Who must act next, where and by when; null once the application is closed. */
export interface ApplicationTurn {
  nodeCode: string;
  step: StepKind;
  role: string;
  organisationId: string | null;
  dueOn: string | null;
  overdue: boolean;
}

/** One step of the timeline both nodes show (审核流程). */
export interface TimelineStepView {
  seq: number;
  step: StepKind;
  assignee?: { nodeCode: string; organisationId: string | null; role: string };
  openedAt: string;
  dueOn: string | null;
  provisional?: boolean;
  decision: string | null;
  decidedAt: string | null;
  actor?: { subject: string; organisationId: string; nodeCode: string; name?: string } | null;
  groundCode?: string | null;
  groundTitle?: string | null;
  comment?: string | null;
  overdue: boolean;
}

export interface ApplicationView {
  id: string;
  nodeCode: string;
  version: number;
  state: ApplicationState;
  applicant: { organisationId: string; nodeCode: string; subject: string; organisationName: string | null };
  target: {
    kind: 'entry' | 'uncatalogued';
    entryId: string | null;
    entryCode: string | null;
    entryName: string | null;
    providerNode: string;
    providerOrganisationId: string | null;
    description: string | null;
  };
  requestedItems: string[];
  purpose: string;
  legalBasis: string;
  scenario: string | null;
  validUntil: string;
  expectedVolume: { callsPerDay?: number; recordsPerCall?: number } | null;
  grant: { items?: string[]; validUntil?: string } | null;
  filedAt: string;
  changedAt: string;
  turn: ApplicationTurn | null;
  timeline: TimelineStepView[];
}

/** A data demand application as listed (the list gives the same view as one application). */
export type ApplicationSummary = Pick<ApplicationView, 'id' | 'state' | 'target' | 'applicant' | 'filedAt' | 'turn'> &
  Partial<Pick<ApplicationView, 'timeline'>>;

/** 法定事由 — a ground a refusal or revocation cites. */
export interface LegalGround {
  code: string;
  title: string;
  basis: string;
  description: string | null;
  withdrawnAt: string | null;
}

import { ROLE_SCOPES, type PersonRoles } from '@/navigation/portal-access.js';
import type { ApplicationState, ApplicationView, StepKind } from '@/api/types/demand.js';

/** The decisions the demand API takes on an application (`POST /applications/:id/<verb>`). */
export type ApplicationVerb = 'approve' | 'reject' | 'answer' | 'contest' | 'decide-contest' | 'withdraw' | 'revoke';

/** Where a role must be held for a verb (the demand workflow's holders). */
interface Holder {
  role: string;
  in: 'applicant-organisation' | 'provider-organisation' | 'provider-node';
}

const DEPARTMENT: Holder[] = [{ role: 'demand-approver', in: 'applicant-organisation' }];
const PROVIDER: Holder[] = [{ role: 'provider-reviewer', in: 'provider-organisation' }];
const AUTHORITY: Holder[] = [{ role: 'data-admin', in: 'provider-node' }];
const APPLICANT: Holder[] = [{ role: 'demand-applicant', in: 'applicant-organisation' }];
const PROVIDER_SIDE: Holder[] = [
  { role: 'provider-reviewer', in: 'provider-organisation' },
  { role: 'data-admin', in: 'provider-organisation' },
  { role: 'data-admin', in: 'provider-node' },
];

/**
 * Which buttons an application's page offers, by state, verb and holder — a copy, for display only,
 * of who may act in libs/demand/feature application-workflow.ts (`WORKFLOW`). The API still decides
 * every request and its refusal (403, 409) is shown as it comes.
 */
const OFFERS: ReadonlyArray<{ from: ApplicationState; verb: ApplicationVerb; by: Holder[] }> = [
  { from: 'department-review', verb: 'approve', by: DEPARTMENT },
  { from: 'department-review', verb: 'reject', by: DEPARTMENT },
  { from: 'department-review', verb: 'withdraw', by: APPLICANT },
  { from: 'provider-review', verb: 'approve', by: PROVIDER },
  { from: 'provider-review', verb: 'reject', by: PROVIDER },
  { from: 'provider-review', verb: 'withdraw', by: APPLICANT },
  { from: 'authority-review', verb: 'approve', by: AUTHORITY },
  { from: 'authority-review', verb: 'reject', by: AUTHORITY },
  { from: 'authority-review', verb: 'withdraw', by: APPLICANT },
  { from: 'awaiting-registration', verb: 'answer', by: PROVIDER },
  { from: 'awaiting-registration', verb: 'reject', by: PROVIDER },
  { from: 'awaiting-registration', verb: 'withdraw', by: APPLICANT },
  { from: 'rejected', verb: 'contest', by: APPLICANT },
  { from: 'contested', verb: 'decide-contest', by: AUTHORITY },
  { from: 'granted', verb: 'revoke', by: PROVIDER_SIDE },
];

/** Steps whose refusal comes from the provider side: it cites a legal ground and may be contested once. */
const PROVIDER_SIDE_STEPS: ReadonlySet<StepKind> = new Set(['provider-review', 'authority-review', 'registration']);

export interface Person extends PersonRoles {
  organisationId: string;
}

/** The node that may change the application now (only it takes decisions), or null when none may. */
function actingNode(app: ApplicationView): string | null {
  if (app.turn) return app.turn.nodeCode;
  if (app.state === 'rejected' && contestable(app)) return app.nodeCode;
  if (app.state === 'granted') return app.target.providerNode;
  return null;
}

/** A provider-side refusal not contested yet. */
export function contestable(app: Pick<ApplicationView, 'timeline'>): boolean {
  const refusal = [...app.timeline].reverse().find((s) => s.decision === 'rejected');
  return (
    refusal !== undefined && PROVIDER_SIDE_STEPS.has(refusal.step) && !app.timeline.some((s) => s.step === 'contest')
  );
}

/** Does the refusal of the application's pending step cite a legal ground (provider side) or only a comment? */
export function refusalCitesGround(app: Pick<ApplicationView, 'state'>): boolean {
  return app.state !== 'department-review';
}

function holds(person: Person, holder: Holder, app: ApplicationView): boolean {
  if (!person.roles.includes(holder.role)) return false;
  const scopes = ROLE_SCOPES[holder.role] ?? [];
  switch (holder.in) {
    case 'applicant-organisation':
      return scopes.includes('organisation') && person.organisationId === app.applicant.organisationId;
    case 'provider-organisation':
      return scopes.includes('organisation') && person.organisationId === app.target.providerOrganisationId;
    case 'provider-node':
      return scopes.includes('node') && person.authority === true;
  }
}

/** The verbs this person may attempt on the application at this node, in the table's order. */
export function offeredVerbs(app: ApplicationView, person: Person, thisNode: string): ApplicationVerb[] {
  if (person.nodeCode !== thisNode || actingNode(app) !== thisNode) return [];
  return OFFERS.filter((o) => o.from === app.state && o.by.some((h) => holds(person, h, app))).map((o) => o.verb);
}

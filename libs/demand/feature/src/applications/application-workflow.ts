import { holdsNodeRole, organisationRoles, type Principal, type Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { ApplicationRecord, ApplicationState, StepKind, TimelineStep } from './application.types.js';

/**
 * 审核流程 — who holds the turn of an application and who may act on it.
 *
 * department-review (applicant's department, at the applicant's node) → provider-review (provider
 * organisation, at the provider's node) → authority-review (data authority of the provider's node,
 * for 重要数据 or on the provider's referral) → granted, until it expires or the provider side revokes
 * it (citing a legal ground). Data not catalogued yet waits in
 * awaiting-registration for the provider to register an entry. A refusal by the provider side may
 * be contested once to the provider node's data authority. The application record is shared by the
 * two nodes: only the node holding the turn changes it.
 */
export type Verb = 'approve' | 'reject' | 'answer' | 'contest' | 'decide-contest' | 'withdraw' | 'revoke';

/** States still under way (withdrawable). */
const OPEN_STATES: readonly ApplicationState[] = [
  'department-review',
  'provider-review',
  'authority-review',
  'awaiting-registration',
];

const VERB_STATES: Record<Verb, readonly ApplicationState[]> = {
  approve: ['department-review', 'provider-review', 'authority-review'],
  reject: OPEN_STATES,
  answer: ['awaiting-registration'],
  contest: ['rejected'],
  'decide-contest': ['contested'],
  withdraw: OPEN_STATES,
  revoke: ['granted'],
};

/** Steps whose refusal comes from the provider side: they need a legal ground and may be contested. */
export const PROVIDER_SIDE_STEPS: ReadonlySet<StepKind> = new Set([
  'provider-review',
  'registration',
  'authority-review',
]);

/** Who must act in a state: a role of an organisation (or of the node) at a node. */
export interface Assignee {
  nodeCode: string;
  organisationId: string | null;
  role: Role;
}

/** The step a state waits on and who must take it; null for closed states. */
export function pendingStep(app: ApplicationRecord): { step: StepKind; assignee: Assignee } | null {
  const provider = { nodeCode: app.target.providerNode, organisationId: app.target.providerOrganisationId };
  switch (app.state) {
    case 'department-review':
      return {
        step: 'department-review',
        assignee: { nodeCode: app.nodeCode, organisationId: app.applicant.organisationId, role: 'demand-approver' },
      };
    case 'provider-review':
      return { step: 'provider-review', assignee: { ...provider, role: 'provider-reviewer' } };
    case 'awaiting-registration':
      return { step: 'registration', assignee: { ...provider, role: 'provider-reviewer' } };
    case 'authority-review':
      return {
        step: 'authority-review',
        assignee: { nodeCode: app.target.providerNode, organisationId: null, role: 'data-admin' },
      };
    case 'contested':
      return {
        step: 'contest',
        assignee: { nodeCode: app.target.providerNode, organisationId: null, role: 'data-admin' },
      };
    default:
      return null;
  }
}

/**
 * The node that may change the application next: the one whose step is pending, the applicant's
 * node while a refusal may still be contested, the provider's while a grant runs (it expires
 * there), none once it is closed.
 */
export function turnNode(app: ApplicationRecord, timeline: readonly TimelineStep[]): string | null {
  const pending = pendingStep(app);
  if (pending) return pending.assignee.nodeCode;
  if (app.state === 'rejected' && contestable(timeline)) return app.nodeCode;
  if (app.state === 'granted') return app.target.providerNode;
  return null;
}

/** A refusal by the provider side that has not been contested yet. */
export function contestable(timeline: readonly TimelineStep[]): boolean {
  const refusal = [...timeline].reverse().find((s) => s.decision === 'rejected');
  return refusal !== undefined && PROVIDER_SIDE_STEPS.has(refusal.step) && !timeline.some((s) => s.step === 'contest');
}

/** May this principal read the application here? The applicant and provider organisations, and the node's data-admin. */
export function maySee(principal: Principal, app: ApplicationRecord, thisNode: string): boolean {
  if (principal.nodeCode !== thisNode) return false;
  if (app.nodeCode === thisNode && principal.organisationId === app.applicant.organisationId) return true;
  if (app.target.providerNode === thisNode && principal.organisationId === app.target.providerOrganisationId) {
    return true;
  }
  return (
    holdsNodeRole(principal, 'data-admin', thisNode) &&
    (app.nodeCode === thisNode || app.target.providerNode === thisNode)
  );
}

/**
 * Checks that `principal` may take `verb` on the application at this node: the state allows the
 * verb (409), this node holds the turn (409), and the principal is the one the step waits for (403).
 * Returns the step being decided.
 */
export function authorise(
  verb: Verb,
  principal: Principal,
  app: ApplicationRecord,
  timeline: readonly TimelineStep[],
  thisNode: string,
): StepKind {
  if (!VERB_STATES[verb].includes(app.state)) {
    throw GovdataError.conflict(`an application in state ${app.state} cannot be ${VERB_PAST[verb]}`, [
      { path: 'state', rule: 'state', message: `${verb} is allowed in: ${VERB_STATES[verb].join(', ')}` },
    ]);
  }
  if (verb === 'contest' && !contestable(timeline)) {
    throw GovdataError.conflict('only a refusal by the provider side may be contested, and only once', [
      { path: 'state', rule: 'contestable', message: 'this refusal cannot be contested' },
    ]);
  }
  const turn = turnNode(app, timeline);
  if (turn !== thisNode) {
    throw GovdataError.conflict(`node ${turn} holds the turn of this application; act there`, [
      { path: 'state', rule: 'turn', message: `the ${app.state} step is taken at node ${turn}` },
    ]);
  }
  if (verb === 'withdraw' || verb === 'contest') {
    if (!isApplicant(principal, app)) {
      throw GovdataError.forbidden(`only a demand-applicant of the applicant organisation may ${verb} the application`);
    }
    return verb === 'withdraw' ? 'withdrawal' : 'contest';
  }
  if (verb === 'revoke') {
    if (!isProviderSide(principal, app)) {
      throw GovdataError.forbidden(
        `a grant is revoked by a provider-reviewer or data-admin of organisation ${app.target.providerOrganisationId}, or a data-admin of an authority organisation of node ${app.target.providerNode}`,
      );
    }
    return 'revocation';
  }
  const pending = pendingStep(app)!;
  const { assignee } = pending;
  // A step of the node (no organisation) needs the role node-wide, i.e. held in an authority organisation.
  const fits =
    assignee.organisationId === null
      ? holdsNodeRole(principal, assignee.role, assignee.nodeCode)
      : principal.organisationId === assignee.organisationId &&
        organisationRoles(principal, assignee.nodeCode).includes(assignee.role);
  if (!fits) {
    const whose = assignee.organisationId
      ? `of organisation ${assignee.organisationId}`
      : `of node ${assignee.nodeCode}`;
    throw GovdataError.forbidden(`the ${pending.step} step is taken by a ${assignee.role} ${whose}`);
  }
  return pending.step;
}

/** The provider organisation's reviewer or data-admin, or the provider node's data authority. */
function isProviderSide(principal: Principal, app: ApplicationRecord): boolean {
  if (holdsNodeRole(principal, 'data-admin', app.target.providerNode)) return true;
  if (principal.organisationId !== app.target.providerOrganisationId) return false;
  const roles = organisationRoles(principal, app.target.providerNode);
  return roles.includes('provider-reviewer') || roles.includes('data-admin');
}

function isApplicant(principal: Principal, app: ApplicationRecord): boolean {
  return (
    principal.organisationId === app.applicant.organisationId &&
    organisationRoles(principal, app.nodeCode).includes('demand-applicant')
  );
}

const VERB_PAST: Record<Verb, string> = {
  approve: 'approved',
  reject: 'rejected',
  answer: 'answered',
  contest: 'contested',
  'decide-contest': 'ruled on',
  withdraw: 'withdrawn',
  revoke: 'revoked',
};

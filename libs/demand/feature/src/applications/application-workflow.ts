import {
  holdsNodeRole,
  mayAttempt,
  organisationRoles,
  type Permission,
  type Principal,
  type Role,
} from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type {
  ApplicationAction,
  ApplicationRecord,
  ApplicationState,
  StepDecision,
  StepKind,
  TimelineStep,
} from './application.types.js';
import { ApplicationConflictRule } from './application.exception.js';

/**
 * 审核流程 — the whole workflow of an application, as one table: who may take which verb in which
 * state, what must hold, where the application goes and what the change does.
 *
 * department-review (applicant's department, at the applicant's node) → provider-review (provider
 * organisation, at the provider's node) → authority-review (data authority of the provider's node,
 * for 重要数据 or on the provider's referral) → granted, until it expires or the provider side revokes
 * it (citing a legal ground). Data not catalogued yet waits in awaiting-registration for the
 * provider to register an entry. A refusal by the provider side may be contested once to the
 * provider node's data authority. The application record is shared by the two nodes: only the node
 * holding the turn changes it (`turnNode`).
 *
 * Filing (`SubmitApplicationUseCase`) starts an application in department-review, or grants it at
 * once for an entry shared without conditions; the provider's node expires a grant whose validity
 * has ended (`ExpireApplicationUseCase`). Every other change is a row of {@link WORKFLOW}.
 */
export type Verb = 'approve' | 'reject' | 'answer' | 'contest' | 'decide-contest' | 'withdraw' | 'revoke';

export const VERBS: readonly Verb[] = [
  'approve',
  'reject',
  'answer',
  'contest',
  'decide-contest',
  'withdraw',
  'revoke',
];

/** The permission every decision route names in the policy table; the rows say which of its holders may act. */
export const DECIDE_PERMISSION: Permission = 'demand.application.decide';

/**
 * Who may take a transition: a role, and where it must be held —
 * - `applicant-organisation`: within the applicant organisation, at the applicant's node;
 * - `provider-organisation`: within the provider organisation, at the provider's node;
 * - `provider-node`: node-wide at the provider's node (held in one of its authority organisations).
 */
export interface Holder {
  role: Role;
  in: 'applicant-organisation' | 'provider-organisation' | 'provider-node';
}

/**
 * What decides between the rows of one state and verb (read after the use case checked the request):
 * - `entry-target` / `uncatalogued-target`: the application names a catalog entry, or data not catalogued yet;
 * - `referred` / `not-referred`: the provider reviewer referred it to the authority, or the entry is 重要数据;
 * - `answered-unconditional` / `answered-conditional`: the sharing type of the entry the provider answered with;
 * - `uphold`, `overturn-entry`, `overturn-uncatalogued`: the authority's ruling on a contest (and the target).
 */
export type Guard =
  | 'entry-target'
  | 'uncatalogued-target'
  | 'referred'
  | 'not-referred'
  | 'answered-unconditional'
  | 'answered-conditional'
  | 'uphold'
  | 'overturn-entry'
  | 'overturn-uncatalogued';

/** The facts the guards read. */
export interface GuardFacts {
  target: ApplicationRecord['target']['kind'];
  referred?: boolean;
  answered?: 'unconditional' | 'conditional' | 'none';
  ruling?: 'uphold' | 'overturn';
}

const GUARDS: Readonly<Record<Guard, (f: GuardFacts) => boolean>> = {
  'entry-target': (f) => f.target === 'entry',
  'uncatalogued-target': (f) => f.target === 'uncatalogued',
  referred: (f) => f.referred === true,
  'not-referred': (f) => f.referred === false,
  'answered-unconditional': (f) => f.answered === 'unconditional',
  'answered-conditional': (f) => f.answered === 'conditional',
  uphold: (f) => f.ruling === 'uphold',
  'overturn-entry': (f) => f.ruling === 'overturn' && f.target === 'entry',
  'overturn-uncatalogued': (f) => f.ruling === 'overturn' && f.target === 'uncatalogued',
};

/**
 * Where a grant's terms come from (each checks that the entry is still published for sharing here):
 * - `reviewer`: the provider reviewer's terms over the defaults (the only step that takes terms);
 * - `proposal`: the terms of the approving provider review, valid from today;
 * - `ruling`: the authority's terms when it overturns, else the provider review's proposal, else the defaults;
 * - `entry-defaults`: the defaults for the entry answered with.
 */
export type TermsSource = 'reviewer' | 'proposal' | 'ruling' | 'entry-defaults';

/**
 * What a change does, executed in this order by the use case:
 * - `decide-step`: records the row's `decision` on the open step (actor, comment, cited ground);
 * - `terms-on-step`: the decided step also carries the terms (the provider's proposal, the ruling's grant);
 * - `append-step`: appends the closed step `appends` (a contest filed, a withdrawal, a revocation);
 * - `retarget`: the entry the provider answered with becomes the application's target;
 * - `grant`: the terms become the application's grant and a grant step is appended — the provider's
 *   exchange enforces it once the event reaches it; any other change leaves no grant;
 * - `open-step`: opens the new state's pending step for its assignee, due in `STEP_WORKING_DAYS`
 *   working days on the node calendar (marked provisional on a year without its notice);
 * - `publish`: the version grows by one, the application is stored and one `demand.application.v1`
 *   with the row's `action`, the whole record and its timeline goes to the outbox (the other node
 *   keeps its copy from it).
 */
export type Effect = 'decide-step' | 'terms-on-step' | 'append-step' | 'retarget' | 'grant' | 'open-step' | 'publish';

/** One transition of the workflow. */
export interface Transition {
  from: ApplicationState;
  verb: Verb;
  /** The step the verb decides or adds (the open step of `from`, or `appends`). */
  step: StepKind;
  /** Who may take it (any one of them). */
  by: readonly Holder[];
  /** Refused (409 `contestable`) unless it holds: the last refusal came from the provider side and was not contested yet. */
  requires?: 'contestable';
  /** Chooses between the rows of the same `from` and `verb`. */
  guard?: Guard;
  to: ApplicationState;
  /** The event's action. */
  action: ApplicationAction;
  /** What the step records (`decide-step`). */
  decision?: StepDecision;
  /** The closed step `append-step` adds. */
  appends?: { step: StepKind; decision: StepDecision };
  /** What the decision cites: a legal ground in force (非因法定事由不得拒绝), or a comment with an optional ground. */
  cites?: 'legal-ground' | 'comment';
  /** Where the grant's terms come from, when it grants or proposes terms. */
  terms?: TermsSource;
  effects: readonly Effect[];
}

const DEPARTMENT: readonly Holder[] = [{ role: 'demand-approver', in: 'applicant-organisation' }];
const PROVIDER: readonly Holder[] = [{ role: 'provider-reviewer', in: 'provider-organisation' }];
const AUTHORITY: readonly Holder[] = [{ role: 'data-admin', in: 'provider-node' }];
const APPLICANT: readonly Holder[] = [{ role: 'demand-applicant', in: 'applicant-organisation' }];
const PROVIDER_SIDE: readonly Holder[] = [
  { role: 'provider-reviewer', in: 'provider-organisation' },
  { role: 'data-admin', in: 'provider-organisation' },
  { role: 'data-admin', in: 'provider-node' },
];

const withdrawal = (from: ApplicationState, step: StepKind): Transition => ({
  from,
  verb: 'withdraw',
  step,
  by: APPLICANT,
  to: 'withdrawn',
  action: 'withdrawn',
  decision: 'withdrawn',
  appends: { step: 'withdrawal', decision: 'withdrawn' },
  effects: ['decide-step', 'append-step', 'publish'],
});

const refusal = (from: ApplicationState, step: StepKind, cites: 'legal-ground' | 'comment'): Transition => ({
  from,
  verb: 'reject',
  step,
  by: from === 'department-review' ? DEPARTMENT : from === 'authority-review' ? AUTHORITY : PROVIDER,
  to: 'rejected',
  action: 'rejected',
  decision: 'rejected',
  cites,
  effects: ['decide-step', 'publish'],
});

/** 审核流程表 — every transition of an application. States and verbs not listed here are refused (409 `state`). */
export const WORKFLOW: readonly Transition[] = [
  // 部门审核 — the applicant's department, at the applicant's node
  {
    from: 'department-review',
    verb: 'approve',
    step: 'department-review',
    by: DEPARTMENT,
    guard: 'entry-target',
    to: 'provider-review',
    action: 'step-approved',
    decision: 'approved',
    effects: ['decide-step', 'open-step', 'publish'],
  },
  {
    from: 'department-review',
    verb: 'approve',
    step: 'department-review',
    by: DEPARTMENT,
    guard: 'uncatalogued-target',
    to: 'awaiting-registration',
    action: 'step-approved',
    decision: 'approved',
    effects: ['decide-step', 'open-step', 'publish'],
  },
  refusal('department-review', 'department-review', 'comment'),
  withdrawal('department-review', 'department-review'),

  // 提供方审核 — the provider organisation, at the provider's node
  {
    from: 'provider-review',
    verb: 'approve',
    step: 'provider-review',
    by: PROVIDER,
    guard: 'not-referred',
    to: 'granted',
    action: 'granted',
    decision: 'approved',
    terms: 'reviewer',
    effects: ['decide-step', 'terms-on-step', 'grant', 'publish'],
  },
  {
    from: 'provider-review',
    verb: 'approve',
    step: 'provider-review',
    by: PROVIDER,
    guard: 'referred',
    to: 'authority-review',
    action: 'step-approved',
    decision: 'approved',
    terms: 'reviewer',
    effects: ['decide-step', 'terms-on-step', 'open-step', 'publish'],
  },
  refusal('provider-review', 'provider-review', 'legal-ground'),
  withdrawal('provider-review', 'provider-review'),

  // 主管部门审核 — the data authority of the provider's node (重要数据, or on referral)
  {
    from: 'authority-review',
    verb: 'approve',
    step: 'authority-review',
    by: AUTHORITY,
    to: 'granted',
    action: 'granted',
    decision: 'approved',
    terms: 'proposal',
    effects: ['decide-step', 'grant', 'publish'],
  },
  refusal('authority-review', 'authority-review', 'legal-ground'),
  withdrawal('authority-review', 'authority-review'),

  // 编目答复 — data not catalogued yet: the provider registers an entry and answers with it
  refusal('awaiting-registration', 'registration', 'legal-ground'),
  {
    from: 'awaiting-registration',
    verb: 'answer',
    step: 'registration',
    by: PROVIDER,
    guard: 'answered-conditional',
    to: 'provider-review',
    action: 'answered',
    decision: 'answered',
    effects: ['decide-step', 'retarget', 'open-step', 'publish'],
  },
  {
    from: 'awaiting-registration',
    verb: 'answer',
    step: 'registration',
    by: PROVIDER,
    guard: 'answered-unconditional',
    to: 'granted',
    action: 'granted',
    decision: 'answered',
    terms: 'entry-defaults',
    effects: ['decide-step', 'retarget', 'grant', 'publish'],
  },
  withdrawal('awaiting-registration', 'registration'),

  // 异议 — the applicant contests a provider-side refusal once; the authority rules on it
  {
    from: 'rejected',
    verb: 'contest',
    step: 'contest',
    by: APPLICANT,
    requires: 'contestable',
    to: 'contested',
    action: 'contested',
    appends: { step: 'contest', decision: 'filed' },
    effects: ['append-step', 'open-step', 'publish'],
  },
  {
    from: 'contested',
    verb: 'decide-contest',
    step: 'contest',
    by: AUTHORITY,
    guard: 'uphold',
    to: 'rejected',
    action: 'contest-decided',
    decision: 'upheld',
    effects: ['decide-step', 'publish'],
  },
  {
    from: 'contested',
    verb: 'decide-contest',
    step: 'contest',
    by: AUTHORITY,
    guard: 'overturn-uncatalogued',
    to: 'awaiting-registration',
    action: 'contest-decided',
    decision: 'overturned',
    effects: ['decide-step', 'open-step', 'publish'],
  },
  {
    from: 'contested',
    verb: 'decide-contest',
    step: 'contest',
    by: AUTHORITY,
    guard: 'overturn-entry',
    to: 'granted',
    action: 'granted',
    decision: 'overturned',
    terms: 'ruling',
    effects: ['decide-step', 'terms-on-step', 'grant', 'publish'],
  },

  // 撤销授权 — the provider side ends a running grant, at the provider's node
  {
    from: 'granted',
    verb: 'revoke',
    step: 'revocation',
    by: PROVIDER_SIDE,
    to: 'revoked',
    action: 'revoked',
    cites: 'legal-ground',
    appends: { step: 'revocation', decision: 'revoked' },
    effects: ['append-step', 'publish'],
  },
];

/** Steps whose refusal comes from the provider side: they need a legal ground and may be contested. */
export const PROVIDER_SIDE_STEPS: ReadonlySet<StepKind> = new Set(
  WORKFLOW.filter((t) => t.verb === 'reject' && t.cites === 'legal-ground').map((t) => t.step),
);

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
 * node while a refusal may still be contested, the provider's while a grant runs (it expires or is
 * revoked there), none once it is closed.
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

/** Does the principal hold the role where the holder says? */
export function holds(principal: Principal, holder: Holder, app: ApplicationRecord): boolean {
  switch (holder.in) {
    case 'applicant-organisation':
      return (
        principal.organisationId === app.applicant.organisationId &&
        organisationRoles(principal, app.nodeCode).includes(holder.role)
      );
    case 'provider-organisation':
      return (
        principal.organisationId === app.target.providerOrganisationId &&
        organisationRoles(principal, app.target.providerNode).includes(holder.role)
      );
    case 'provider-node':
      return holdsNodeRole(principal, holder.role, app.target.providerNode);
  }
}

/** Why a verb is refused, as the API answers it: 403 `forbidden`, 404 `not-found`, or 409 with the named rule. */
export type Refusal = 'forbidden' | 'not-found' | ApplicationConflictRule;

/** A verb the principal may take: the step it decides and the rows it may lead to (chosen by their guards). */
export interface Allowed {
  step: StepKind;
  rows: readonly Transition[];
}

export interface Refused {
  refused: Refusal;
  error: GovdataError;
}

/**
 * The rows `principal` may take with `verb` on the application at this node, or the refusal the
 * API answers, checked in this order: the permission of the decision routes (403; the route's
 * guard answers it first), the application is one the principal may see (404), the state allows the
 * verb (409 `state`), a contest needs a contestable refusal (409 `contestable`), this node holds
 * the turn (409 `turn`), the principal is one the row names (403).
 */
export function transition(
  verb: Verb,
  principal: Principal,
  app: ApplicationRecord,
  timeline: readonly TimelineStep[],
  thisNode: string,
): Allowed | Refused {
  if (!mayAttempt(principal, DECIDE_PERMISSION, thisNode)) {
    return refused(
      'forbidden',
      GovdataError.forbidden(
        `未在节点 ${thisNode} 持有权限 ${DECIDE_PERMISSION} (${DECIDE_PERMISSION} is not held at node ${thisNode})`,
      ),
    );
  }
  if (!maySee(principal, app, thisNode)) return refused('not-found', GovdataError.notFound('application', app.id));
  const rows = WORKFLOW.filter((t) => t.verb === verb && t.from === app.state);
  if (rows.length === 0) {
    const states = statesAllowing(verb);
    return refused(
      ApplicationConflictRule.State,
      GovdataError.conflict(
        `状态为 ${app.state} 的共享申请不能执行此操作 (an application in state ${app.state} cannot be ${VERB_PAST[verb]})`,
        [
          {
            path: 'state',
            rule: ApplicationConflictRule.State,
            message: `${verb} 仅允许在以下状态执行：${states.join(', ')} (${verb} is allowed in: ${states.join(', ')})`,
          },
        ],
      ),
    );
  }
  const first = rows[0]!;
  if (first.requires === 'contestable' && !contestable(timeline)) {
    return refused(
      ApplicationConflictRule.Contestable,
      GovdataError.conflict(
        '只有提供方一侧的拒绝可以提出异议，且仅限一次 (only a refusal by the provider side may be contested, and only once)',
        [
          {
            path: 'state',
            rule: ApplicationConflictRule.Contestable,
            message: '该拒绝不能提出异议 (this refusal cannot be contested)',
          },
        ],
      ),
    );
  }
  const turn = turnNode(app, timeline);
  if (turn !== thisNode) {
    return refused(
      ApplicationConflictRule.Turn,
      GovdataError.conflict(
        `该共享申请当前由节点 ${turn} 办理，请在该节点操作 (node ${turn} holds the turn of this application; act there)`,
        [
          {
            path: 'state',
            rule: ApplicationConflictRule.Turn,
            message: `${app.state} 环节在节点 ${turn} 办理 (the ${app.state} step is taken at node ${turn})`,
          },
        ],
      ),
    );
  }
  if (!first.by.some((holder) => holds(principal, holder, app))) {
    return refused('forbidden', GovdataError.forbidden(whoMay(first, app)));
  }
  return { step: first.step, rows };
}

/** {@link transition}, throwing the refusal. */
export function authorise(
  verb: Verb,
  principal: Principal,
  app: ApplicationRecord,
  timeline: readonly TimelineStep[],
  thisNode: string,
): Allowed {
  const result = transition(verb, principal, app, timeline, thisNode);
  if ('refused' in result) throw result.error;
  return result;
}

/** The row of an allowed verb whose guard holds on the facts the use case established. */
export function choose(rows: readonly Transition[], facts: GuardFacts): Transition {
  const row = rows.find((t) => t.guard === undefined || GUARDS[t.guard](facts));
  if (!row) throw new Error(`no transition of ${rows[0]?.from} ${rows[0]?.verb} fits ${JSON.stringify(facts)}`);
  return row;
}

/** Does a guard hold on the facts? */
export function guardHolds(guard: Guard, facts: GuardFacts): boolean {
  return GUARDS[guard](facts);
}

/** The states a verb is allowed in, in the table's order. */
export function statesAllowing(verb: Verb): ApplicationState[] {
  return [...new Set(WORKFLOW.filter((t) => t.verb === verb).map((t) => t.from))];
}

function refused(refusal: Refusal, error: GovdataError): Refused {
  return { refused: refusal, error };
}

/** The 403's text: who the row waits for. */
function whoMay(row: Transition, app: ApplicationRecord): string {
  if (row.verb === 'withdraw' || row.verb === 'contest') {
    return `仅申请方机构的需求申请人可执行此操作 (only a demand-applicant of the applicant organisation may ${row.verb} the application)`;
  }
  if (row.verb === 'revoke') {
    return `授权由机构 ${app.target.providerOrganisationId} 的提供方审核人或数据管理员，或节点 ${app.target.providerNode} 数据主管部门的数据管理员撤销 (a grant is revoked by a provider-reviewer or data-admin of organisation ${app.target.providerOrganisationId}, or a data-admin of an authority organisation of node ${app.target.providerNode})`;
  }
  const holder = row.by[0]!;
  const whose =
    holder.in === 'provider-node'
      ? `of node ${app.target.providerNode}`
      : `of organisation ${holder.in === 'applicant-organisation' ? app.applicant.organisationId : app.target.providerOrganisationId}`;
  return `${row.step} 环节由 ${holder.role} 角色办理 (the ${row.step} step is taken by a ${holder.role} ${whose})`;
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

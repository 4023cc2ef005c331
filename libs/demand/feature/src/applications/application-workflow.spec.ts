import { ROLES, type Principal, type Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import {
  APPLICATION_STATES,
  type ApplicationRecord,
  type ApplicationState,
  type TimelineStep,
} from './application.types.js';
import {
  authorise,
  choose,
  contestable,
  guardHolds,
  maySee,
  pendingStep,
  PROVIDER_SIDE_STEPS,
  transition,
  turnNode,
  VERBS,
  WORKFLOW,
  type Effect,
  type GuardFacts,
  type Transition,
  type Verb,
} from './application-workflow.js';

const APPLICANT_ORG = '00000000-0000-4000-8000-00000000000a';
const PROVIDER_ORG = '00000000-0000-4000-8000-00000000000b';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000ff';

function application(
  state: ApplicationState,
  nodes = { applicant: '360100', provider: '100000' },
  kind: 'entry' | 'uncatalogued' = 'entry',
): ApplicationRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    nodeCode: nodes.applicant,
    version: 2,
    state,
    lastAction: 'step-approved',
    applicant: { organisationId: APPLICANT_ORG, nodeCode: nodes.applicant, subject: 'a', organisationName: null },
    target: {
      kind,
      entryId: kind === 'entry' ? '00000000-0000-4000-8000-000000000002' : null,
      entryCode: kind === 'entry' ? '101001/100000000001' : null,
      entryName: kind === 'entry' ? '人口基本信息' : null,
      providerNode: nodes.provider,
      providerOrganisationId: PROVIDER_ORG,
      description: kind === 'entry' ? null : '企业登记信息',
    },
    requestedItems: ['姓名'],
    purpose: 'p',
    legalBasis: 'l',
    scenario: null,
    validUntil: '2027-06-30',
    expectedVolume: null,
    grant: null,
    filedAt: '2026-09-14T02:00:00.000Z',
    changedAt: '2026-09-14T02:00:00.000Z',
    changedAtNode: nodes.applicant,
    receivedAt: null,
  };
}

const step = (s: TimelineStep['step'], decision: TimelineStep['decision']): TimelineStep => ({
  seq: 1,
  step: s,
  openedAt: '2026-09-14T02:00:00.000Z',
  dueOn: null,
  decision,
  decidedAt: decision ? '2026-09-14T02:00:00.000Z' : null,
});

const who = (organisationId: string, nodeCode: string, ...roles: Role[]): Principal => ({
  subject: 'u',
  kind: 'user',
  organisationId,
  nodeCode,
  roles,
});
/** The same, held in an authority organisation (数据主管部门): node-level roles take effect. */
const ofAuthority = (organisationId: string, nodeCode: string, ...roles: Role[]): Principal => ({
  ...who(organisationId, nodeCode, ...roles),
  authority: true,
});

function status(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as GovdataError).httpStatus;
  }
}

/* ---------------------------------------------------------------------------------------------
 * The oracle: what the API answers today, written out by hand (not derived from the table).
 * ------------------------------------------------------------------------------------------- */

type Where = 'applicant-org' | 'provider-org' | 'provider-authority';
interface Cell {
  /** The node that holds the turn. */
  turn: 'applicant' | 'provider';
  who: Array<[Role, Where]>;
  /** A contest needs a provider-side refusal not contested yet. */
  contestable?: true;
}

const APPROVER: Cell['who'] = [['demand-approver', 'applicant-org']];
const APPLICANT: Cell['who'] = [['demand-applicant', 'applicant-org']];
const REVIEWER: Cell['who'] = [['provider-reviewer', 'provider-org']];
const AUTHORITY: Cell['who'] = [['data-admin', 'provider-authority']];

/** Every state and verb the API accepts; any other pair is 409 `state`. */
const CELLS: Partial<Record<ApplicationState, Partial<Record<Verb, Cell>>>> = {
  'department-review': {
    approve: { turn: 'applicant', who: APPROVER },
    reject: { turn: 'applicant', who: APPROVER },
    withdraw: { turn: 'applicant', who: APPLICANT },
  },
  'provider-review': {
    approve: { turn: 'provider', who: REVIEWER },
    reject: { turn: 'provider', who: REVIEWER },
    withdraw: { turn: 'provider', who: APPLICANT },
  },
  'authority-review': {
    approve: { turn: 'provider', who: AUTHORITY },
    reject: { turn: 'provider', who: AUTHORITY },
    withdraw: { turn: 'provider', who: APPLICANT },
  },
  'awaiting-registration': {
    reject: { turn: 'provider', who: REVIEWER },
    answer: { turn: 'provider', who: REVIEWER },
    withdraw: { turn: 'provider', who: APPLICANT },
  },
  rejected: { contest: { turn: 'applicant', who: APPLICANT, contestable: true } },
  contested: { 'decide-contest': { turn: 'provider', who: AUTHORITY } },
  granted: {
    revoke: {
      turn: 'provider',
      who: [
        ['provider-reviewer', 'provider-org'],
        ['data-admin', 'provider-org'],
        ['data-admin', 'provider-authority'],
      ],
    },
  },
};

/** Roles that hold `demand.application.decide` (policy.ts); anyone else is refused by the route's guard. */
const DECIDERS: readonly Role[] = ['demand-applicant', 'demand-approver', 'provider-reviewer', 'data-admin'];

interface Persona {
  role: Role;
  org: 'applicant' | 'provider' | 'other';
  authority: boolean;
  node: string;
}

type Answer = 'ok' | 'forbidden' | 'not-found' | 'state' | 'contestable' | 'turn';

function expected(
  p: Persona,
  state: ApplicationState,
  verb: Verb,
  nodes: { applicant: string; provider: string },
  thisNode: string,
  refusalContestable: boolean,
): Answer {
  const orgId = { applicant: APPLICANT_ORG, provider: PROVIDER_ORG, other: OTHER_ORG }[p.org];
  if (p.node !== thisNode || !DECIDERS.includes(p.role)) return 'forbidden';
  const nodeDataAdmin = p.role === 'data-admin' && p.authority;
  const sees =
    (thisNode === nodes.applicant && orgId === APPLICANT_ORG) ||
    (thisNode === nodes.provider && orgId === PROVIDER_ORG) ||
    (nodeDataAdmin && (thisNode === nodes.applicant || thisNode === nodes.provider));
  if (!sees) return 'not-found';
  const cell = CELLS[state]?.[verb];
  if (!cell) return 'state';
  if (cell.contestable && !refusalContestable) return 'contestable';
  if ((cell.turn === 'applicant' ? nodes.applicant : nodes.provider) !== thisNode) return 'turn';
  const fits = cell.who.some(([role, where]) => {
    if (role !== p.role) return false;
    switch (where) {
      case 'applicant-org':
        return p.org === 'applicant' && p.node === nodes.applicant;
      case 'provider-org':
        return p.org === 'provider' && p.node === nodes.provider;
      case 'provider-authority':
        return p.authority && p.node === nodes.provider;
    }
  });
  return fits ? 'ok' : 'forbidden';
}

function answerOf(result: ReturnType<typeof transition>): Answer {
  return 'refused' in result ? result.refused : 'ok';
}

const TOPOLOGIES = {
  'across nodes': { applicant: '360100', provider: '100000' },
  'on one node': { applicant: '360100', provider: '360100' },
};

describe('the workflow table, every state × verb × role', () => {
  for (const [topology, nodes] of Object.entries(TOPOLOGIES)) {
    const personas: Persona[] = ROLES.flatMap((role) =>
      (['applicant', 'provider', 'other'] as const).flatMap((org) =>
        [false, true].flatMap((authority) =>
          [...new Set([nodes.applicant, nodes.provider])].map((node) => ({ role, org, authority, node })),
        ),
      ),
    );
    const principal = (p: Persona): Principal =>
      (p.authority ? ofAuthority : who)(
        { applicant: APPLICANT_ORG, provider: PROVIDER_ORG, other: OTHER_ORG }[p.org],
        p.node,
        p.role,
      );

    for (const state of APPLICATION_STATES) {
      for (const verb of VERBS) {
        it(`${topology}: ${verb} in ${state} answers as the API does`, () => {
          const app = application(state, nodes);
          const timelines = state === 'rejected' ? [true, false] : [true];
          const wrong: string[] = [];
          for (const refusalContestable of timelines) {
            const timeline = [step(refusalContestable ? 'provider-review' : 'department-review', 'rejected')];
            for (const p of personas) {
              for (const thisNode of new Set([nodes.applicant, nodes.provider])) {
                const result = transition(verb, principal(p), app, timeline, thisNode);
                const want = expected(p, state, verb, nodes, thisNode, refusalContestable);
                const got = answerOf(result);
                if (got !== want) wrong.push(`${JSON.stringify(p)} at ${thisNode}: ${got}, expected ${want}`);
                if ('refused' in result) {
                  const status = { forbidden: 403, 'not-found': 404 }[result.refused as string] ?? 409;
                  if (result.error.httpStatus !== status)
                    wrong.push(`${result.refused} answered ${result.error.httpStatus}`);
                  if (status === 409 && result.error.fields[0]?.rule !== result.refused) {
                    wrong.push(`409 ${result.refused} names rule ${result.error.fields[0]?.rule}`);
                  }
                } else {
                  // An allowed verb leads to the rows of its state and verb, deciding the step the state waits on.
                  expect(result.rows.every((t) => t.from === state && t.verb === verb)).toBe(true);
                  expect(result.step).toBe(result.rows[0]!.step);
                }
              }
            }
          }
          expect(wrong).toEqual([]);
        });
      }
    }
  }

  it('names the states a verb is allowed in when it refuses one', () => {
    const refused = transition(
      'reject',
      who(APPLICANT_ORG, '360100', 'demand-approver'),
      application('granted'),
      [],
      '360100',
    );
    expect('refused' in refused && refused.error.fields).toEqual([
      {
        path: 'state',
        rule: 'state',
        message:
          'reject 仅允许在以下状态执行：department-review, provider-review, authority-review, awaiting-registration (reject is allowed in: department-review, provider-review, authority-review, awaiting-registration)',
      },
    ]);
    expect('refused' in refused && refused.error.message).toBe(
      '状态为 granted 的共享申请不能执行此操作 (an application in state granted cannot be rejected)',
    );
  });

  it('tells the wrong person who takes the step', () => {
    const message = (verb: Verb, state: ApplicationState, p: Principal, node: string) => {
      const result = transition(verb, p, application(state), [], node);
      return 'refused' in result ? result.error.message : 'allowed';
    };
    expect(message('approve', 'provider-review', who(PROVIDER_ORG, '100000', 'data-admin'), '100000')).toBe(
      `provider-review 环节由 provider-reviewer 角色办理 (the provider-review step is taken by a provider-reviewer of organisation ${PROVIDER_ORG})`,
    );
    expect(message('approve', 'authority-review', who(PROVIDER_ORG, '100000', 'provider-reviewer'), '100000')).toBe(
      'authority-review 环节由 data-admin 角色办理 (the authority-review step is taken by a data-admin of node 100000)',
    );
    expect(message('withdraw', 'department-review', who(APPLICANT_ORG, '360100', 'demand-approver'), '360100')).toBe(
      '仅申请方机构的需求申请人可执行此操作 (only a demand-applicant of the applicant organisation may withdraw the application)',
    );
    expect(message('revoke', 'granted', who(PROVIDER_ORG, '100000', 'demand-applicant'), '100000')).toBe(
      `授权由机构 ${PROVIDER_ORG} 的提供方审核人或数据管理员，或节点 100000 数据主管部门的数据管理员撤销 (a grant is revoked by a provider-reviewer or data-admin of organisation ${PROVIDER_ORG}, or a data-admin of an authority organisation of node 100000)`,
    );
  });
});

describe('the workflow table, every row', () => {
  /** Each row: from, verb, guard → to, action, effects. A change here is a change of the workflow. */
  const DIAGRAM: Array<[ApplicationState, Verb, string, ApplicationState, string, Effect[]]> = [
    [
      'department-review',
      'approve',
      'entry-target',
      'provider-review',
      'step-approved',
      ['decide-step', 'open-step', 'publish'],
    ],
    [
      'department-review',
      'approve',
      'uncatalogued-target',
      'awaiting-registration',
      'step-approved',
      ['decide-step', 'open-step', 'publish'],
    ],
    ['department-review', 'reject', '-', 'rejected', 'rejected', ['decide-step', 'publish']],
    ['department-review', 'withdraw', '-', 'withdrawn', 'withdrawn', ['decide-step', 'append-step', 'publish']],
    [
      'provider-review',
      'approve',
      'not-referred',
      'granted',
      'granted',
      ['decide-step', 'terms-on-step', 'grant', 'publish'],
    ],
    [
      'provider-review',
      'approve',
      'referred',
      'authority-review',
      'step-approved',
      ['decide-step', 'terms-on-step', 'open-step', 'publish'],
    ],
    ['provider-review', 'reject', '-', 'rejected', 'rejected', ['decide-step', 'publish']],
    ['provider-review', 'withdraw', '-', 'withdrawn', 'withdrawn', ['decide-step', 'append-step', 'publish']],
    ['authority-review', 'approve', '-', 'granted', 'granted', ['decide-step', 'grant', 'publish']],
    ['authority-review', 'reject', '-', 'rejected', 'rejected', ['decide-step', 'publish']],
    ['authority-review', 'withdraw', '-', 'withdrawn', 'withdrawn', ['decide-step', 'append-step', 'publish']],
    ['awaiting-registration', 'reject', '-', 'rejected', 'rejected', ['decide-step', 'publish']],
    [
      'awaiting-registration',
      'answer',
      'answered-conditional',
      'provider-review',
      'answered',
      ['decide-step', 'retarget', 'open-step', 'publish'],
    ],
    [
      'awaiting-registration',
      'answer',
      'answered-unconditional',
      'granted',
      'granted',
      ['decide-step', 'retarget', 'grant', 'publish'],
    ],
    ['awaiting-registration', 'withdraw', '-', 'withdrawn', 'withdrawn', ['decide-step', 'append-step', 'publish']],
    ['rejected', 'contest', '-', 'contested', 'contested', ['append-step', 'open-step', 'publish']],
    ['contested', 'decide-contest', 'uphold', 'rejected', 'contest-decided', ['decide-step', 'publish']],
    [
      'contested',
      'decide-contest',
      'overturn-uncatalogued',
      'awaiting-registration',
      'contest-decided',
      ['decide-step', 'open-step', 'publish'],
    ],
    [
      'contested',
      'decide-contest',
      'overturn-entry',
      'granted',
      'granted',
      ['decide-step', 'terms-on-step', 'grant', 'publish'],
    ],
    ['granted', 'revoke', '-', 'revoked', 'revoked', ['append-step', 'publish']],
  ];

  it('leads where the workflow says, with the effects it says', () => {
    expect(WORKFLOW.map((t) => [t.from, t.verb, t.guard ?? '-', t.to, t.action, [...t.effects]])).toEqual(DIAGRAM);
  });

  const ORDER: readonly Effect[] = [
    'decide-step',
    'terms-on-step',
    'append-step',
    'retarget',
    'grant',
    'open-step',
    'publish',
  ];
  it.each(WORKFLOW.map((t) => [`${t.from} ${t.verb} ${t.guard ?? ''}`, t] as const))(
    '%s: its effects fit its fields',
    (_name, t: Transition) => {
      const has = (e: Effect) => t.effects.includes(e);
      expect([...t.effects]).toEqual(ORDER.filter(has)); // in execution order, each once
      expect(t.effects.at(-1)).toBe('publish');
      expect(has('decide-step')).toBe(t.decision !== undefined);
      expect(has('append-step')).toBe(t.appends !== undefined);
      expect(has('retarget')).toBe(t.verb === 'answer');
      expect(has('grant')).toBe(t.to === 'granted');
      if (has('grant') || has('terms-on-step')) expect(t.terms).toBeDefined();
      else expect(t.terms).toBeUndefined();
      // A step is opened exactly when the new state waits on someone.
      expect(has('open-step')).toBe(pendingStep(application(t.to)) !== null);
      // The step decided is the one the state waits on; the step added is the one appended.
      if (has('decide-step')) expect(t.step).toBe(pendingStep(application(t.from))?.step);
      else expect(t.step).toBe(t.appends?.step);
      // Refusals and revocations cite; a refusal by the provider side cites a legal ground.
      if (t.verb === 'reject') expect(t.cites).toBe(PROVIDER_SIDE_STEPS.has(t.step) ? 'legal-ground' : 'comment');
      else if (t.verb === 'revoke') expect(t.cites).toBe('legal-ground');
      else expect(t.cites).toBeUndefined();
    },
  );

  it('has the assignee of the pending step decide it', () => {
    for (const t of WORKFLOW.filter((r) => r.effects.includes('decide-step') && r.verb !== 'withdraw')) {
      const assignee = pendingStep(application(t.from))!.assignee;
      expect(t.by).toEqual([
        {
          role: assignee.role,
          in:
            assignee.organisationId === null
              ? 'provider-node'
              : t.from === 'department-review'
                ? 'applicant-organisation'
                : 'provider-organisation',
        },
      ]);
    }
  });

  it('chooses exactly one row for every fact of every state and verb', () => {
    const groups = new Map<string, Transition[]>();
    for (const t of WORKFLOW) groups.set(`${t.from} ${t.verb}`, [...(groups.get(`${t.from} ${t.verb}`) ?? []), t]);
    for (const [name, rows] of groups) {
      // The rows of one state and verb are taken by the same people on the same step.
      expect(new Set(rows.map((t) => JSON.stringify([t.step, t.by, t.requires ?? null]))).size, name).toBe(1);
      for (const target of ['entry', 'uncatalogued'] as const) {
        for (const referred of [true, false]) {
          for (const answered of ['unconditional', 'conditional'] as const) {
            for (const ruling of ['uphold', 'overturn'] as const) {
              const facts: GuardFacts = { target, referred, answered, ruling };
              const fitting = rows.filter((t) => t.guard === undefined || guardHolds(t.guard, facts));
              expect(fitting.length, `${name} ${JSON.stringify(facts)}`).toBe(1);
              expect(choose(rows, facts)).toBe(fitting[0]);
            }
          }
        }
      }
    }
  });

  it('answers the newcomer: a provider-reviewer of the provider organisation approves at provider-review', () => {
    const app = application('provider-review');
    const allowed = authorise('approve', who(PROVIDER_ORG, '100000', 'provider-reviewer'), app, [], '100000');
    expect(allowed.step).toBe('provider-review');
    expect(choose(allowed.rows, { target: 'entry', referred: false })).toMatchObject({
      to: 'granted',
      action: 'granted',
      terms: 'reviewer',
    });
    expect(choose(allowed.rows, { target: 'entry', referred: true })).toMatchObject({
      to: 'authority-review',
      action: 'step-approved',
    });
  });
});

describe('application workflow', () => {
  it('gives the turn to the node whose step is pending, to the applicant while a refusal is contestable, to the provider while a grant runs', () => {
    expect(turnNode(application('department-review'), [])).toBe('360100');
    expect(turnNode(application('provider-review'), [])).toBe('100000');
    expect(turnNode(application('awaiting-registration'), [])).toBe('100000');
    expect(turnNode(application('contested'), [])).toBe('100000');
    expect(turnNode(application('rejected'), [step('provider-review', 'rejected')])).toBe('360100');
    expect(turnNode(application('rejected'), [step('department-review', 'rejected')])).toBeNull();
    expect(turnNode(application('granted'), [])).toBe('100000'); // the provider's node expires it
    expect(turnNode(application('withdrawn'), [])).toBeNull();
  });

  it('lets a provider-side refusal be contested once', () => {
    expect([...PROVIDER_SIDE_STEPS].sort()).toEqual(['authority-review', 'provider-review', 'registration']);
    expect(contestable([step('provider-review', 'rejected')])).toBe(true);
    expect(contestable([step('authority-review', 'rejected')])).toBe(true);
    expect(contestable([step('registration', 'rejected')])).toBe(true);
    expect(contestable([step('department-review', 'rejected')])).toBe(false);
    expect(contestable([step('provider-review', 'rejected'), step('contest', 'upheld')])).toBe(false);
  });

  it('shows an application to its two organisations on their own nodes and to the node data-admin', () => {
    const app = application('provider-review');
    expect(maySee(who(PROVIDER_ORG, '100000'), app, '100000')).toBe(true);
    expect(maySee(who(APPLICANT_ORG, '100000'), app, '100000')).toBe(false);
    expect(maySee(who(APPLICANT_ORG, '360100'), app, '360100')).toBe(true);
    expect(maySee(who(APPLICANT_ORG, '360100', 'data-admin'), app, '100000')).toBe(false);
    expect(maySee(ofAuthority(OTHER_ORG, '100000', 'data-admin'), app, '100000')).toBe(true);
    // A department's data-admin is no node authority.
    expect(maySee(who(OTHER_ORG, '100000', 'data-admin'), app, '100000')).toBe(false);
  });

  it('answers 409 for the wrong state or a turn held elsewhere, 403 for the wrong person, 404 for one who may not see it', () => {
    const atProvider = application('provider-review');
    const reviewer = who(PROVIDER_ORG, '100000', 'provider-reviewer');
    expect(status(() => authorise('approve', reviewer, atProvider, [], '100000'))).toBe('ok');
    expect(
      status(() => authorise('approve', who(APPLICANT_ORG, '100000', 'provider-reviewer'), atProvider, [], '100000')),
    ).toBe(404);
    expect(
      status(() => authorise('approve', who(PROVIDER_ORG, '100000', 'data-admin'), atProvider, [], '100000')),
    ).toBe(403);
    expect(status(() => authorise('answer', reviewer, atProvider, [], '100000'))).toBe(409);
    // At the applicant's node the provider's step is not taken.
    expect(
      status(() => authorise('withdraw', who(APPLICANT_ORG, '360100', 'demand-applicant'), atProvider, [], '360100')),
    ).toBe(409);
    expect(
      status(() =>
        authorise(
          'withdraw',
          who(APPLICANT_ORG, '360100', 'demand-applicant'),
          application('department-review'),
          [],
          '360100',
        ),
      ),
    ).toBe('ok');
    expect(status(() => authorise('approve', reviewer, application('granted'), [], '100000'))).toBe(409);
  });

  it('lets the provider side revoke a running grant at the provider node, and no one else', () => {
    const granted = application('granted');
    const reviewer = who(PROVIDER_ORG, '100000', 'provider-reviewer');
    expect(status(() => authorise('revoke', reviewer, granted, [], '100000'))).toBe('ok');
    expect(
      status(() => authorise('revoke', ofAuthority(APPLICANT_ORG, '100000', 'data-admin'), granted, [], '100000')),
    ).toBe('ok');
    expect(status(() => authorise('revoke', who(PROVIDER_ORG, '100000', 'data-admin'), granted, [], '100000'))).toBe(
      'ok',
    );
    expect(
      status(() => authorise('revoke', who(PROVIDER_ORG, '100000', 'demand-applicant'), granted, [], '100000')),
    ).toBe(403);
    // Someone of another organisation at the provider's node is not shown the application.
    expect(status(() => authorise('revoke', who(APPLICANT_ORG, '100000', 'data-admin'), granted, [], '100000'))).toBe(
      404,
    );
    // The applicant's node does not hold the turn of a running grant.
    expect(status(() => authorise('revoke', who(APPLICANT_ORG, '360100', 'data-admin'), granted, [], '360100'))).toBe(
      409,
    );
    expect(status(() => authorise('revoke', reviewer, application('provider-review'), [], '100000'))).toBe(409);
    expect(turnNode(application('revoked'), [])).toBeNull();
  });
});

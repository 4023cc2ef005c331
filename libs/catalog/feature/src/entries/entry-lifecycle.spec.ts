import type { Principal, Role } from '@govdata/platform-auth';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import {
  ACTORS,
  LIFECYCLE_VERBS,
  planTransition,
  RULES,
  transition,
  VERSION_STATES,
  type Actor,
  type LifecycleEffect,
  type LifecycleRefusal,
  type LifecycleRow,
  type LifecycleVerb,
  type VersionState,
} from './entry-lifecycle.js';

/**
 * The lifecycle as a reviewer would state it, written out independently of the table: who may take
 * each verb, from which state of the head version, to which state, what it needs and what it writes.
 */
const EXPECTED: Record<
  LifecycleVerb,
  {
    who: Actor[];
    from: VersionState[];
    to: VersionState;
    needsReason: boolean;
    needsFieldReasons: boolean;
    refusedWhilePendingRevision: boolean;
    effects: LifecycleEffect[];
  }
> = {
  update: {
    who: ['owner-editor'],
    from: ['draft', 'returned'],
    to: 'draft',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: false,
    effects: ['replace-content', 'set-version-state', 'move-head'],
  },
  submit: {
    who: ['owner-editor'],
    from: ['draft', 'returned'],
    to: 'submitted',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: false,
    effects: ['check-references', 'set-version-state', 'move-head'],
  },
  withdraw: {
    who: ['owner-editor'],
    from: ['submitted'],
    to: 'draft',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: false,
    effects: ['set-version-state', 'move-head'],
  },
  return: {
    who: ['node-reviewer'],
    from: ['submitted'],
    to: 'returned',
    needsReason: true,
    needsFieldReasons: true,
    refusedWhilePendingRevision: false,
    effects: ['set-version-state', 'move-head'],
  },
  approve: {
    who: ['node-reviewer'],
    from: ['submitted'],
    to: 'approved',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: false,
    effects: ['set-version-state', 'move-head'],
  },
  publish: {
    who: ['node-reviewer', 'node-data-admin'],
    from: ['approved'],
    to: 'published',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: false,
    effects: ['supersede-published', 'set-version-state', 'publish-head'],
  },
  revise: {
    who: ['owner-editor'],
    from: ['published'],
    to: 'draft',
    needsReason: false,
    needsFieldReasons: false,
    refusedWhilePendingRevision: true,
    effects: ['copy-published-version', 'move-head'],
  },
  retire: {
    who: ['owner-editor', 'node-data-admin'],
    from: ['published'],
    to: 'published',
    needsReason: true,
    needsFieldReasons: false,
    refusedWhilePendingRevision: true,
    effects: ['mark-retired', 'release-code'],
  },
};

/** Every set of actor kinds a caller can hold for an entry: none, each alone, and all combinations. */
const ACTOR_SETS: Actor[][] = [[], ...ACTORS.map((a) => [a]), ...pairs(ACTORS), [...ACTORS]];
const REASONS = [
  { label: 'no reason', why: {} },
  { label: 'a blank reason', why: { reason: '   ' } },
  { label: 'a reason', why: { reason: '信息项不全' } },
  { label: 'field reasons only', why: { fieldReasons: [{ field: 'items', reason: '缺少说明' }] } },
  {
    label: 'a reason and field reasons',
    why: { reason: '退回', fieldReasons: [{ field: 'name', reason: '名称不规范' }] },
  },
  {
    label: 'a reason and a field that is not content',
    why: { reason: '退回', fieldReasons: [{ field: 'colour', reason: 'x' }] },
  },
];

/** The expected outcome of one cell, in the order the checks run. */
function expected(
  verb: LifecycleVerb,
  head: VersionState,
  retired: boolean,
  pendingRevision: boolean,
  actors: readonly Actor[],
  why: { reason?: string; fieldReasons?: Array<{ field: string; reason: string }> },
): LifecycleRefusal['refused'] | 'allowed' {
  const rule = EXPECTED[verb];
  if (!rule.who.some((a) => actors.includes(a))) return 'role';
  if (retired) return 'retired';
  if (pendingRevision && rule.refusedWhilePendingRevision) return 'pending-revision';
  if (!rule.from.includes(head)) return 'state';
  const reason = why.reason ?? why.fieldReasons?.[0]?.reason;
  if (rule.needsReason && !reason?.trim()) return 'reason';
  if (rule.needsFieldReasons && !why.fieldReasons?.length) return 'field-reasons';
  if (rule.needsFieldReasons && why.fieldReasons!.some((r) => r.field === 'colour')) return 'content-field';
  return 'allowed';
}

describe('the catalog entry lifecycle table', () => {
  it('has a row for every verb, and every row of a verb names the same actors', () => {
    expect([...LIFECYCLE_VERBS].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const verb of LIFECYCLE_VERBS) {
      const rows = RULES.filter((r) => r.verb === verb);
      expect(new Set(rows.map((r) => r.actors.join(','))).size).toBe(1);
      expect(rows.map((r) => r.from).sort()).toEqual([...EXPECTED[verb].from].sort());
    }
  });

  for (const verb of Object.keys(EXPECTED) as LifecycleVerb[]) {
    for (const head of VERSION_STATES) {
      for (const retired of [false, true]) {
        for (const pendingRevision of [false, true]) {
          it(`${verb} from ${head}${retired ? ', retired' : ''}${pendingRevision ? ', with a version in progress' : ''}: every role and reason`, () => {
            for (const actors of ACTOR_SETS) {
              for (const { label, why } of REASONS) {
                const result = transition({ head, retired, pendingRevision }, verb, {
                  actors: new Set(actors),
                  ...why,
                });
                const outcome = expected(verb, head, retired, pendingRevision, actors, why);
                const cell = `${verb} / ${head} / [${actors.join(',')}] / ${label}`;
                if (outcome === 'allowed') {
                  expect(result, cell).toMatchObject({ verb, from: head, to: EXPECTED[verb].to });
                  expect((result as LifecycleRow).effects, cell).toEqual(
                    verb === 'update' && head === 'draft' ? ['replace-content'] : EXPECTED[verb].effects,
                  );
                } else {
                  expect(result, cell).toMatchObject({ refused: outcome });
                }
              }
            }
          });
        }
      }
    }
  }

  it('names the actors a refused caller would need, and the states a verb is taken from', () => {
    const state = { head: 'submitted' as const, retired: false, pendingRevision: false };
    expect(transition(state, 'publish', { actors: new Set(['owner-editor']) })).toEqual({
      refused: 'role',
      actors: ['node-reviewer', 'node-data-admin'],
    });
    expect(transition(state, 'publish', { actors: new Set(['node-data-admin']) })).toEqual({
      refused: 'state',
      allowedFrom: ['approved'],
    });
    expect(
      transition(state, 'return', {
        actors: new Set(['node-reviewer']),
        reason: '退回',
        fieldReasons: [
          { field: 'items[2].name', reason: 'ok' },
          { field: 'colour', reason: 'x' },
        ],
      }),
    ).toEqual({ refused: 'content-field', index: 1, field: 'colour' });
  });
});

describe('planTransition — the answer a refused caller gets', () => {
  const NODE = '360100';
  const ORG = '00000000-0000-4000-8000-0000000000aa';
  const scope = { nodeCode: NODE, organisationId: ORG };
  const person = (roles: Role[], authority = false, organisationId = ORG): Principal => ({
    subject: 'someone',
    kind: 'user',
    organisationId,
    nodeCode: NODE,
    roles,
    authority,
  });
  const editor = person(['catalog-editor']);
  const reviewer = person(['catalog-reviewer'], true, '00000000-0000-4000-8000-0000000000bb');
  const refusal = (run: () => unknown): GovdataError => {
    try {
      run();
    } catch (error) {
      return error as GovdataError;
    }
    throw new Error('not refused');
  };

  it('403 names the role needed; 409 names the state; 422 names the rule', () => {
    const submitted = { head: 'submitted' as const, retired: false, pendingRevision: false };
    const forbidden = refusal(() => planTransition('approve', submitted, editor, scope));
    expect(forbidden.code).toBe(ErrorCode.Forbidden);
    expect(forbidden.message).toBe(
      `无权对该目录执行此操作 (to approve an entry you need to be catalog-reviewer of node ${NODE})`,
    );

    const conflict = refusal(() => planTransition('submit', submitted, editor, scope));
    expect(conflict.code).toBe(ErrorCode.Conflict);
    expect(conflict.message).toBe(
      '目录当前版本状态为 submitted，不能执行此操作；允许的状态：draft, returned (cannot submit an entry whose current version is submitted; allowed from: draft, returned)',
    );

    const noReasons = refusal(() => planTransition('return', submitted, reviewer, scope, { reason: '退回' }));
    expect(noReasons.code).toBe(ErrorCode.RuleViolated);
    expect(noReasons.fields).toEqual([
      { path: 'fieldReasons', rule: 'required', message: 'name at least one field and why it is returned (退回原因)' },
    ]);

    const retired = refusal(() => planTransition('withdraw', { ...submitted, retired: true }, editor, scope));
    expect(retired.message).toBe('目录已停用，不能执行此操作 (the entry is retired; it cannot be withdrawn)');
  });

  it('lets the editor of the providing organisation edit, and nobody of another organisation', () => {
    const draft = { head: 'draft' as const, retired: false, pendingRevision: false };
    expect(planTransition('update', draft, editor, scope)).toMatchObject({ verb: 'update', to: 'draft' });
    const stranger = person(['catalog-editor'], false, '00000000-0000-4000-8000-0000000000cc');
    expect(refusal(() => planTransition('update', draft, stranger, scope)).code).toBe(ErrorCode.Forbidden);
  });
});

function pairs<T>(items: readonly T[]): T[][] {
  return items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b]));
}

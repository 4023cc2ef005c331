import { CATALOG_ENTRY_ACTIONS } from '@govdata/contracts';
import { can, holdsNodeRole, type Principal, type Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { entryContentSchema } from './entry-content.js';
import { EntryRule } from './entry.exception.js';
import type { FieldReason } from './entry.types.js';

/**
 * The lifecycle of a catalog entry:
 * draft → submitted → returned (reasons per field) | approved → published → new version
 * (re-reviewed the same way while the published one stays visible) → retired.
 */
export const ENTRY_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'retired'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

/** State of one version. A published version later replaced by a newer one is `superseded`. */
export const VERSION_STATES = ['draft', 'submitted', 'returned', 'approved', 'published', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** One `catalog.entry.v1` event per action; the contract owns the list. */
export const ENTRY_ACTIONS = CATALOG_ENTRY_ACTIONS;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

/** Who may act: the owning organisation's editor, or the node's reviewer / data administrator. */
export type Actor = 'owner-editor' | 'node-reviewer' | 'node-data-admin';
export const ACTORS: readonly Actor[] = ['owner-editor', 'node-reviewer', 'node-data-admin'];

/** Lifecycle verbs; `create` has no from-state and is checked by {@link assertMayCreate}. */
export type LifecycleVerb = Exclude<EntryAction, 'create'>;

/**
 * Conditions a row needs beyond its from-state, checked in this order after the role and the state:
 * - `no-pending-revision`: the entry has no newer version in progress than the published one;
 * - `reason`: a free-text reason (or the first field reason) is given;
 * - `field-reasons`: at least one field reason (退回原因), each naming a field of an entry's content.
 */
export type LifecycleGuard = 'no-pending-revision' | 'reason' | 'field-reasons';

/**
 * What a transition writes, executed in this order by the write that takes it:
 * - `replace-content`: the head version takes the new content (re-coded when the classification changes);
 * - `check-references`: the head version's content still passes the rules that need the database;
 * - `copy-published-version`: a new head version, a draft copy of the published one (recorded with no from-state);
 * - `supersede-published`: the version published before becomes `superseded`;
 * - `set-version-state`: the head version takes the row's `to` state (with the return reasons, when given);
 * - `publish-head`: the entry's head and published version become the head version;
 * - `move-head`: the entry's head becomes the (new) head version in the row's `to` state;
 * - `mark-retired`: the entry is retired, its head untouched;
 * - `release-code`: the entry's 信息资源代码 is released (never reused).
 */
export type LifecycleEffect =
  | 'replace-content'
  | 'check-references'
  | 'copy-published-version'
  | 'supersede-published'
  | 'set-version-state'
  | 'publish-head'
  | 'move-head'
  | 'mark-retired'
  | 'release-code';

export interface LifecycleRow {
  /** State of the head version the verb applies to (`retired` entries accept nothing). */
  from: VersionState;
  verb: LifecycleVerb;
  /** Any one of these may take the verb; the same for every row of a verb. */
  actors: readonly Actor[];
  guards: readonly LifecycleGuard[];
  /** State of the head version afterwards (`revise`: of the new head version). */
  to: VersionState;
  effects: readonly LifecycleEffect[];
}

const EDITOR = ['owner-editor'] as const;
const REVIEWER = ['node-reviewer'] as const;
const NODE_PUBLISHER = ['node-reviewer', 'node-data-admin'] as const;
const RETIRER = ['owner-editor', 'node-data-admin'] as const;

/** Every transition of an entry's lifecycle. */
export const RULES: readonly LifecycleRow[] = [
  { from: 'draft', verb: 'update', actors: EDITOR, guards: [], to: 'draft', effects: ['replace-content'] },
  {
    from: 'returned',
    verb: 'update',
    actors: EDITOR,
    guards: [],
    to: 'draft',
    effects: ['replace-content', 'set-version-state', 'move-head'],
  },
  {
    from: 'draft',
    verb: 'submit',
    actors: EDITOR,
    guards: [],
    to: 'submitted',
    effects: ['check-references', 'set-version-state', 'move-head'],
  },
  {
    from: 'returned',
    verb: 'submit',
    actors: EDITOR,
    guards: [],
    to: 'submitted',
    effects: ['check-references', 'set-version-state', 'move-head'],
  },
  {
    from: 'submitted',
    verb: 'withdraw',
    actors: EDITOR,
    guards: [],
    to: 'draft',
    effects: ['set-version-state', 'move-head'],
  },
  {
    from: 'submitted',
    verb: 'return',
    actors: REVIEWER,
    guards: ['reason', 'field-reasons'],
    to: 'returned',
    effects: ['set-version-state', 'move-head'],
  },
  {
    from: 'submitted',
    verb: 'approve',
    actors: REVIEWER,
    guards: [],
    to: 'approved',
    effects: ['set-version-state', 'move-head'],
  },
  {
    from: 'approved',
    verb: 'publish',
    actors: NODE_PUBLISHER,
    guards: [],
    to: 'published',
    effects: ['supersede-published', 'set-version-state', 'publish-head'],
  },
  {
    from: 'published',
    verb: 'revise',
    actors: EDITOR,
    guards: ['no-pending-revision'],
    to: 'draft',
    effects: ['copy-published-version', 'move-head'],
  },
  {
    from: 'published',
    verb: 'retire',
    actors: RETIRER,
    guards: ['no-pending-revision', 'reason'],
    to: 'published',
    effects: ['mark-retired', 'release-code'],
  },
];

/** Every verb of the table, in its order. */
export const LIFECYCLE_VERBS: readonly LifecycleVerb[] = [...new Set(RULES.map((r) => r.verb))];

/** The facts about an entry a transition depends on. */
export interface LifecycleState {
  head: VersionState;
  retired: boolean;
  /** A newer version than the published one is in progress. */
  pendingRevision: boolean;
}

/** What the caller brings: the actor kinds it holds for this entry and its reasons. */
export interface LifecycleRequest {
  actors: ReadonlySet<Actor>;
  reason?: string;
  fieldReasons?: readonly FieldReason[];
}

/** Why the table refuses a verb, in the order the checks run. */
export type LifecycleRefusal =
  | { refused: 'role'; actors: readonly Actor[] }
  | { refused: 'retired' }
  | { refused: 'pending-revision' }
  | { refused: 'state'; allowedFrom: readonly VersionState[] }
  | { refused: 'reason' }
  | { refused: 'field-reasons' }
  | { refused: 'content-field'; index: number; field: string };

/**
 * The row of the table that applies, or why none does. Checks run in a fixed order: role (403),
 * retired, a version in progress, from-state (409), then the reasons (422).
 */
export function transition(
  state: LifecycleState,
  verb: LifecycleVerb,
  request: LifecycleRequest,
): LifecycleRow | LifecycleRefusal {
  const rows = RULES.filter((r) => r.verb === verb);
  const actors = rows[0]!.actors;
  if (!actors.some((actor) => request.actors.has(actor))) return { refused: 'role', actors };
  if (state.retired) return { refused: 'retired' };
  if (state.pendingRevision && rows.some((r) => r.guards.includes('no-pending-revision'))) {
    return { refused: 'pending-revision' };
  }
  const row = rows.find((r) => r.from === state.head);
  if (!row) return { refused: 'state', allowedFrom: rows.map((r) => r.from) };
  const reason = request.reason ?? request.fieldReasons?.[0]?.reason;
  if (row.guards.includes('reason') && !reason?.trim()) return { refused: 'reason' };
  if (row.guards.includes('field-reasons')) {
    if (!request.fieldReasons?.length) return { refused: 'field-reasons' };
    const index = request.fieldReasons.findIndex((r) => !(r.field.split(/[.[]/)[0]! in entryContentSchema.shape));
    if (index >= 0) return { refused: 'content-field', index, field: request.fieldReasons[index]!.field };
  }
  return row;
}

export function isRefusal(result: LifecycleRow | LifecycleRefusal): result is LifecycleRefusal {
  return 'refused' in result;
}

const ACTOR_ROLE: Record<Actor, Role> = {
  'owner-editor': 'catalog-editor',
  'node-reviewer': 'catalog-reviewer',
  'node-data-admin': 'data-admin',
};

/** The parts of an entry an authorisation decision needs. */
export interface EntryScope {
  nodeCode: string;
  organisationId: string;
}

/** True when the principal holds the role at the scope the actor kind implies (policy.ts: node roles need an authority organisation). */
function actsAs(principal: Principal, actor: Actor, scope: EntryScope): boolean {
  if (actor === 'owner-editor') return can(principal, 'catalog.entry.edit', scope);
  return holdsNodeRole(principal, ACTOR_ROLE[actor], scope.nodeCode);
}

/** The actor kinds the principal holds for an entry of this scope. */
export function actorsOf(principal: Principal, scope: EntryScope): ReadonlySet<Actor> {
  return new Set(ACTORS.filter((actor) => actsAs(principal, actor, scope)));
}

/** May this principal create entries for the organisation on this node? */
export function assertMayCreate(principal: Principal, scope: EntryScope): void {
  if (!actsAs(principal, 'owner-editor', scope)) {
    throw GovdataError.forbidden(
      `仅节点 ${scope.nodeCode} 上机构 ${scope.organisationId} 的目录编目员可创建该机构的目录 (only a catalog editor (catalog-editor) of organisation ${scope.organisationId} on node ${scope.nodeCode} may create its entries)`,
    );
  }
}

/**
 * The row `principal` may take for `verb` on an entry in `state`, or the error the refusal answers
 * with: 403 naming the role needed, 409 when the state does not allow it, 422 when a reason is missing.
 */
export function planTransition(
  verb: LifecycleVerb,
  state: LifecycleState,
  principal: Principal,
  scope: EntryScope,
  why: { reason?: string; fieldReasons?: readonly FieldReason[] } = {},
): LifecycleRow {
  const result = transition(state, verb, { actors: actorsOf(principal, scope), ...why });
  if (!isRefusal(result)) return result;
  throw refusalError(verb, state, scope, result);
}

function refusalError(
  verb: LifecycleVerb,
  state: LifecycleState,
  scope: EntryScope,
  refusal: LifecycleRefusal,
): GovdataError {
  switch (refusal.refused) {
    case 'role': {
      const who = refusal.actors
        .map((a) =>
          a === 'owner-editor'
            ? `catalog-editor of the providing organisation`
            : `${ACTOR_ROLE[a]} of node ${scope.nodeCode}`,
        )
        .join(' or ');
      return GovdataError.forbidden(`无权对该目录执行此操作 (to ${verb} an entry you need to be ${who})`);
    }
    case 'retired':
      return GovdataError.conflict(
        `目录已停用，不能执行此操作 (the entry is retired; it cannot be ${pastTense(verb)})`,
      );
    case 'pending-revision':
      return verb === 'revise'
        ? GovdataError.conflict(
            '该目录已有正在编辑的新版本，请编辑该版本 (the entry already has a new version in progress; edit that one)',
          )
        : GovdataError.conflict(
            '该目录有正在进行的新版本；请先完成或撤回，再停用 (the entry has a new version in progress; finish or withdraw it before retiring)',
          );
    case 'state':
      return GovdataError.conflict(
        `目录当前版本状态为 ${state.head}，不能执行此操作；允许的状态：${refusal.allowedFrom.join(', ')} (cannot ${verb} an entry whose current version is ${state.head}; allowed from: ${refusal.allowedFrom.join(', ')})`,
      );
    case 'reason':
      return GovdataError.rule('reason', EntryRule.Required, `请填写原因 (a reason is required to ${verb} an entry)`);
    case 'field-reasons':
      return GovdataError.rule(
        'fieldReasons',
        EntryRule.Required,
        'name at least one field and why it is returned (退回原因)',
      );
    case 'content-field':
      return GovdataError.rule(
        `fieldReasons[${refusal.index}].field`,
        EntryRule.ContentField,
        `${refusal.field} 不是目录的字段 (${refusal.field} is not a field of an entry)`,
      );
  }
}

/** The status a reader of the entry sees. */
export function entryStatus(head: VersionState, publishedVersion: number | null, retired: boolean): EntryStatus {
  if (retired) return 'retired';
  if (publishedVersion !== null) return 'published';
  if (head === 'superseded') return 'published';
  return head;
}

function pastTense(action: EntryAction): string {
  const special: Partial<Record<EntryAction, string>> = { submit: 'submitted', withdraw: 'withdrawn' };
  return special[action] ?? `${action.replace(/e$/, '')}ed`;
}

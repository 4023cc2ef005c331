import { CATALOG_ENTRY_ACTIONS } from '@govdata/contracts';
import { can, holdsNodeRole, type Principal, type Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';

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
type Actor = 'owner-editor' | 'node-reviewer' | 'node-data-admin';

interface Rule {
  /** State of the head version the action applies to (`retired` entries accept nothing). */
  from: readonly VersionState[];
  /** State the head version is in afterwards; `revise` creates a new head version in this state. */
  to: VersionState;
  actors: readonly Actor[];
  /** A free-text reason is required (returns also need field reasons). */
  reasonRequired: boolean;
}

const RULES: Record<Exclude<EntryAction, 'create'>, Rule> = {
  update: { from: ['draft', 'returned'], to: 'draft', actors: ['owner-editor'], reasonRequired: false },
  submit: { from: ['draft', 'returned'], to: 'submitted', actors: ['owner-editor'], reasonRequired: false },
  withdraw: { from: ['submitted'], to: 'draft', actors: ['owner-editor'], reasonRequired: false },
  return: { from: ['submitted'], to: 'returned', actors: ['node-reviewer'], reasonRequired: true },
  approve: { from: ['submitted'], to: 'approved', actors: ['node-reviewer'], reasonRequired: false },
  publish: { from: ['approved'], to: 'published', actors: ['node-reviewer', 'node-data-admin'], reasonRequired: false },
  revise: { from: ['published'], to: 'draft', actors: ['owner-editor'], reasonRequired: false },
  retire: { from: ['published'], to: 'published', actors: ['owner-editor', 'node-data-admin'], reasonRequired: true },
};

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

/** May this principal create entries for the organisation on this node? */
export function assertMayCreate(principal: Principal, scope: EntryScope): void {
  if (!actsAs(principal, 'owner-editor', scope)) {
    throw GovdataError.forbidden(
      `only a catalog editor (catalog-editor) of organisation ${scope.organisationId} on node ${scope.nodeCode} may create its entries`,
    );
  }
}

export interface PlannedTransition {
  action: EntryAction;
  from: VersionState;
  to: VersionState;
}

/**
 * Checks that `principal` may take `action` on an entry whose head version is in `state`: 403 naming
 * the role needed, 409 when the state does not allow it, 422 when a required reason is missing.
 */
export function planTransition(
  action: Exclude<EntryAction, 'create'>,
  state: { head: VersionState; retired: boolean; pendingRevision: boolean },
  principal: Principal,
  scope: EntryScope,
  reason: string | undefined,
): PlannedTransition {
  const rule = RULES[action];
  if (!rule.actors.some((actor) => actsAs(principal, actor, scope))) {
    const who = rule.actors
      .map((a) =>
        a === 'owner-editor'
          ? `catalog-editor of the providing organisation`
          : `${ACTOR_ROLE[a]} of node ${scope.nodeCode}`,
      )
      .join(' or ');
    throw GovdataError.forbidden(`to ${action} an entry you need to be ${who}`);
  }
  if (state.retired) throw GovdataError.conflict(`the entry is retired; it cannot be ${pastTense(action)}`);
  if (action === 'revise' && state.pendingRevision) {
    throw GovdataError.conflict('the entry already has a new version in progress; edit that one');
  }
  if (action === 'retire' && state.pendingRevision) {
    throw GovdataError.conflict('the entry has a new version in progress; finish or withdraw it before retiring');
  }
  if (!rule.from.includes(state.head)) {
    throw GovdataError.conflict(
      `cannot ${action} an entry whose current version is ${state.head}; allowed from: ${rule.from.join(', ')}`,
    );
  }
  if (rule.reasonRequired && !reason?.trim()) {
    throw GovdataError.rule('reason', 'required', `a reason is required to ${action} an entry`);
  }
  return { action, from: state.head, to: rule.to };
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

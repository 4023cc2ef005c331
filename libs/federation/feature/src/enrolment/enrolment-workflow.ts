import { mayAttempt, type Permission, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { ChildStatus } from '../registry/registry.repository.js';

/**
 * 入网与证书 — the workflow of a child node at its parent, as one table: who may do what to a child in
 * which state, what must hold first, where the child ends up and what the write does. The use cases
 * (`*.usecase.ts` in this folder and in `registry/`) check the guards in the order listed, ask
 * `transition` for the row, and run its effects in order; none of them decides anything else.
 */

/** Where a child stands in this node's registry; `unknown` when the registry has no row for it. */
export type ChildState = 'unknown' | ChildStatus;

export const CHILD_STATES: readonly ChildState[] = ['unknown', 'pending', 'active', 'revoked'];

export enum EnrolmentVerb {
  /** 签发入网令牌 — an operator issues a one-time token naming the child. */
  IssueToken = 'issue-token',
  /** 提交证书请求 — the child sends its CSR with the token. */
  Request = 'request',
  /** 批准入网 — an operator approves a pending enrolment: this node signs the child's certificate. */
  Approve = 'approve',
  /** 驳回入网 — an operator rejects a pending enrolment. */
  Reject = 'reject',
  /** 证书轮换 — the child, over its link, asks for a certificate for a new key. */
  Renew = 'renew',
  /** 吊销 — an operator revokes every live certificate of the child. */
  Revoke = 'revoke',
}

/** Who may take a step: holders of a permission (policy.ts), or a child proving itself another way. */
export type EnrolmentWho =
  | { permission: Permission }
  /** Whoever presents the one-time enrolment token (a public route). */
  | { credential: 'enrolment-token' }
  /** The child itself, named by the certificate of its mTLS link. */
  | { credential: 'child-link' };

/** Who is asking: an operator's verified token, the holder of an enrolment token, or a child's link. */
export type EnrolmentActor =
  | { kind: 'principal'; principal: Principal; nodeCode: string }
  | { kind: 'enrolment-token' }
  | { kind: 'child-link'; childCode: string };

/** What must hold before a step, checked by the use case in the order a row lists them. */
export enum EnrolmentGuard {
  /** The token's `level` is the level the child's code names. */
  LevelOfCode = 'level-of-code',
  /** The child's code is one this node may certify. */
  ChildOfThisNode = 'child-of-this-node',
  /** The token is one this node issued … */
  TokenKnown = 'token-known',
  /** … not used yet … */
  TokenUnused = 'token-unused',
  /** … and not expired. */
  TokenUnexpired = 'token-unexpired',
  /** The CSR names the node the token was issued for. */
  CsrNamesTokenChild = 'csr-names-token-child',
  /** This node has a key to sign with. */
  NodeCertified = 'node-certified',
  /** The enrolment has not been decided yet. */
  EnrolmentPending = 'enrolment-pending',
  /** The CSR names the node at the other end of the link. */
  CsrNamesLinkChild = 'csr-names-link-child',
  /** The child holds a certificate (something to revoke). */
  HoldsCertificate = 'holds-certificate',
}

/** What a step does, in the order the use case runs them. */
export enum EnrolmentEffect {
  /** Keep the token's hash, its child and expiry (the token itself is shown once). */
  StoreToken = 'store-token',
  /** Keep the child's CSR as a pending enrolment. */
  RecordRequest = 'record-request',
  /** Mark the token used. */
  ConsumeToken = 'consume-token',
  /** List the child in the registry as pending (an active child stays active). */
  ListPending = 'list-pending',
  /** This node signs a certificate for the CSR. */
  SignCertificate = 'sign-certificate',
  /** The enrolment is approved, with the certificate and the bundle the child fetches. */
  RecordApproval = 'record-approval',
  /** The child is active in the registry with its new certificate. */
  ListActive = 'list-active',
  /** Remember the issued certificate (so a revocation reaches every live one). */
  RecordCertificate = 'record-certificate',
  /** The enrolment is rejected, with the reason. */
  RecordRejection = 'record-rejection',
  /** A child only pending leaves the registry. */
  ForgetPending = 'forget-pending',
  /** The child's current certificate is the renewed one. */
  RecordRenewal = 'record-renewal',
  /** Every live certificate of the child is listed as revoked, with a new CRL number. */
  RevokeCertificates = 'revoke-certificates',
  /** This node signs the new CRL. */
  SignCrl = 'sign-crl',
  /** The child is revoked in the registry. */
  MarkRevoked = 'mark-revoked',
  /** The child's open links are cut now rather than at the next periodic check. */
  CutLinks = 'cut-links',
}

export interface EnrolmentTransition {
  readonly from: ChildState;
  readonly verb: EnrolmentVerb;
  readonly who: EnrolmentWho;
  readonly guards: readonly EnrolmentGuard[];
  readonly to: ChildState;
  readonly effects: readonly EnrolmentEffect[];
}

const OPERATOR_TOKEN: EnrolmentWho = { permission: 'federation.enrolment.token' };
const OPERATOR_MANAGE: EnrolmentWho = { permission: 'federation.enrolment.manage' };
const OPERATOR_REVOKE: EnrolmentWho = { permission: 'federation.child.revoke' };
const TOKEN_HOLDER: EnrolmentWho = { credential: 'enrolment-token' };
const CHILD_LINK: EnrolmentWho = { credential: 'child-link' };

const G = EnrolmentGuard;
const E = EnrolmentEffect;
const V = EnrolmentVerb;

const ISSUE_GUARDS = [G.LevelOfCode, G.ChildOfThisNode];
const REQUEST_GUARDS = [G.TokenKnown, G.TokenUnused, G.TokenUnexpired, G.CsrNamesTokenChild];
const REQUEST_EFFECTS = [E.RecordRequest, E.ConsumeToken, E.ListPending];
const APPROVE_EFFECTS = [E.SignCertificate, E.RecordApproval, E.ListActive, E.RecordCertificate];

/**
 * The table. A decision is about the enrolment, not the child, so approving and rejecting accept a
 * child in any state (a second pending enrolment of a child enrolled since is still decided).
 */
export const ENROLMENT_WORKFLOW: readonly EnrolmentTransition[] = [
  // A token for a child not enrolled, still pending, or revoked (to enrol again); never for an active one.
  {
    from: 'unknown',
    verb: V.IssueToken,
    who: OPERATOR_TOKEN,
    guards: ISSUE_GUARDS,
    to: 'unknown',
    effects: [E.StoreToken],
  },
  {
    from: 'pending',
    verb: V.IssueToken,
    who: OPERATOR_TOKEN,
    guards: ISSUE_GUARDS,
    to: 'pending',
    effects: [E.StoreToken],
  },
  {
    from: 'revoked',
    verb: V.IssueToken,
    who: OPERATOR_TOKEN,
    guards: ISSUE_GUARDS,
    to: 'revoked',
    effects: [E.StoreToken],
  },

  {
    from: 'unknown',
    verb: V.Request,
    who: TOKEN_HOLDER,
    guards: REQUEST_GUARDS,
    to: 'pending',
    effects: REQUEST_EFFECTS,
  },
  {
    from: 'pending',
    verb: V.Request,
    who: TOKEN_HOLDER,
    guards: REQUEST_GUARDS,
    to: 'pending',
    effects: REQUEST_EFFECTS,
  },
  {
    from: 'active',
    verb: V.Request,
    who: TOKEN_HOLDER,
    guards: REQUEST_GUARDS,
    to: 'active',
    effects: REQUEST_EFFECTS,
  },
  {
    from: 'revoked',
    verb: V.Request,
    who: TOKEN_HOLDER,
    guards: REQUEST_GUARDS,
    to: 'pending',
    effects: REQUEST_EFFECTS,
  },

  ...CHILD_STATES.map((from): EnrolmentTransition => ({
    from,
    verb: V.Approve,
    who: OPERATOR_MANAGE,
    guards: [G.NodeCertified, G.EnrolmentPending],
    to: 'active',
    effects: APPROVE_EFFECTS,
  })),

  // Rejecting drops a child that was only pending; an enrolled or revoked child keeps its row.
  {
    from: 'pending',
    verb: V.Reject,
    who: OPERATOR_MANAGE,
    guards: [G.EnrolmentPending],
    to: 'unknown',
    effects: [E.RecordRejection, E.ForgetPending],
  },
  ...(['unknown', 'active', 'revoked'] as const).map((from): EnrolmentTransition => ({
    from,
    verb: V.Reject,
    who: OPERATOR_MANAGE,
    guards: [G.EnrolmentPending],
    to: from,
    effects: [E.RecordRejection],
  })),

  // The old certificate stays valid until it expires, so nothing waits for the new one.
  {
    from: 'active',
    verb: V.Renew,
    who: CHILD_LINK,
    guards: [G.CsrNamesLinkChild],
    to: 'active',
    effects: [E.SignCertificate, E.RecordRenewal, E.RecordCertificate],
  },

  {
    from: 'active',
    verb: V.Revoke,
    who: OPERATOR_REVOKE,
    guards: [G.HoldsCertificate],
    to: 'revoked',
    effects: [E.RevokeCertificates, E.SignCrl, E.MarkRevoked, E.CutLinks],
  },
];

/** Why `transition` found no row: the actor may not take the step at all, or not from this state. */
export type EnrolmentRefusal = { refused: 'forbidden' } | { refused: 'state'; from: ChildState; verb: EnrolmentVerb };

/** Whether the actor is one the row's `who` admits (operators through the permission table). */
export function admits(who: EnrolmentWho, actor: EnrolmentActor): boolean {
  if ('permission' in who) {
    return actor.kind === 'principal' && mayAttempt(actor.principal, who.permission, actor.nodeCode);
  }
  return actor.kind === who.credential;
}

/** The row for `verb` on a child in `from` taken by `actor`, or why there is none. */
export function transition(
  from: ChildState,
  verb: EnrolmentVerb,
  actor: EnrolmentActor,
): EnrolmentTransition | EnrolmentRefusal {
  const rows = ENROLMENT_WORKFLOW.filter((row) => row.verb === verb);
  if (!rows.some((row) => admits(row.who, actor))) return { refused: 'forbidden' };
  return rows.find((row) => row.from === from && admits(row.who, actor)) ?? { refused: 'state', from, verb };
}

export function isEnrolmentRefusal(result: EnrolmentTransition | EnrolmentRefusal): result is EnrolmentRefusal {
  return 'refused' in result;
}

/** The guards of a verb, in the order they are checked (the same on every row of the verb). */
export function guardsOf(verb: EnrolmentVerb): readonly EnrolmentGuard[] {
  return ENROLMENT_WORKFLOW.find((row) => row.verb === verb)?.guards ?? [];
}

/**
 * Runs `check` on each guard of `verb` in the table's order; `check` throws the guard's refusal (so
 * the first guard that fails decides the answer, and lookups a guard needs happen in its turn).
 */
export async function checkGuards(
  verb: EnrolmentVerb,
  check: (guard: EnrolmentGuard) => void | Promise<void>,
): Promise<void> {
  for (const guard of guardsOf(verb)) await check(guard);
}

/**
 * The row `transition` finds, or its refusal thrown: 403 when the actor may not take the step,
 * `stateRefusal()` when the child is in a state the verb does not accept.
 */
export function rowFor(
  from: ChildState,
  verb: EnrolmentVerb,
  actor: EnrolmentActor,
  stateRefusal: () => Error,
): EnrolmentTransition {
  const found = transition(from, verb, actor);
  if (!isEnrolmentRefusal(found)) return found;
  if (found.refused === 'forbidden')
    throw GovdataError.forbidden(`当前调用方无权对下级节点执行此操作 (${verb} of a child node is not for this caller)`);
  throw stateRefusal();
}

/** What a use case does for each effect it knows; a row naming an effect it lacks is a programming error. */
export type EffectHandlers = Partial<Record<EnrolmentEffect, () => Promise<void>>>;

/** Runs the row's effects in the table's order, each with the use case's handler for it. */
export async function runEffects(row: EnrolmentTransition, handlers: EffectHandlers): Promise<void> {
  for (const effect of row.effects) {
    const handler = handlers[effect];
    if (!handler) throw new Error(`${row.verb} from ${row.from}: no handler for effect ${effect}`);
    await handler();
  }
}

/**
 * 级联 — what the federation service answers, which its OpenAPI document does not describe yet
 * (libs/federation/feature: registry.service.ts childView and node(), enrolment.service.ts
 * enrolmentSummary, issue-enrolment-token.usecase.ts, anti-entropy.controller.ts, parent-link.ts).
 * Request bodies come from the generated document (generated/federation.ts).
 */
import type { operations } from '../generated/federation.js';

/** A child node in the registry (mirrors ChildNode in libs/federation/feature registry.repository.ts). */
export interface ChildNode {
  code: string;
  name: string;
  level: string;
  status: 'pending' | 'active' | 'revoked';
  lastSeenAt: string | null;
  lagSeconds: number | null;
  notAfter: string | null;
}

/** A child as `GET /federation/children` lists it (registry.service.ts childView + anti-entropy summary). */
export interface ChildView extends ChildNode {
  certificateSerial: string | null;
  renewalDueAt: string | null;
  renewalDue: boolean;
  revokedAt: string | null;
  revokeReason: string | null;
  /** The software version the child's link reports. */
  softwareVersion: string | null;
  antiEntropy: {
    inSync: boolean;
    sets: number;
    records: number;
    comparedAt: string | null;
    verifiedAt: string | null;
  } | null;
}

/** `GET /federation/node`: this node and its certificate (none yet, requested, valid or invalid). */
export interface FederationNodeView {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  certificate: 'none' | 'requested' | 'valid' | 'invalid';
  keyGeneration?: number;
  certificateSerial?: string;
  issuerCode?: string;
  path?: string[];
  notBefore?: string;
  notAfter?: string;
  renewalDueAt?: string;
  renewalDue?: boolean;
  problem?: string;
  hint?: string;
}

/** `POST /federation/node/renew`: the new certificate. */
export interface RenewedCertificate {
  serial: string;
  notAfter: string;
}

/** 差异 — what one comparison found per kind of difference. */
export interface Divergence {
  missing: number;
  behind: number;
  corrupted: number;
  orphaned: number;
  ahead: number;
}

export interface MerkleRoot {
  digest: string;
  count: number;
}

/** `GET /federation/children/{code}/anti-entropy`: per set the last verified roots, and the recent runs. */
export interface ChildAntiEntropy {
  child: string;
  sets: Array<{
    origin: string;
    inSync: boolean;
    parentRoot: MerkleRoot;
    childRoot: MerkleRoot;
    comparedAt: string;
    verifiedAt: string | null;
    divergence: Divergence;
  }>;
  runs: Array<{
    childCode: string;
    sessionId: string;
    finishedAt: string;
    sets: number;
    divergence: Divergence;
    applied: number;
    removed: number;
    verified: boolean;
  }>;
}

/** One comparison with the parent as this node ran it (anti-entropy.client.ts AntiEntropyReport). */
export interface AntiEntropyReport {
  sessionId: string;
  startedAt: string;
  finishedAt: string;
  roundTrips: number;
  sets: Array<{
    origin: string;
    childRoot: MerkleRoot;
    parentRoot: MerkleRoot;
    inSyncBefore: boolean;
    parentRootAfter: MerkleRoot | null;
    divergence: Divergence;
  }>;
  sent: number;
  applied: number;
  removed: number;
  verified: boolean;
}

export type ParentLinkState = 'no-parent' | 'no-certificate' | 'connecting' | 'up' | 'down';

/** `GET /federation/anti-entropy`: this node's roots, its link to the parent and the last comparison. */
export interface OwnAntiEntropy {
  node: string;
  parent: string | null;
  link: ParentLinkState;
  antiEntropySeconds: number;
  lastComparison: AntiEntropyReport | null;
  lastError: { at: string; message: string } | null;
  roots: { sent: Array<MerkleRoot & { origin: string }>; held: Array<MerkleRoot & { origin: string }> };
}

/** `GET /federation/standards`: what the parent sent down, with where it came from. */
export interface InheritedStandards {
  parent: string | null;
  appliedSeq: string | number | null;
  items: Array<{
    origin: string;
    kind: string;
    key: string;
    version: number;
    action: string;
    path: string;
    issuedAt: string;
    receivedAt: string;
  }>;
}

export const ENROLMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** 入网申请 as `GET /federation/enrolments` lists it. */
export interface EnrolmentSummary {
  id: string;
  childCode: string;
  childName: string;
  level: string;
  status: EnrolmentStatus;
  requestedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  rejectReason: string | null;
  certificateSerial: string | null;
  notAfter: string | null;
}

/** `POST /federation/enrolment-tokens`: the one time the token is shown. */
export interface IssuedEnrolmentToken {
  id: string;
  token: string;
  childCode: string;
  childName: string;
  level: string;
  expiresAt: string;
}

type JsonBody<O extends keyof operations> = operations[O] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type IssueEnrolmentTokenBody = JsonBody<'EnrolmentController_issueToken'>;
export type RejectEnrolmentBody = JsonBody<'EnrolmentController_reject'>;
export type RevokeChildBody = JsonBody<'RegistryController_revoke'>;
export type RevocationReason = RevokeChildBody['reason'];
export type NodeLevel = IssueEnrolmentTokenBody['level'];

/** The reasons a child's certificate is revoked for (RFC 5280 CRL reasons the registry accepts). */
export const REVOCATION_REASONS: readonly RevocationReason[] = [
  'cessation_of_operation',
  'key_compromise',
  'affiliation_changed',
  'superseded',
  'privilege_withdrawn',
  'ca_compromise',
  'unspecified',
];
export const NODE_LEVELS: readonly NodeLevel[] = ['national', 'ministry', 'provincial', 'municipal'];

import canonicalize from 'canonicalize';

/*
 * 包含证明验证 — checks in the browser, with WebCrypto only, that a call record is in the exchange's
 * RFC 6962 audit log and that the log's signed checkpoint vouches for it. Nothing the server says
 * about its own result is trusted: the leaf hash is recomputed from the record (SHA-256 of 0x00 ‖ its
 * RFC 8785 canonical JSON, as exchange-ledger audit-record.ts hashes it), the root from the proof
 * (RFC 9162 §2.1.3.2), and the checkpoint's C2SP signed note is verified with the node's Ed25519 key.
 * A node of the 国密 profile (SM3 tree, SM2 signature) cannot be checked here: WebCrypto has neither,
 * and the step says so rather than passing.
 */

export const VERIFICATION_STEPS = ['leafHash', 'rootHash', 'signature', 'treeSize'] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

/** passed / failed / cannot be checked in this browser (SM2, SM3). */
export type StepOutcome = 'passed' | 'failed' | 'unsupported';

export interface StepResult {
  step: VerificationStep;
  outcome: StepOutcome;
  /** Why it failed or could not be checked, in English for the record (the page shows its own words). */
  reason?: string;
}

export interface InclusionVerification {
  /** Every step passed. */
  verified: boolean;
  steps: StepResult[];
  /** The first step that failed (or could not be checked), for the message naming it. */
  failedStep: VerificationStep | null;
  /** The size the checkpoint states, when its note could be read. */
  treeSize: number | null;
}

/** A record's proof as the API answers it (hashes base64). */
export interface ProofInput {
  record: unknown;
  leafIndex: number;
  treeSize: number;
  hashAlgorithm: string;
  leafHash: string;
  proof: readonly string[];
}

/** The checkpoint as the API answers it: the signed note and the key that should have signed it. */
export interface CheckpointInput {
  origin: string;
  note: string;
  verifierKey: string;
}

const HASH_SIZE = 32;
const ED25519 = 0x01;
const SM2_TYPE = [0xff, ...new TextEncoder().encode('SM2SM3')];

const encoder = new TextEncoder();

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Strict base64 (the encoding must round-trip, as the server's parser requires); null otherwise. */
export function fromBase64(text: string): Uint8Array | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x00), data));
}

/** RFC 6962 §2.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/** The leaf hash of an audit record: its canonical JSON (RFC 8785) in UTF-8, hashed as a leaf. */
export async function recordLeafHash(record: unknown): Promise<Uint8Array> {
  const json = canonicalize(record);
  if (json === undefined) throw new Error('the record has no JSON form');
  return hashLeaf(encoder.encode(json));
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** How many hashes the inclusion proof of a leaf in a tree of this size has. */
export function inclusionProofLength(leafIndex: number, treeSize: number): number {
  let length = 0;
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) hi = lo + k;
    else lo += k;
    length += 1;
  }
  return length;
}

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2), or null when the inputs cannot be a proof
 * (index not below the size, a hash not 32 bytes, a proof of the wrong length).
 */
export async function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return null;
  if (leafHash.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return null;
  if (proof.length !== inclusionProofLength(leafIndex, treeSize)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

/** Does the proof show `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves with `root`? */
export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (root.length !== HASH_SIZE) return false;
  const computed = await rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  return computed !== null && equalBytes(computed, root);
}

/** A C2SP checkpoint body: origin, size, base64 root, then extension lines (`hash SM3`). */
export interface SignedCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: Uint8Array;
  hashAlgorithm: string;
}

/** Reads the text of a checkpoint (as exchange-ledger checkpoint.ts parseCheckpoint); null when malformed. */
export function parseCheckpointText(text: string): SignedCheckpoint | null {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.pop() !== '') return null;
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0 || !/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) return null;
  const rootHash = fromBase64(root);
  if (!rootHash || rootHash.length !== HASH_SIZE) return null;
  const stated = extensions.map((line) => /^hash (\S+)$/.exec(line)?.[1]).filter((name) => name !== undefined);
  if (stated.length > 1) return null;
  return { origin, treeSize: Number(size), rootHash, hashAlgorithm: stated[0] ?? 'SHA-256' };
}

type NoteCheck = { outcome: 'passed'; text: string } | { outcome: 'failed' | 'unsupported'; reason: string };

/**
 * Verifies a C2SP signed note with a verifier key `<name>+<key hash>+<base64(type ‖ key)>`: the key
 * hash must match the name and key, and a signature line by that name and key hash must verify over
 * the note's text. Signatures by other keys are ignored, as the spec requires.
 */
export async function openSignedNote(note: string, verifierKey: string): Promise<NoteCheck> {
  const key = /^([^+\s]+)\+([0-9a-f]{8})\+(.+)$/u.exec(verifierKey);
  const typed = key ? fromBase64(key[3]!) : null;
  if (!key || !typed) return { outcome: 'failed', reason: 'the verifier key is malformed' };
  const [, name, keyHashHex] = key as unknown as [string, string, string];
  const computedKeyHash = (await sha256(concat(encoder.encode(`${name}\n`), typed))).subarray(0, 4);
  if (toHex(computedKeyHash) !== keyHashHex) {
    return { outcome: 'failed', reason: 'the key hash does not match the name and key' };
  }
  if (typed.length === SM2_TYPE.length + 65 && SM2_TYPE.every((b, i) => typed[i] === b)) {
    return { outcome: 'unsupported', reason: 'SM2 signatures cannot be verified with WebCrypto' };
  }
  if (typed.length !== 33 || typed[0] !== ED25519) {
    return { outcome: 'failed', reason: 'the key is neither Ed25519 nor SM2' };
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { outcome: 'failed', reason: 'the note has no signature block' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const publicKey = await crypto.subtle.importKey(
    'raw',
    typed.subarray(1) as BufferSource,
    { name: 'Ed25519' },
    false,
    ['verify'],
  );
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    const bytes = match && match[1] === name ? fromBase64(match[2]!) : null;
    if (!bytes || bytes.length !== 4 + 64 || !equalBytes(bytes.subarray(0, 4), computedKeyHash)) continue;
    const valid = await crypto.subtle.verify(
      'Ed25519',
      publicKey,
      bytes.subarray(4) as BufferSource,
      encoder.encode(text) as BufferSource,
    );
    return valid
      ? { outcome: 'passed', text }
      : { outcome: 'failed', reason: `the signature by ${name} does not verify` };
  }
  return { outcome: 'failed', reason: `the note is not signed by ${name}` };
}

/** The text of a signed note, before the blank line and its signatures. */
function noteText(note: string): string {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? note : note.slice(0, split + 1);
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The whole check of one call, step by step: 叶子哈希 (the record hashes to the proof's leaf), 根哈希一致
 * (the proof leads to the signed root), 签名有效 (the checkpoint is signed by the node's key, for this
 * log), 树大小 (the proof is for the signed tree's size and the leaf lies within it).
 */
export async function verifyCallInclusion(
  proof: ProofInput,
  checkpoint: CheckpointInput,
): Promise<InclusionVerification> {
  const steps = new Map<VerificationStep, StepResult>();
  const set = (step: VerificationStep, outcome: StepOutcome, reason?: string) =>
    steps.set(step, { step, outcome, ...(reason ? { reason } : {}) });

  // The root and size compared below are the note's; 签名有效 says whether the node's key signed them.
  const opened = await openSignedNote(checkpoint.note, checkpoint.verifierKey);
  const stated = parseCheckpointText(noteText(checkpoint.note));
  if (opened.outcome !== 'passed') set('signature', opened.outcome, opened.reason);
  else if (!stated) set('signature', 'failed', 'the signed note is not a checkpoint');
  else if (stated.origin !== checkpoint.origin)
    set('signature', 'failed', `the checkpoint is for log ${stated.origin}`);
  else set('signature', 'passed');

  const sha256Log = proof.hashAlgorithm === 'SHA-256' && (!stated || stated.hashAlgorithm === 'SHA-256');
  const leafHash = fromBase64(proof.leafHash);
  const path = proof.proof.map(fromBase64);

  // 叶子哈希
  if (!sha256Log) set('leafHash', 'unsupported', `the log hashes with ${proof.hashAlgorithm}`);
  else if (!leafHash) set('leafHash', 'failed', 'the leaf hash is not base64');
  else {
    const computed = await recordLeafHash(proof.record);
    if (equalBytes(computed, leafHash)) set('leafHash', 'passed');
    else set('leafHash', 'failed', 'the record does not hash to the leaf hash of the proof');
  }

  // 树大小
  if (!stated) set('treeSize', 'failed', 'the checkpoint states no tree size');
  else if (proof.treeSize !== stated.treeSize) {
    set('treeSize', 'failed', `the proof is for ${proof.treeSize} entries, the checkpoint states ${stated.treeSize}`);
  } else if (!(proof.leafIndex >= 0 && proof.leafIndex < stated.treeSize)) {
    set('treeSize', 'failed', `leaf ${proof.leafIndex} is not within ${stated.treeSize} entries`);
  } else set('treeSize', 'passed');

  // 根哈希一致
  if (!sha256Log) set('rootHash', 'unsupported', `the log hashes with ${proof.hashAlgorithm}`);
  else if (!stated) set('rootHash', 'failed', 'the checkpoint states no root');
  else if (!leafHash || path.some((p) => p === null)) set('rootHash', 'failed', 'the proof is not base64');
  else {
    const valid = await verifyInclusion(
      proof.leafIndex,
      stated.treeSize,
      leafHash,
      path as Uint8Array[],
      stated.rootHash,
    );
    if (valid) set('rootHash', 'passed');
    else set('rootHash', 'failed', "the proof does not lead to the checkpoint's root");
  }

  const ordered = VERIFICATION_STEPS.map((step) => steps.get(step)!);
  const failed = ordered.find((s) => s.outcome !== 'passed');
  return {
    verified: ordered.every((s) => s.outcome === 'passed'),
    steps: ordered,
    failedStep: failed?.step ?? null,
    treeSize: stated?.treeSize ?? null,
  };
}

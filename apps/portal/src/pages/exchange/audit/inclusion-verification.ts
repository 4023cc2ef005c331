import canonicalize from 'canonicalize';
import type { sm2 as Sm2, sm3 as Sm3 } from 'sm-crypto-v2';

/*
 * 包含证明验证 — checks in the browser, with WebCrypto (and sm-crypto-v2 for 国密 nodes), that a
 * call record is in the exchange's RFC 6962 audit log and that the log's signed checkpoint vouches for it. Nothing the server says
 * about its own result is trusted: the leaf hash is recomputed from the record (SHA-256 of 0x00 ‖ its
 * RFC 8785 canonical JSON, as exchange-ledger audit-record.ts hashes it), the root from the proof
 * (RFC 9162 §2.1.3.2), and the checkpoint's C2SP signed note is verified with the node's Ed25519 key.
 *
 * A node of the 国密 profile hashes its log with SM3 (the same RFC 6962 construction, `hash SM3` in its
 * checkpoints) and signs with SM2 (GB/T 32918.2: SM3(Z_A ‖ M), the default identifier
 * "1234567812345678", r ‖ s raw, as exchange-ledger signed-note.ts signs). WebCrypto has neither, so
 * they come from sm-crypto-v2, loaded only when such a node's record is checked. A log of another hash
 * is reported as not checkable (`unsupported`), never passed.
 */

export const VERIFICATION_STEPS = ['leafHash', 'rootHash', 'signature', 'treeSize'] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

/** passed / failed / cannot be checked here (a hash this page does not know, or the SM library did not load). */
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
/** GM/T 0009-2012 default signer identifier, which the server's SM2 signatures use. */
const SM2_DEFAULT_ID = '1234567812345678';
/** Order n of the SM2 curve (GB/T 32918.5): r and s of a signature lie in [1, n − 1]. */
const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;

/** The log hashes the server knows (platform-crypto HashName); a checkpoint without `hash` is SHA-256. */
export type LogHash = 'SHA-256' | 'SM3';
const isLogHash = (name: string): name is LogHash => name === 'SHA-256' || name === 'SM3';

const encoder = new TextEncoder();

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

interface SmCrypto {
  sm2: typeof Sm2;
  sm3: typeof Sm3;
}
let smCrypto: Promise<SmCrypto> | null = null;

/** sm-crypto-v2, fetched on first use (only a 国密 node's record needs it); a failed load is retried next time. */
function loadSmCrypto(): Promise<SmCrypto> {
  smCrypto ??= import('sm-crypto-v2').then(
    ({ sm2, sm3 }) => ({ sm2, sm3 }),
    (error: unknown) => {
      smCrypto = null;
      throw error;
    },
  );
  return smCrypto;
}

/** The library that the SM steps need, or null (then they are reported as not checkable). */
async function trySmCrypto(): Promise<SmCrypto | null> {
  try {
    return await loadSmCrypto();
  } catch {
    return null;
  }
}

async function sm3(data: Uint8Array): Promise<Uint8Array> {
  const { sm3: digest } = await loadSmCrypto();
  return fromHex(digest(data));
}

const HASHES: Readonly<Record<LogHash, (data: Uint8Array) => Promise<Uint8Array>>> = { 'SHA-256': sha256, SM3: sm3 };

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

/** RFC 6962 §2.1 leaf hash: HASH(0x00 ‖ data), SHA-256 unless the log is SM3. */
export function hashLeaf(data: Uint8Array, hash: LogHash = 'SHA-256'): Promise<Uint8Array> {
  return HASHES[hash](concat(Uint8Array.of(0x00), data));
}

/** RFC 6962 §2.1 interior node hash: HASH(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array, hash: LogHash = 'SHA-256'): Promise<Uint8Array> {
  return HASHES[hash](concat(Uint8Array.of(0x01), left, right));
}

/** The leaf hash of an audit record: its canonical JSON (RFC 8785) in UTF-8, hashed as a leaf. */
export async function recordLeafHash(record: unknown, hash: LogHash = 'SHA-256'): Promise<Uint8Array> {
  const json = canonicalize(record);
  if (json === undefined) throw new Error('the record has no JSON form');
  return hashLeaf(encoder.encode(json), hash);
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
  hash: LogHash = 'SHA-256',
): Promise<Uint8Array | null> {
  if (!isSize(leafIndex) || !isSize(treeSize) || leafIndex >= treeSize) return null;
  if (leafHash.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return null;
  if (proof.length !== inclusionProofLength(leafIndex, treeSize)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(p, r, hash);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = await hashChildren(r, p, hash);
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
  hash: LogHash = 'SHA-256',
): Promise<boolean> {
  if (root.length !== HASH_SIZE) return false;
  const computed = await rootFromInclusionProof(leafIndex, treeSize, leafHash, proof, hash);
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
  const sm2 = typed.length === SM2_TYPE.length + 65 && SM2_TYPE.every((b, i) => typed[i] === b);
  if (!sm2 && (typed.length !== 33 || typed[0] !== ED25519)) {
    return { outcome: 'failed', reason: 'the key is neither Ed25519 nor SM2' };
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return { outcome: 'failed', reason: 'the note has no signature block' };
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  let verify: (signature: Uint8Array, data: Uint8Array) => Promise<boolean> | boolean;
  if (sm2) {
    const lib = await trySmCrypto();
    if (!lib) return { outcome: 'unsupported', reason: 'the SM2 library could not be loaded' };
    const point = sm2Point(lib, typed.subarray(SM2_TYPE.length));
    if (!point) return { outcome: 'failed', reason: 'the SM2 key is not a point on the curve' };
    verify = (signature, data) => verifySm2(lib, point, signature, data);
  } else {
    const publicKey = await crypto.subtle.importKey(
      'raw',
      typed.subarray(1) as BufferSource,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    verify = (signature, data) =>
      crypto.subtle.verify('Ed25519', publicKey, signature as BufferSource, data as BufferSource);
  }
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    const bytes = match && match[1] === name ? fromBase64(match[2]!) : null;
    if (!bytes || bytes.length !== 4 + 64 || !equalBytes(bytes.subarray(0, 4), computedKeyHash)) continue;
    const valid = await verify(bytes.subarray(4), encoder.encode(text));
    return valid
      ? { outcome: 'passed', text }
      : { outcome: 'failed', reason: `the signature by ${name} does not verify` };
  }
  return { outcome: 'failed', reason: `the note is not signed by ${name}` };
}

type Sm2Point = ReturnType<SmCrypto['sm2']['precomputePublicKey']>;

/** The public key of an uncompressed point 0x04 ‖ x ‖ y, or null when it is not on the SM2 curve. */
function sm2Point(lib: SmCrypto, point: Uint8Array): Sm2Point | null {
  if (point[0] !== 0x04) return null;
  try {
    const key = lib.sm2.precomputePublicKey(toHex(point));
    key.assertValidity();
    return key;
  } catch {
    return null;
  }
}

/**
 * An SM2 signature (r ‖ s, 32 bytes each) over `data` by the key `point`, hashed as SM3(Z_A ‖ data)
 * with the default identifier — as platform-crypto sm2Verify checks it, r and s in [1, n − 1].
 */
function verifySm2(lib: SmCrypto, point: Sm2Point, signature: Uint8Array, data: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const signatureHex = toHex(signature);
  const r = BigInt(`0x${signatureHex.slice(0, 64)}`);
  const s = BigInt(`0x${signatureHex.slice(64)}`);
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  try {
    return lib.sm2.doVerifySignature(data, signatureHex, point, {
      der: false,
      hash: true,
      userId: SM2_DEFAULT_ID,
    });
  } catch {
    return false;
  }
}

/** The text of a signed note, before the blank line and its signatures. */
function noteText(note: string): string {
  const split = note.lastIndexOf('\n\n');
  return split < 0 ? note : note.slice(0, split + 1);
}

function toHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
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

  // The log's hash is the one the signed checkpoint states; a proof claiming another is not of this log.
  const logHash = stated?.hashAlgorithm ?? proof.hashAlgorithm;
  const hashProblem: [StepOutcome, string] | null = !isLogHash(logHash)
    ? ['unsupported', `the log hashes with ${logHash}, which this page does not know`]
    : proof.hashAlgorithm !== logHash
      ? ['failed', `the proof is for a ${proof.hashAlgorithm} log, the checkpoint states ${logHash}`]
      : logHash === 'SM3' && !(await trySmCrypto())
        ? ['unsupported', 'the SM3 library could not be loaded']
        : null;
  const hash = logHash as LogHash;
  const leafHash = fromBase64(proof.leafHash);
  const path = proof.proof.map(fromBase64);

  // 叶子哈希
  if (hashProblem) set('leafHash', ...hashProblem);
  else if (!leafHash) set('leafHash', 'failed', 'the leaf hash is not base64');
  else {
    const computed = await recordLeafHash(proof.record, hash);
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
  if (hashProblem) set('rootHash', ...hashProblem);
  else if (!stated) set('rootHash', 'failed', 'the checkpoint states no root');
  else if (!leafHash || path.some((p) => p === null)) set('rootHash', 'failed', 'the proof is not base64');
  else {
    const valid = await verifyInclusion(
      proof.leafIndex,
      stated.treeSize,
      leafHash,
      path as Uint8Array[],
      stated.rootHash,
      hash,
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

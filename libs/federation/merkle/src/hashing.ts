import { hash } from 'node:crypto';
import type { HashName } from '@govdata/platform-crypto';
import { EMPTY_ROOT, findTreeHasher, merkleTreeHash } from '@govdata/rfc6962';
import { MerkleError, MerkleProblem } from './merkle.exception.js';
import type { BucketSummary, RecordDigest } from './merkle.types.js';

/** Children per bucket: one hex digit of SHA-256(key) per level. */
export const FAN_OUT = 16;
/** 16³ = 4,096 leaf buckets: ~24 records each at 100,000 records, ~250 at a million. */
export const DEFAULT_DEPTH = 3;
export const MAX_DEPTH = 8;

/** RFC 6962 MTH({}) = SHA-256 of nothing: the digest of every empty bucket, the root of an empty set. */
export const EMPTY_DIGEST = EMPTY_ROOT.toString('hex');

export const HEX_DIGITS = '0123456789abcdef';
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Keys are entry ids and codes; the bound keeps a hostile peer from sending megabyte keys. */
export const MAX_KEY_LENGTH = 512;

export { hashChildren, hashLeaf, merkleTreeHash } from '@govdata/rfc6962';

/**
 * The leaf of one record: SHA-256(0x00 ‖ u32be(len key) ‖ UTF-8 key ‖ u64be(version) ‖ digest bytes).
 * Length-prefixed and fixed-width, so no two records share an encoding. Lower-case hex.
 */
export function recordLeaf(record: RecordDigest): string {
  return recordLeafBytes(record).toString('hex');
}

export function recordLeafBytes(record: RecordDigest): Buffer {
  assertRecord(record);
  return leafOfValidRecord(record);
}

/** `recordLeafBytes` for a record already checked with `assertRecord`. */
export function leafOfValidRecord(record: RecordDigest): Buffer {
  return hash('sha256', leafInput(record), 'buffer');
}

/** 0x00 ‖ u32be(len key) ‖ UTF-8 key ‖ u64be(version) ‖ digest bytes: what a leaf hashes. */
function leafInput(record: RecordDigest): Buffer {
  const keyLength = Buffer.byteLength(record.key, 'utf8');
  const input = Buffer.allocUnsafe(1 + 4 + keyLength + 8 + 32);
  input[0] = 0x00;
  input.writeUInt32BE(keyLength, 1);
  input.write(record.key, 5, 'utf8');
  input.writeUInt32BE(Math.floor(record.version / 2 ** 32), 5 + keyLength);
  input.writeUInt32BE(record.version >>> 0, 9 + keyLength);
  input.write(record.digest, 13 + keyLength, 'hex');
  return input;
}

/** SHA-256 of the UTF-8 key, lower-case hex: where a record lives in the tree. */
export function keyHash(key: string): string {
  return hash('sha256', key, 'hex');
}

/** The leaf bucket of a key: the first `depth` hex digits of its key hash. */
export function bucketOf(key: string, depth = DEFAULT_DEPTH): string {
  return keyHash(key).slice(0, depth);
}

/**
 * The digest of a bucket above the leaves: MTH over its 16 children's digests, or `EMPTY_DIGEST`
 * when it holds nothing (so an empty set has the same root whatever its depth).
 */
export function interiorDigest(children: readonly BucketSummary[]): BucketSummary {
  const count = children.reduce((sum, child) => sum + child.count, 0);
  if (count === 0) return { digest: EMPTY_DIGEST, count };
  return { digest: merkleTreeHash(children.map((c) => Buffer.from(c.digest, 'hex'))).toString('hex'), count };
}

export function isRecordDigest(value: unknown): value is RecordDigest {
  if (value === null || typeof value !== 'object') return false;
  const { key, version, digest } = value as Record<string, unknown>;
  return (
    typeof key === 'string' &&
    key.length > 0 &&
    key.length <= MAX_KEY_LENGTH &&
    typeof version === 'number' &&
    Number.isSafeInteger(version) &&
    version >= 0 &&
    typeof digest === 'string' &&
    SHA256_HEX.test(digest)
  );
}

export function assertRecord(value: unknown): asserts value is RecordDigest {
  if (!isRecordDigest(value)) {
    throw new MerkleError(
      MerkleProblem.InvalidRecord,
      `not a record digest: ${describe(value)} (expected { key: 1–${MAX_KEY_LENGTH} chars, version: integer ≥ 0, digest: SHA-256 hex })`,
    );
  }
}

export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function isBucketPath(value: unknown, depth: number): value is string {
  return typeof value === 'string' && value.length <= depth && /^[0-9a-f]*$/.test(value);
}

export function assertDepth(depth: number): void {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw new MerkleError(MerkleProblem.ShapeMismatch, `tree depth must be an integer 1–${MAX_DEPTH}, got ${depth}`);
  }
}

/** A short rendering of a peer's value for an error message. */
export function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Streams may yield single records or pages of them. */
export function pageOf(item: RecordDigest | readonly RecordDigest[]): readonly RecordDigest[] {
  return Array.isArray(item) ? (item as readonly RecordDigest[]) : [item as RecordDigest];
}

/**
 * The hash of a digest tree: SHA-256 (the default, and what an older peer means), or SM3 under the
 * 国密 profile. It places keys in buckets and hashes leaves and buckets, so both sides of a link must
 * use the same one: the asking side names it in its request and the answering side builds its trees
 * with it (a parent answers children of either profile).
 */
export interface DigestHasher {
  readonly name: HashName;
  /** MTH({}) of this hash: every empty bucket's digest. */
  readonly emptyDigest: string;
  readonly emptyBytes: Buffer;
  /** HASH(UTF-8 key), lower-case hex. */
  keyHash(key: string): string;
  /** The leaf of a record already checked with `assertRecord`. */
  leaf(record: RecordDigest): Buffer;
  merkleTreeHash(leafHashes: readonly Uint8Array[]): Buffer;
}

function makeDigestHasher(name: HashName, nodeName: string): DigestHasher {
  const tree = findTreeHasher(name)!;
  return {
    name,
    emptyDigest: tree.emptyRoot.toString('hex'),
    emptyBytes: tree.emptyRoot,
    keyHash: (key) => hash(nodeName, key, 'hex'),
    leaf: (record) => hash(nodeName, leafInput(record), 'buffer'),
    merkleTreeHash: (leafHashes) => merkleTreeHash(leafHashes, tree),
  };
}

const DIGEST_HASHERS: Readonly<Record<HashName, DigestHasher>> = {
  'SHA-256': makeDigestHasher('SHA-256', 'sha256'),
  SM3: makeDigestHasher('SM3', 'sm3'),
};

/** The digest hasher of a hash name (default SHA-256); an unknown name is refused. */
export function digestHasher(name: string = 'SHA-256'): DigestHasher {
  const found = (DIGEST_HASHERS as Record<string, DigestHasher | undefined>)[name];
  if (!found)
    throw new MerkleError(MerkleProblem.ShapeMismatch, `unknown digest hash ${describe(name)} (SHA-256 or SM3)`);
  return found;
}

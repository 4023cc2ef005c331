import { hash } from 'node:crypto';
import type { HashName } from '@govdata/platform-crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';

/** Hash output length: every leaf, node and root hash of the log (SHA-256 and SM3 alike). */
export const HASH_SIZE = 32;

/**
 * RFC 6962 §2.1 tree hashing over one hash function. RFC 6962 names SHA-256; a ledger under the 国密
 * profile uses SM3 (GB/T 32905) with the same construction and states it (`hash SM3` in its
 * checkpoints, `hashAlgorithm` wherever its proofs are served), so a verifier hashes with the log's own.
 */
export interface TreeHasher {
  readonly algorithm: HashName;
  /** MTH({}) = HASH(""): the root of an empty log. */
  readonly emptyRoot: Buffer;
  /** HASH(0x00 ‖ data). */
  hashLeaf(data: Uint8Array): Buffer;
  /** HASH(0x01 ‖ left ‖ right). */
  hashChildren(left: Uint8Array, right: Uint8Array): Buffer;
}

const NODE_HASH_NAMES: Readonly<Record<HashName, string>> = { 'SHA-256': 'sha256', SM3: 'sm3' };

function makeTreeHasher(algorithm: HashName): TreeHasher {
  const name = NODE_HASH_NAMES[algorithm];
  return {
    algorithm,
    emptyRoot: hash(name, Buffer.alloc(0), 'buffer'),
    hashLeaf(data) {
      const input = Buffer.allocUnsafe(1 + data.length);
      input[0] = 0x00;
      input.set(data, 1);
      return hash(name, input, 'buffer');
    },
    hashChildren(left, right) {
      const input = Buffer.allocUnsafe(1 + left.length + right.length);
      input[0] = 0x01;
      input.set(left, 1);
      input.set(right, 1 + left.length);
      return hash(name, input, 'buffer');
    },
  };
}

const HASHERS: Readonly<Record<HashName, TreeHasher>> = {
  'SHA-256': makeTreeHasher('SHA-256'),
  SM3: makeTreeHasher('SM3'),
};

/** RFC 6962 with SHA-256: the default, and what a log that states no hash uses. */
export const SHA256_TREE: TreeHasher = HASHERS['SHA-256'];

/** The tree hasher of a stated hash name; an unknown name is refused, never defaulted. */
export function treeHasher(algorithm: string = 'SHA-256'): TreeHasher {
  const found = (HASHERS as Record<string, TreeHasher | undefined>)[algorithm];
  if (!found) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `unknown hash algorithm "${algorithm}" (SHA-256 or SM3)`,
      'hashAlgorithm',
    );
  }
  return found;
}

/** RFC 6962 MTH({}) = SHA-256 of the empty string: the root of an empty log. */
export const EMPTY_ROOT: Buffer = SHA256_TREE.emptyRoot;

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Buffer {
  return SHA256_TREE.hashLeaf(data);
}

/** RFC 6962 §2.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return SHA256_TREE.hashChildren(left, right);
}

/** RFC 6962 Merkle Tree Hash of a list of leaf hashes (split at the largest power of two below n). */
export function merkleTreeHash(leafHashes: readonly Uint8Array[], hasher: TreeHasher = SHA256_TREE): Buffer {
  if (leafHashes.length === 0) return Buffer.from(hasher.emptyRoot);
  const mth = (lo: number, hi: number): Uint8Array =>
    hi - lo === 1
      ? leafHashes[lo]!
      : hasher.hashChildren(mth(lo, lo + splitPoint(hi - lo)), mth(lo + splitPoint(hi - lo), hi));
  return Buffer.from(mth(0, leafHashes.length));
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A tree size or leaf index: a safe integer ≥ 0 (sizes beyond 2^53 are not representable here). */
export function assertSize(value: unknown, path: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new LedgerError(LedgerProblem.InvalidInput, `${path} must be an integer from 0 to 2^53-1`, path);
  }
}

/** A hash: exactly 32 bytes. */
export function assertHash(value: unknown, path: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== HASH_SIZE) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
    throw new LedgerError(LedgerProblem.InvalidInput, `${path} must be a ${HASH_SIZE}-byte hash, got ${got}`, path);
  }
}

/** A proof: an array of 32-byte hashes (`null`/`undefined` is read as empty, as JSON encoders write it). */
export function proofHashes(value: unknown, path: string): readonly Uint8Array[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value))
    throw new LedgerError(LedgerProblem.InvalidInput, `${path} must be an array of hashes`, path);
  value.forEach((item, i) => assertHash(item, `${path}.${i}`));
  return value as readonly Uint8Array[];
}

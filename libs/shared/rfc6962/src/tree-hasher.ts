import { hash } from 'node:crypto';
import type { HashName } from '@govdata/platform-crypto';

/** Hash output length: every leaf, node and root hash (SHA-256 and SM3 alike). */
export const HASH_SIZE = 32;

/**
 * RFC 6962 §2.1 tree hashing over one hash function. RFC 6962 names SHA-256; under the 国密 profile
 * the same construction runs over SM3 (GB/T 32905), and whoever publishes a root states which.
 */
export interface TreeHasher {
  readonly algorithm: HashName;
  /** MTH({}) = HASH(""): the root of an empty tree. */
  readonly emptyRoot: Buffer;
  /** HASH(0x00 ‖ data). */
  hashLeaf(data: Uint8Array): Buffer;
  /** HASH(0x01 ‖ left ‖ right). */
  hashChildren(left: Uint8Array, right: Uint8Array): Buffer;
}

const NODE_HASH_NAMES: Readonly<Record<HashName, string>> = { 'SHA-256': 'sha256', SM3: 'sm3' };

// One-shot `crypto.hash` is about three times faster than `createHash` for inputs this small.
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

/** RFC 6962 with SHA-256: the default, and what a tree that states no hash uses. */
export const SHA256_TREE: TreeHasher = HASHERS['SHA-256'];

/** RFC 6962's construction over SM3 (the 国密 profile). */
export const SM3_TREE: TreeHasher = HASHERS.SM3;

/**
 * The tree hasher of a stated hash name, or undefined for a name this library does not know (the
 * caller refuses it in its own terms; it is never defaulted).
 */
export function findTreeHasher(algorithm: string): TreeHasher | undefined {
  return Object.hasOwn(HASHERS, algorithm) ? HASHERS[algorithm as HashName] : undefined;
}

/** RFC 6962 MTH({}) = SHA-256 of the empty string: the root of an empty tree. */
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
  const mth = (lo: number, hi: number): Uint8Array => {
    if (hi - lo === 1) return leafHashes[lo]!;
    const k = splitPoint(hi - lo);
    return hasher.hashChildren(mth(lo, lo + k), mth(lo + k, hi));
  };
  return Buffer.from(mth(0, leafHashes.length));
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  if (n > 2 && n <= 2 ** 31 && Number.isInteger(n)) return 1 << (31 - Math.clz32(n - 1));
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

import { hash } from 'node:crypto';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';

/** SHA-256 output length: every leaf, node and root hash of the log. */
export const HASH_SIZE = 32;

/** RFC 6962 MTH({}) = SHA-256 of the empty string: the root of an empty log. */
export const EMPTY_ROOT: Buffer = hash('sha256', Buffer.alloc(0), 'buffer');

/** RFC 6962 §2.1 leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/** RFC 6962 §2.1 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/** RFC 6962 Merkle Tree Hash of a list of leaf hashes (split at the largest power of two below n). */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_ROOT);
  const mth = (lo: number, hi: number): Uint8Array =>
    hi - lo === 1
      ? leafHashes[lo]!
      : hashChildren(mth(lo, lo + splitPoint(hi - lo)), mth(lo + splitPoint(hi - lo), hi));
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

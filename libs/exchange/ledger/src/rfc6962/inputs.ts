import { findTreeHasher, HASH_SIZE, type TreeHasher } from '@govdata/rfc6962';
import { LedgerError, LedgerProblem } from '../ledger.exception.js';

/*
 * The ledger's checks on what it is handed — hash names, sizes, hashes, proofs — refused as
 * LedgerErrors (400 at the API). The hashing itself is @govdata/rfc6962's.
 */

/** The tree hasher of a stated hash name; an unknown name is refused, never defaulted. */
export function treeHasher(algorithm: string = 'SHA-256'): TreeHasher {
  const found = findTreeHasher(algorithm);
  if (!found) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `unknown hash algorithm "${algorithm}" (SHA-256 or SM3)`,
      'hashAlgorithm',
    );
  }
  return found;
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

import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { SHA256_TREE, splitPoint, type TreeHasher } from '@govdata/rfc6962';
import { assertHash, assertSize, proofHashes } from './inputs.js';

/*
 * Proof verification as RFC 9162 §2.1.3.2 and §2.1.4.2 write it. Every input is checked first —
 * sizes are safe integers, indices in range, hashes 32 bytes, proofs exactly as long as the tree
 * shape requires — so a hostile proof yields a LedgerError, never a TypeError from the arithmetic.
 */

const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);
const isPowerOfTwo = (n: number): boolean => n >= 1 && 2 ** Math.round(Math.log2(n)) === n;

/** How many hashes PATH(leafIndex, D[treeSize]) has. */
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

/** How many hashes PROOF(size1, D[size2]) has (0 < size1 < size2). */
export function consistencyProofLength(size1: number, size2: number): number {
  let length = 0;
  let lo = 0;
  let hi = size2;
  let whole = true;
  while (size1 !== hi) {
    const k = splitPoint(hi - lo);
    if (size1 <= lo + k) hi = lo + k;
    else {
      lo += k;
      whole = false;
    }
    length += 1;
  }
  return whole ? length : length + 1;
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–4); throws on malformed input. */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[] | null | undefined,
  hasher: TreeHasher = SHA256_TREE,
): Buffer {
  assertSize(leafIndex, 'leafIndex');
  assertSize(treeSize, 'treeSize');
  assertHash(leafHash, 'leafHash');
  const path = proofHashes(proof, 'proof');
  if (leafIndex >= treeSize) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `leafIndex ${leafIndex} is not below treeSize ${treeSize}`,
      'leafIndex',
    );
  }
  const expected = inclusionProofLength(leafIndex, treeSize);
  if (path.length !== expected) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `an inclusion proof for leaf ${leafIndex} of ${treeSize} has ${expected} hashes, got ${path.length}`,
      'proof',
    );
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of path) {
    if (odd(fn) || fn === sn) {
      r = hasher.hashChildren(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hasher.hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // With the length checked above sn is 0 here; kept as the RFC's own guard.
  if (sn !== 0) throw new LedgerError(LedgerProblem.InvalidInput, 'the inclusion proof is too short', 'proof');
  return r;
}

/** Checks that `leafHash` is leaf `leafIndex` of the tree of `treeSize` leaves whose root is `root`. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[] | null | undefined,
  root: Uint8Array,
  hasher: TreeHasher = SHA256_TREE,
): void {
  assertHash(root, 'root');
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof, hasher);
  if (!computed.equals(root)) {
    throw new LedgerError(
      LedgerProblem.ProofMismatch,
      `the inclusion proof for leaf ${leafIndex} leads to root ${computed.toString('base64')}, not the tree's root`,
      'proof',
    );
  }
}

/**
 * Checks that the tree of `size2` leaves with root `root2` extends the tree of `size1` leaves with
 * root `root1` (RFC 9162 §2.1.4.2). Equal sizes need an empty proof and equal roots, compared as
 * given. Size 0 is refused: every tree extends the empty one, so there is nothing to prove — a caller
 * that trusts an empty tree accepts any newer checkpoint without a proof.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[] | null | undefined,
  hasher: TreeHasher = SHA256_TREE,
): void {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  const path = proofHashes(proof, 'proof');
  if (size2 < size1) {
    throw new LedgerError(LedgerProblem.InvalidInput, `size2 ${size2} is below size1 ${size1}`, 'size2');
  }
  if (size1 === 0) {
    throw new LedgerError(LedgerProblem.InvalidInput, 'no consistency proof starts at an empty tree', 'size1');
  }
  if (!(root1 instanceof Uint8Array)) throw new LedgerError(LedgerProblem.InvalidInput, 'root1 must be bytes', 'root1');
  if (!(root2 instanceof Uint8Array)) throw new LedgerError(LedgerProblem.InvalidInput, 'root2 must be bytes', 'root2');
  if (size1 === size2) {
    if (path.length > 0) {
      throw new LedgerError(LedgerProblem.InvalidInput, 'the proof between equal sizes must be empty', 'proof');
    }
    if (!Buffer.from(root1).equals(root2)) {
      throw new LedgerError(LedgerProblem.ProofMismatch, `two different roots for tree size ${size1}`, 'root2');
    }
    return;
  }
  assertHash(root1, 'root1');
  assertHash(root2, 'root2');
  const expected = consistencyProofLength(size1, size2);
  if (path.length !== expected) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `a consistency proof from ${size1} to ${size2} has ${expected} hashes, got ${path.length}`,
      'proof',
    );
  }
  const hashes = isPowerOfTwo(size1) ? [root1, ...path] : path;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(hashes[0]!);
  let sr: Buffer = Buffer.from(hashes[0]!);
  for (const c of hashes.slice(1)) {
    if (sn === 0) throw new LedgerError(LedgerProblem.InvalidInput, 'the consistency proof is too long', 'proof');
    if (odd(fn) || fn === sn) {
      fr = hasher.hashChildren(c, fr);
      sr = hasher.hashChildren(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hasher.hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new LedgerError(LedgerProblem.InvalidInput, 'the consistency proof is too short', 'proof');
  if (!fr.equals(root1)) {
    throw new LedgerError(
      LedgerProblem.ProofMismatch,
      `the consistency proof does not lead to the root of size ${size1}`,
      'root1',
    );
  }
  if (!sr.equals(root2)) {
    throw new LedgerError(
      LedgerProblem.ProofMismatch,
      `the consistency proof does not lead to the root of size ${size2}`,
      'root2',
    );
  }
}

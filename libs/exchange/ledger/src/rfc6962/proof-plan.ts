import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { SHA256_TREE, splitPoint, type TreeHasher } from '@govdata/rfc6962';
import { assertSize } from './inputs.js';

/**
 * A complete (perfect) subtree: the 2^level leaves from `index · 2^level` on. Level 0 is a leaf.
 * The log stores one hash per complete subtree, so any root or proof is a handful of them.
 */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * How to compute one hash of a proof (or a root): the complete subtrees that tile its leaf range,
 * left to right, largest first. Its hash is RFC 6962's MTH of that range: the right fold
 * H(n₀, H(n₁, … H(nₖ₋₁, nₖ))).
 */
export type HashPlan = readonly NodeId[];

export const nodeKey = (id: NodeId): string => `${id.level}:${id.index}`;

/** The complete subtrees tiling leaves [lo, hi) — at most one per bit of hi − lo. */
export function rangeNodes(lo: number, hi: number): HashPlan {
  const nodes: NodeId[] = [];
  while (lo < hi) {
    let size = 1;
    let level = 0;
    // The largest power of two that fits and that lo is a multiple of.
    while (size * 2 <= hi - lo && lo % (size * 2) === 0) {
      size *= 2;
      level += 1;
    }
    nodes.push({ level, index: lo / size });
    lo += size;
  }
  return nodes;
}

/** The plan of MTH(D[0:size]) (size ≥ 1). */
export function rootPlan(size: number): HashPlan {
  assertSize(size, 'treeSize');
  if (size === 0) throw new LedgerError(LedgerProblem.InvalidInput, 'an empty tree has no nodes', 'treeSize');
  return rangeNodes(0, size);
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), as plans, from the leaf's sibling upwards. */
export function inclusionPlan(leafIndex: number, treeSize: number): HashPlan[] {
  assertSize(leafIndex, 'leafIndex');
  assertSize(treeSize, 'treeSize');
  if (leafIndex >= treeSize) {
    throw new LedgerError(
      LedgerProblem.InvalidInput,
      `leafIndex ${leafIndex} is not below treeSize ${treeSize}`,
      'leafIndex',
    );
  }
  const path: HashPlan[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      path.push(rangeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      path.push(rangeNodes(lo, lo + k));
      lo += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true), as plans (0 < m ≤ n; m = n is empty). */
export function consistencyPlan(size1: number, size2: number): HashPlan[] {
  assertSize(size1, 'size1');
  assertSize(size2, 'size2');
  if (size1 === 0 || size1 > size2) {
    throw new LedgerError(LedgerProblem.InvalidInput, `no consistency proof from size ${size1} to ${size2}`, 'size1');
  }
  const proof: HashPlan[] = [];
  let lo = 0;
  let hi = size2;
  let whole = true; // SUBPROOF's b: still on the left edge, where the verifier knows the old root
  for (;;) {
    if (size1 === hi) {
      if (!whole) proof.push(rangeNodes(lo, hi));
      break;
    }
    const k = splitPoint(hi - lo);
    if (size1 <= lo + k) {
      proof.push(rangeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      proof.push(rangeNodes(lo, lo + k));
      lo += k;
      whole = false;
    }
  }
  return proof.reverse();
}

/** Every distinct node a set of plans reads. */
export function nodesOf(plans: readonly HashPlan[]): NodeId[] {
  const seen = new Map<string, NodeId>();
  for (const plan of plans) for (const id of plan) seen.set(nodeKey(id), id);
  return [...seen.values()];
}

/** The hash a plan stands for, given the hashes of its nodes. */
export function foldPlan(
  plan: HashPlan,
  nodeHash: (id: NodeId) => Uint8Array,
  hasher: TreeHasher = SHA256_TREE,
): Buffer {
  if (plan.length === 0) throw new LedgerError(LedgerProblem.InvalidInput, 'an empty plan has no hash');
  let hash: Buffer = Buffer.from(nodeHash(plan[plan.length - 1]!));
  for (let i = plan.length - 2; i >= 0; i -= 1) hash = hasher.hashChildren(nodeHash(plan[i]!), hash);
  return hash;
}

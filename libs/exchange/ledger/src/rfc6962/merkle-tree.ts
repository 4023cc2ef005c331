import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { SHA256_TREE, type TreeHasher } from '@govdata/rfc6962';
import { assertHash, assertSize } from './inputs.js';
import { consistencyPlan, foldPlan, inclusionPlan, nodeKey, rootPlan, type NodeId } from './proof-plan.js';

/**
 * An RFC 6962 tree held in memory: a verifier's own copy of a small log, and the reference the
 * stored log is tested against. Proofs and roots are answered for any size up to the current one.
 */
export class MerkleTree {
  private readonly leaves: Buffer[] = [];
  /** Hashes of complete subtrees above the leaves, filled as they complete. */
  private readonly nodes = new Map<string, Buffer>();

  constructor(
    leafHashes: readonly Uint8Array[] = [],
    readonly hasher: TreeHasher = SHA256_TREE,
  ) {
    for (const leaf of leafHashes) this.append(leaf);
  }

  get size(): number {
    return this.leaves.length;
  }

  append(leafHash: Uint8Array): number {
    assertHash(leafHash, 'leafHash');
    let index = this.leaves.length;
    let hash: Buffer = Buffer.from(leafHash);
    this.leaves.push(hash);
    for (let level = 0; index % 2 === 1; level += 1) {
      hash = this.hasher.hashChildren(this.node({ level, index: index - 1 }), hash);
      index = (index - 1) / 2;
      this.nodes.set(nodeKey({ level: level + 1, index }), hash);
    }
    return this.leaves.length - 1;
  }

  leafHash(index: number): Buffer {
    this.checkSize(index + 1, 'leafIndex');
    return this.leaves[index]!;
  }

  root(size = this.size): Buffer {
    this.checkSize(size, 'treeSize');
    if (size === 0) return Buffer.from(this.hasher.emptyRoot);
    return foldPlan(rootPlan(size), (id) => this.node(id), this.hasher);
  }

  inclusionProof(leafIndex: number, treeSize = this.size): Buffer[] {
    this.checkSize(treeSize, 'treeSize');
    return inclusionPlan(leafIndex, treeSize).map((plan) => foldPlan(plan, (id) => this.node(id), this.hasher));
  }

  consistencyProof(size1: number, size2 = this.size): Buffer[] {
    this.checkSize(size2, 'size2');
    return consistencyPlan(size1, size2).map((plan) => foldPlan(plan, (id) => this.node(id), this.hasher));
  }

  private node(id: NodeId): Buffer {
    const hash = id.level === 0 ? this.leaves[id.index] : this.nodes.get(nodeKey(id));
    if (!hash) throw new LedgerError(LedgerProblem.Unknown, `no complete subtree ${nodeKey(id)} yet`);
    return hash;
  }

  private checkSize(size: number, path: string): void {
    assertSize(size, path);
    if (size > this.leaves.length) {
      throw new LedgerError(LedgerProblem.Unknown, `the tree has ${this.leaves.length} leaves, not ${size}`, path);
    }
  }
}

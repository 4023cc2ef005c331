import { LedgerError, LedgerProblem } from '../ledger.exception.js';
import { EMPTY_ROOT, hashChildren, hashLeaf, merkleTreeHash, splitPoint } from '@govdata/rfc6962';
import { MerkleTree } from './merkle-tree.js';
import { rangeNodes } from './proof-plan.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verify.js';

// RFC 6962 §2.1.1 and §2.1.2 written out literally over arrays: the oracle for the tree's proofs.
function path(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = splitPoint(d.length);
  return m < k
    ? [...path(m, d.slice(0, k)), merkleTreeHash(d.slice(k))]
    : [...path(m - k, d.slice(k)), merkleTreeHash(d.slice(0, k))];
}
function subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [merkleTreeHash(d)];
  const k = splitPoint(d.length);
  return m <= k
    ? [...subproof(m, d.slice(0, k), b), merkleTreeHash(d.slice(k))]
    : [...subproof(m - k, d.slice(k), false), merkleTreeHash(d.slice(0, k))];
}

const leaves = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
const tree = new MerkleTree(leaves);
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof LedgerError) return error.problem;
    throw error;
  }
  return null;
};

describe('MerkleTree (RFC 6962 in memory)', () => {
  it('has the MTH of every prefix as the root at that size, and SHA-256("") when empty', () => {
    expect(new MerkleTree().root()).toEqual(EMPTY_ROOT);
    for (let n = 0; n <= leaves.length; n += 1) expect(tree.root(n)).toEqual(merkleTreeHash(leaves.slice(0, n)));
  });

  it('gives the RFC inclusion proof of every leaf at every size, and the verifier accepts exactly it', () => {
    for (let n = 1; n <= leaves.length; n += 1) {
      const root = tree.root(n);
      for (let m = 0; m < n; m += 1) {
        const proof = tree.inclusionProof(m, n);
        expect(proof).toEqual(path(m, leaves.slice(0, n)));
        expect(() => verifyInclusion(m, n, leaves[m]!, proof, root)).not.toThrow();
        expect(rootFromInclusionProof(m, n, leaves[m]!, proof)).toEqual(root);
        // Another leaf, or the same proof for a neighbour, does not verify.
        expect(problemOf(() => verifyInclusion(m, n, leaves[(m + 1) % 40]!, proof, root))).toBe(
          LedgerProblem.ProofMismatch,
        );
      }
    }
  });

  it('gives the RFC consistency proof between every pair of sizes, and the verifier accepts exactly it', () => {
    for (let n = 1; n <= leaves.length; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = tree.consistencyProof(m, n);
        expect(proof).toEqual(subproof(m, leaves.slice(0, n), true));
        expect(() => verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).not.toThrow();
        if (m < n) {
          const forked = new MerkleTree([
            ...leaves.slice(0, m - 1),
            hashLeaf(Buffer.from('forged')),
            ...leaves.slice(m, n),
          ]);
          expect(problemOf(() => verifyConsistency(m, n, forked.root(m), tree.root(n), proof))).toBe(
            LedgerProblem.ProofMismatch,
          );
          expect(problemOf(() => verifyConsistency(m, n, tree.root(m), forked.root(n), proof))).toBe(
            LedgerProblem.ProofMismatch,
          );
        }
      }
    }
  });

  it('tiles any aligned range with complete subtrees whose fold is the MTH of the range', () => {
    expect(rangeNodes(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeNodes(8, 14)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    // Leaf 3 of 14: siblings leaf 2, [0,2), [4,8) and the incomplete [8,14) = H([8,12), [12,14)).
    expect(tree.inclusionProof(3, 14)).toEqual([
      leaves[2],
      hashChildren(leaves[0]!, leaves[1]!),
      merkleTreeHash(leaves.slice(4, 8)),
      hashChildren(merkleTreeHash(leaves.slice(8, 12)), hashChildren(leaves[12]!, leaves[13]!)),
    ]);
  });

  it('refuses malformed sizes, indices, hashes and proof lengths with a typed error', () => {
    const root = tree.root(8);
    const proof = tree.inclusionProof(2, 8);
    const cases: Array<[string, () => unknown, LedgerProblem]> = [
      ['index = size', () => verifyInclusion(8, 8, leaves[0]!, proof, root), LedgerProblem.InvalidInput],
      ['negative index', () => verifyInclusion(-1, 8, leaves[0]!, proof, root), LedgerProblem.InvalidInput],
      ['fractional size', () => verifyInclusion(2, 8.5, leaves[2]!, proof, root), LedgerProblem.InvalidInput],
      ['beyond 2^53', () => verifyInclusion(2, 2 ** 64, leaves[2]!, proof, root), LedgerProblem.InvalidInput],
      [
        'a size as a string',
        () => verifyInclusion(2, '8' as never, leaves[2]!, proof, root),
        LedgerProblem.InvalidInput,
      ],
      ['short leaf hash', () => verifyInclusion(2, 8, leaves[2]!.subarray(1), proof, root), LedgerProblem.InvalidInput],
      ['short root', () => verifyInclusion(2, 8, leaves[2]!, proof, root.subarray(0, 31)), LedgerProblem.InvalidInput],
      ['proof too long', () => verifyInclusion(2, 8, leaves[2]!, [...proof, root], root), LedgerProblem.InvalidInput],
      ['proof too short', () => verifyInclusion(2, 8, leaves[2]!, proof.slice(1), root), LedgerProblem.InvalidInput],
      [
        'proof hash of 33 bytes',
        () => verifyInclusion(2, 8, leaves[2]!, [Buffer.alloc(33), ...proof.slice(1)], root),
        LedgerProblem.InvalidInput,
      ],
      ['proof not an array', () => verifyInclusion(2, 8, leaves[2]!, 'abc' as never, root), LedgerProblem.InvalidInput],
      [
        'proof item not bytes',
        () => verifyInclusion(2, 8, leaves[2]!, [null as never, ...proof.slice(1)], root),
        LedgerProblem.InvalidInput,
      ],
      ['size2 < size1', () => verifyConsistency(5, 4, root, root, []), LedgerProblem.InvalidInput],
      ['from the empty tree', () => verifyConsistency(0, 4, EMPTY_ROOT, root, []), LedgerProblem.InvalidInput],
      ['equal sizes with a proof', () => verifyConsistency(8, 8, root, root, [root]), LedgerProblem.InvalidInput],
      [
        'consistency proof too short',
        () => verifyConsistency(3, 8, tree.root(3), root, tree.consistencyProof(3, 8).slice(1)),
        LedgerProblem.InvalidInput,
      ],
      [
        'consistency root of 31 bytes',
        () => verifyConsistency(3, 8, tree.root(3).subarray(1), root, tree.consistencyProof(3, 8)),
        LedgerProblem.InvalidInput,
      ],
      ['a proof asked beyond the tree', () => tree.inclusionProof(2, 41), LedgerProblem.Unknown],
      ['a consistency proof from 0', () => tree.consistencyProof(0, 8), LedgerProblem.InvalidInput],
    ];
    for (const [name, run, problem] of cases) expect([name, problemOf(run)]).toEqual([name, problem]);
  });
});

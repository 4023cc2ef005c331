export * from './ledger.exception.js';
export {
  EMPTY_ROOT,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  merkleTreeHash,
  SHA256_TREE,
  type TreeHasher,
} from '@govdata/rfc6962';
export { treeHasher } from './rfc6962/inputs.js';
export { MerkleTree } from './rfc6962/merkle-tree.js';
export {
  consistencyProofLength,
  inclusionProofLength,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from './rfc6962/verify.js';
export * from './audit-record.js';
export * from './checkpoint/signed-note.js';
export * from './checkpoint/checkpoint.js';
export * from './checkpoint/checkpoint-verifier.js';
export * from './log/1766000000000-create-audit-ledger.js';
export * from './log/audit-ledger.repository.js';

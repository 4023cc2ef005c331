export * from './merkle.exception.js';
export * from './merkle.types.js';
export * from './canonical-json.js';
export {
  bucketOf,
  DEFAULT_DEPTH,
  EMPTY_DIGEST,
  FAN_OUT,
  hashChildren,
  hashLeaf,
  interiorDigest,
  keyHash,
  merkleTreeHash,
  recordLeaf,
} from './hashing.js';
export * from './digest-index.js';
export * from './digest-tree.js';
export * from './repair-plan.js';
export * from './reconcile.js';

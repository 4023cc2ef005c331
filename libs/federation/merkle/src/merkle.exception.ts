import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Why the anti-entropy library refused its input. */
export enum MerkleProblem {
  /** A record is not `{ key, version, digest }` with a non-empty key, a safe integer ≥ 0 and SHA-256 hex. */
  InvalidRecord = 'invalid_record',
  /** The same key twice in one set, or a record placed in a bucket its key does not hash into. */
  DuplicateKey = 'duplicate_key',
  MisplacedRecord = 'misplaced_record',
  /** A stream promised in key-hash order was not. */
  Unsorted = 'unsorted',
  /** A value `canonicalJson` cannot represent without losing or inventing data. */
  NotCanonical = 'not_canonical',
  /** A peer's request or answer does not follow `govdata.merkle.v1`. */
  MalformedMessage = 'malformed_message',
  /** The peers partition the key space differently (tree depth). */
  ShapeMismatch = 'shape_mismatch',
}

export class MerkleError extends GovdataError {
  constructor(
    readonly problem: MerkleProblem,
    message: string,
    code: ErrorCode = ErrorCode.ValidationFailed,
  ) {
    super(code, message, [], { problem });
    this.name = 'MerkleError';
  }
}

import type { HashName } from '@govdata/platform-crypto';

/** One record of a replicated set as anti-entropy sees it (复制集中的一条记录). */
export interface RecordDigest {
  /** The catalog entry id or code, unique within the origin's set. */
  key: string;
  /** Grows at the origin with every change (retirement included). */
  version: number;
  /** `contentDigest` of the canonical record: SHA-256, lower-case hex. */
  digest: string;
}

/** The Merkle digest and record count of one bucket (a key-hash prefix; `''` is the whole set). */
export interface BucketSummary {
  digest: string;
  count: number;
}

/** A leaf bucket as a node stores it: one row per non-empty bucket of the deepest level. */
export interface LeafBucketRow extends BucketSummary {
  /** `depth` lower-case hex digits: the first digits of SHA-256(key) of every record inside. */
  path: string;
}

/**
 * What one side of a link answers from during reconciliation. Methods may be synchronous (an
 * in-memory `DigestTree`) or asynchronous (bucket digests in memory, records read from PostgreSQL).
 */
export interface DigestSource {
  /** Levels below the root; both peers must agree on it. */
  readonly depth: number;
  /** The hash of its digests (default SHA-256); both peers must agree on it too. */
  readonly hash?: HashName;
  summary(path: string): BucketSummary | Promise<BucketSummary>;
  /** The 16 child buckets of `path` (index = next hex digit); `path` is shorter than `depth`. */
  children(path: string): readonly BucketSummary[] | Promise<readonly BucketSummary[]>;
  /** Every record whose key hash starts with `path`. */
  entries(path: string): readonly RecordDigest[] | Promise<readonly RecordDigest[]>;
}

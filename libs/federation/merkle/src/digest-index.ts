import {
  assertDepth,
  assertRecord,
  DEFAULT_DEPTH,
  digestHasher,
  HEX_DIGITS,
  isBucketPath,
  isDigest,
  pageOf,
  type DigestHasher,
} from './hashing.js';
import type { HashName } from '@govdata/platform-crypto';
import { MerkleError, MerkleProblem } from './merkle.exception.js';
import type { BucketSummary, DigestSource, LeafBucketRow, RecordDigest } from './merkle.types.js';

export interface TreeShape {
  /** Levels below the root (16 buckets per level); default 3 = 4,096 leaf buckets. */
  depth?: number;
  /** The digests' hash: SHA-256 (default) or SM3. */
  hash?: HashName;
}

/** Records to build from: one at a time or in pages (as read from PostgreSQL), sync or async. */
export type RecordStream =
  Iterable<RecordDigest | readonly RecordDigest[]> | AsyncIterable<RecordDigest | readonly RecordDigest[]>;

interface Node {
  digest: Buffer;
  count: number;
}

/**
 * The bucket digests of one replicated set without its records: at most 16⁰ + … + 16^depth nodes
 * (4,369 at depth 3) whatever the set's size. A node keeps one per origin in memory, persists
 * `leafBuckets()` if it wants a warm start, and reads records for `entries` from its own tables
 * (`withEntries`). Changing one leaf bucket re-hashes its records and 15 node hashes per level.
 */
export class DigestIndex {
  readonly depth: number;
  readonly hasher: DigestHasher;
  /** Non-empty buckets of every level, keyed by path ('' = root). */
  private readonly nodes = new Map<string, Node>();

  constructor(shape: TreeShape = {}) {
    this.depth = shape.depth ?? DEFAULT_DEPTH;
    assertDepth(this.depth);
    this.hasher = digestHasher(shape.hash);
  }

  get hash(): HashName {
    return this.hasher.name;
  }

  /** Restores an index from stored leaf rows; interior digests are recomputed, never trusted. */
  static fromLeafBuckets(rows: Iterable<LeafBucketRow>, shape: TreeShape = {}): DigestIndex {
    const index = new DigestIndex(shape);
    for (const row of rows) {
      index.assertLeafRow(row);
      if (index.nodes.has(row.path)) {
        throw new MerkleError(MerkleProblem.DuplicateKey, `leaf bucket ${row.path} appears twice`);
      }
      if (row.count > 0) index.nodes.set(row.path, { digest: Buffer.from(row.digest, 'hex'), count: row.count });
    }
    index.rebuildInterior();
    return index;
  }

  /**
   * Builds from records in ascending key-hash order with memory bounded by the tree, not the set —
   * for a full scan paged out of PostgreSQL (`ORDER BY sha256(convert_to(key, 'UTF8'))`).
   */
  static async fromSorted(records: RecordStream, shape: TreeShape = {}): Promise<DigestIndex> {
    const index = new DigestIndex(shape);
    let path: string | undefined;
    let leaves: Buffer[] = [];
    let previous = '';
    const flush = () => {
      if (path !== undefined) {
        index.nodes.set(path, { digest: index.hasher.merkleTreeHash(leaves), count: leaves.length });
      }
      leaves = [];
    };
    for await (const item of records) {
      for (const record of pageOf(item)) {
        assertRecord(record);
        const hash = index.hasher.keyHash(record.key);
        if (hash <= previous) {
          throw hash === previous
            ? new MerkleError(MerkleProblem.DuplicateKey, `key ${record.key} appears twice`)
            : new MerkleError(MerkleProblem.Unsorted, `key ${record.key} arrived out of key-hash order`);
        }
        previous = hash;
        const leafPath = hash.slice(0, index.depth);
        if (leafPath !== path) {
          flush();
          path = leafPath;
        }
        leaves.push(index.hasher.leaf(record));
      }
    }
    flush();
    index.rebuildInterior();
    return index;
  }

  get root(): BucketSummary {
    return this.summary('');
  }

  summary(path: string): BucketSummary {
    this.assertPath(path, this.depth);
    const node = this.nodes.get(path);
    return node
      ? { digest: node.digest.toString('hex'), count: node.count }
      : { digest: this.hasher.emptyDigest, count: 0 };
  }

  children(path: string): BucketSummary[] {
    this.assertPath(path, this.depth - 1);
    return [...HEX_DIGITS].map((digit) => this.summary(path + digit));
  }

  /** Every non-empty leaf bucket, by path: what a node persists to restart without a full scan. */
  leafBuckets(): LeafBucketRow[] {
    const rows: LeafBucketRow[] = [];
    for (const [path, node] of this.nodes) {
      if (path.length === this.depth) rows.push({ path, digest: node.digest.toString('hex'), count: node.count });
    }
    return rows.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /**
   * Recomputes leaf bucket `path` from all of its records (as just read from the node's tables)
   * and the buckets above it. Returns the row to persist (count 0 = delete the row).
   */
  setLeafBucket(path: string, records: readonly RecordDigest[]): LeafBucketRow {
    this.assertPath(path, this.depth, this.depth);
    const row = { path, ...leafBucketSummary(records, path, this.hasher) };
    this.setLeafSummary(row);
    return row;
  }

  /** Sets one leaf bucket's digest and count (e.g. computed elsewhere) and updates its ancestors. */
  setLeafSummary(row: LeafBucketRow): void {
    this.assertLeafRow(row);
    if (row.count === 0) this.nodes.delete(row.path);
    else this.nodes.set(row.path, { digest: Buffer.from(row.digest, 'hex'), count: row.count });
    for (let level = this.depth - 1; level >= 0; level--) this.recompute(row.path.slice(0, level));
  }

  /** This index as a reconciliation source, with records read on demand (e.g. one SQL query per bucket). */
  withEntries(entries: (path: string) => readonly RecordDigest[] | Promise<readonly RecordDigest[]>): DigestSource {
    return {
      depth: this.depth,
      hash: this.hash,
      summary: (path) => this.summary(path),
      children: (path) => this.children(path),
      entries,
    };
  }

  private rebuildInterior(): void {
    let level = [...this.nodes.keys()].filter((path) => path.length === this.depth);
    for (const path of [...this.nodes.keys()]) if (path.length < this.depth) this.nodes.delete(path);
    for (let depth = this.depth - 1; depth >= 0; depth--) {
      const parents = new Set(level.map((path) => path.slice(0, depth)));
      for (const parent of parents) this.recompute(parent);
      level = [...parents];
    }
  }

  private recompute(path: string): void {
    const children: Buffer[] = [];
    let count = 0;
    for (const digit of HEX_DIGITS) {
      const child = this.nodes.get(path + digit);
      children.push(child?.digest ?? this.hasher.emptyBytes);
      count += child?.count ?? 0;
    }
    if (count === 0) this.nodes.delete(path);
    else this.nodes.set(path, { digest: this.hasher.merkleTreeHash(children), count });
  }

  private assertPath(path: string, maxLength: number, minLength = 0): void {
    if (!isBucketPath(path, maxLength) || path.length < minLength) {
      throw new MerkleError(
        MerkleProblem.MalformedMessage,
        `bucket path ${JSON.stringify(path)} is not ${minLength}–${maxLength} lower-case hex digits`,
      );
    }
  }

  private assertLeafRow(row: LeafBucketRow): void {
    this.assertPath(row.path, this.depth, this.depth);
    const emptyAgrees = (row.count === 0) === (row.digest === this.hasher.emptyDigest);
    if (!isDigest(row.digest) || !Number.isSafeInteger(row.count) || row.count < 0 || !emptyAgrees) {
      throw new MerkleError(MerkleProblem.MalformedMessage, `leaf bucket ${row.path} has a malformed digest or count`);
    }
  }
}

/** Digest and count of one leaf bucket: MTH over its records' leaves in key-hash order. */
export function leafBucketSummary(
  records: readonly RecordDigest[],
  path?: string,
  hasher: DigestHasher = digestHasher(),
): BucketSummary {
  const hashed = records.map((record) => {
    assertRecord(record);
    const hash = hasher.keyHash(record.key);
    if (path !== undefined && !hash.startsWith(path)) {
      throw new MerkleError(MerkleProblem.MisplacedRecord, `key ${record.key} does not belong to bucket ${path}`);
    }
    return { hash, leaf: hasher.leaf(record) };
  });
  hashed.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  for (let i = 1; i < hashed.length; i++) {
    if (hashed[i]!.hash === hashed[i - 1]!.hash) {
      throw new MerkleError(MerkleProblem.DuplicateKey, `a key appears twice in bucket ${path ?? ''}`);
    }
  }
  return {
    digest: hasher.merkleTreeHash(hashed.map((h) => h.leaf)).toString('hex'),
    count: hashed.length,
  };
}

import { DigestIndex, type RecordStream, type TreeShape } from './digest-index.js';
import type { HashName } from '@govdata/platform-crypto';
import { assertRecord, pageOf } from './hashing.js';
import { MerkleError, MerkleProblem } from './merkle.exception.js';
import type { BucketSummary, DigestSource, LeafBucketRow, RecordDigest } from './merkle.types.js';

interface Entry {
  record: RecordDigest;
  hash: string;
  leaf: Buffer;
}

/**
 * A replicated set held in memory with its bucket digests kept current: `upsert` and `remove`
 * re-hash one leaf bucket (~n/4,096 records) and 15 node hashes per level, so the root follows
 * every change as it is applied. Answers reconciliation directly (`DigestSource`).
 */
export class DigestTree implements DigestSource {
  /** Leaf bucket path → its entries by key. */
  private readonly buckets = new Map<string, Map<string, Entry>>();
  private count = 0;

  private constructor(private index: DigestIndex) {}

  /** Builds from records in any order; hashes each bucket once. */
  static build(records: Iterable<RecordDigest>, shape: TreeShape = {}): DigestTree {
    const tree = new DigestTree(new DigestIndex(shape));
    for (const record of records) tree.insert(record);
    tree.rebuildIndex(shape);
    return tree;
  }

  /** Builds from pages (as read from PostgreSQL), in any order. */
  static async load(records: RecordStream, shape: TreeShape = {}): Promise<DigestTree> {
    const tree = new DigestTree(new DigestIndex(shape));
    for await (const item of records) for (const record of pageOf(item)) tree.insert(record);
    tree.rebuildIndex(shape);
    return tree;
  }

  /**
   * An independent copy that shares no mutable state — e.g. a stable snapshot to answer one
   * reconciliation session from while changes keep arriving. O(n) without re-hashing.
   */
  clone(): DigestTree {
    const shape = { depth: this.depth, hash: this.hash };
    const copy = new DigestTree(DigestIndex.fromLeafBuckets(this.index.leafBuckets(), shape));
    for (const [path, bucket] of this.buckets) copy.buckets.set(path, new Map(bucket));
    copy.count = this.count;
    return copy;
  }

  get depth(): number {
    return this.index.depth;
  }

  get hash(): HashName {
    return this.index.hash;
  }

  get size(): number {
    return this.count;
  }

  get root(): BucketSummary {
    return this.index.root;
  }

  get(key: string): RecordDigest | undefined {
    const entry = this.buckets.get(this.index.hasher.keyHash(key).slice(0, this.depth))?.get(key);
    return entry && { ...entry.record };
  }

  /** Adds or replaces the record with this key; returns the new root. */
  upsert(record: RecordDigest): BucketSummary {
    assertRecord(record);
    const entry = this.entryOf(record);
    const path = entry.hash.slice(0, this.depth);
    const bucket = this.bucket(path);
    const current = bucket.get(record.key);
    if (current && current.record.version === record.version && current.record.digest === record.digest) {
      return this.root;
    }
    if (!current) this.count++;
    bucket.set(record.key, entry);
    this.refresh(path);
    return this.root;
  }

  /** Removes the record with this key (a deleted or no longer replicated entry); false if absent. */
  remove(key: string): boolean {
    const path = this.index.hasher.keyHash(key).slice(0, this.depth);
    const bucket = this.buckets.get(path);
    if (!bucket?.delete(key)) return false;
    this.count--;
    if (bucket.size === 0) this.buckets.delete(path);
    this.refresh(path);
    return true;
  }

  summary(path: string): BucketSummary {
    return this.index.summary(path);
  }

  children(path: string): BucketSummary[] {
    return this.index.children(path);
  }

  /** The records under `path`, in key-hash order. */
  entries(path: string): RecordDigest[] {
    this.index.summary(path); // validates the path
    const found: Entry[] = [];
    if (path.length === this.depth) {
      found.push(...(this.buckets.get(path)?.values() ?? []));
    } else {
      for (const [leafPath, bucket] of this.buckets) if (leafPath.startsWith(path)) found.push(...bucket.values());
    }
    return sortByHash(found).map((entry) => ({ ...entry.record }));
  }

  leafBuckets(): LeafBucketRow[] {
    return this.index.leafBuckets();
  }

  private insert(record: RecordDigest): void {
    assertRecord(record);
    const entry = this.entryOf(record);
    const bucket = this.bucket(entry.hash.slice(0, this.depth));
    if (bucket.has(record.key)) {
      throw new MerkleError(MerkleProblem.DuplicateKey, `key ${record.key} appears twice`);
    }
    bucket.set(record.key, entry);
    this.count++;
  }

  private rebuildIndex(shape: TreeShape): void {
    const rows = [...this.buckets].map(([path, bucket]) => ({ path, ...this.summarise(bucket) }));
    this.index = DigestIndex.fromLeafBuckets(rows, shape);
  }

  private entryOf(record: RecordDigest): Entry {
    const { key, version, digest } = record;
    const { hasher } = this.index;
    return { record: { key, version, digest }, hash: hasher.keyHash(key), leaf: hasher.leaf(record) };
  }

  private bucket(path: string): Map<string, Entry> {
    let bucket = this.buckets.get(path);
    if (!bucket) this.buckets.set(path, (bucket = new Map()));
    return bucket;
  }

  private refresh(path: string): void {
    const bucket = this.buckets.get(path);
    const summary = bucket ? this.summarise(bucket) : { digest: this.index.hasher.emptyDigest, count: 0 };
    this.index.setLeafSummary({ path, ...summary });
  }

  private summarise(bucket: Map<string, Entry>): BucketSummary {
    const entries = sortByHash([...bucket.values()]);
    return {
      digest: this.index.hasher.merkleTreeHash(entries.map((e) => e.leaf)).toString('hex'),
      count: entries.length,
    };
  }
}

/** In-memory tree over `records` (any order): the root, and every bucket's digest and count. */
export function buildDigestTree(records: Iterable<RecordDigest>, shape: TreeShape = {}): DigestTree {
  return DigestTree.build(records, shape);
}

function sortByHash(entries: Entry[]): Entry[] {
  return entries.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
}

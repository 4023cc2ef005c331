import type { HashName } from '@govdata/platform-crypto';
import {
  digestHasher,
  FAN_OUT,
  HEX_DIGITS,
  describe,
  isBucketPath,
  isDigest,
  isRecordDigest,
  MAX_DEPTH,
} from './hashing.js';
import { MerkleError, MerkleProblem } from './merkle.exception.js';
import type { BucketSummary, DigestSource, RecordDigest } from './merkle.types.js';
import { diffEntries, emptyPlan, sortPlan, type OriginSide, type RepairPlan } from './repair-plan.js';

export const MERKLE_PROTOCOL = 'govdata.merkle.v1';
/** A differing bucket with at most this many records is answered with its records, not its children. */
export const DEFAULT_LEAF_LIMIT = 64;
export const MAX_LEAF_LIMIT = 1024;
/** Buckets asked per round trip. */
export const DEFAULT_BATCH_SIZE = 256;
export const MAX_BATCH_SIZE = 4096;
/** Records the peer is expected to list per round trip (~1 MB as JSON, well under gRPC's 4 MiB default). */
export const DEFAULT_ENTRIES_PER_TRIP = 10_000;
const MAX_SET_LENGTH = 64;

/** One bucket the asking side wants compared: its own digest travels so an equal bucket costs one word. */
export interface BucketQuery {
  /** The replicated set — the origin node's code. */
  set: string;
  path: string;
  digest: string;
}

export interface MerkleRequest {
  protocol: typeof MERKLE_PROTOCOL;
  depth: number;
  /** The digests' hash; absent (an older peer) means SHA-256. The answering side builds its trees with it. */
  hash?: HashName;
  leafLimit: number;
  items: BucketQuery[];
}

export type BucketAnswer =
  | { set: string; path: string; kind: 'same' }
  | { set: string; path: string; kind: 'children'; digest: string; count: number; children: BucketSummary[] }
  | { set: string; path: string; kind: 'entries'; digest: string; count: number; entries: RecordDigest[] };

/** The answer to a `MerkleRequest`: one item per query, in the same order. */
export interface MerkleAnswer {
  items: BucketAnswer[];
}

/** Carries a request to the peer and returns its answer (validated by `reconcile`, so `unknown`). */
export type AskRemote = (request: MerkleRequest) => unknown;

/** One replicated set this side holds (possibly empty) and where its origin lies. */
export interface ReplicaSet {
  set: string;
  source: DigestSource;
  originSide: OriginSide;
}

export interface ReconcileOptions {
  /** Buckets of at most this many records are exchanged as records (default 64). */
  leafLimit?: number;
  /** At most this many buckets per round trip (default 256). */
  batchSize?: number;
  /** Stop adding record-listing buckets to a round trip once the peer's records would pass this (default 10,000). */
  entriesPerTrip?: number;
}

export interface SetReport {
  set: string;
  originSide: OriginSide;
  /** Both roots were equal when compared (nothing to repair). */
  inSync: boolean;
  localRoot: BucketSummary;
  /** The root the peer declared — the "last verified root" an operator sees when in sync. */
  remoteRoot: BucketSummary;
  plan: RepairPlan;
}

export interface ReconcileResult {
  sets: SetReport[];
  roundTrips: number;
  /** Buckets asked about, and records received from the peer, over all round trips. */
  bucketsAsked: number;
  entriesReceived: number;
}

/** Indices (= next hex digit) of the child buckets whose digests differ. */
export function compareLevel(mine: readonly BucketSummary[], theirs: readonly BucketSummary[]): number[] {
  if (mine.length !== FAN_OUT || theirs.length !== FAN_OUT) {
    throw new MerkleError(MerkleProblem.MalformedMessage, `a level has ${FAN_OUT} buckets`);
  }
  const differing: number[] = [];
  for (let i = 0; i < FAN_OUT; i++) if (mine[i]!.digest !== theirs[i]!.digest) differing.push(i);
  return differing;
}

/** A set this side has never held: every bucket empty. */
export function emptySource(depth: number, hash: HashName = 'SHA-256'): DigestSource {
  const empty = (): BucketSummary => ({ digest: digestHasher(hash).emptyDigest, count: 0 });
  return { depth, hash, summary: empty, children: () => Array.from({ length: FAN_OUT }, empty), entries: () => [] };
}

/**
 * Reconciles this side's sets with the peer's: asks for the roots of all sets in one round trip,
 * then descends only into differing buckets, one level per round trip, all sets batched together,
 * until a bucket is small enough to exchange its records. Pure apart from `askRemote`.
 *
 * Concurrent changes on either side may show up as differences; repairs are version-checked and
 * idempotent, and the next run confirms.
 */
export async function reconcile(
  local: readonly ReplicaSet[],
  askRemote: AskRemote,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const leafLimit = options.leafLimit ?? DEFAULT_LEAF_LIMIT;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const entriesPerTrip = options.entriesPerTrip ?? DEFAULT_ENTRIES_PER_TRIP;
  assertLimits(leafLimit, batchSize, entriesPerTrip);
  const depth = local[0]?.source.depth ?? 0;
  const hash = local[0]?.source.hash ?? 'SHA-256';
  const seen = new Set<string>();
  for (const { set, source } of local) {
    assertSet(set);
    if (seen.has(set)) throw new MerkleError(MerkleProblem.DuplicateKey, `set ${set} listed twice`);
    seen.add(set);
    if (source.depth !== depth) throw new MerkleError(MerkleProblem.ShapeMismatch, 'sets of one link share a depth');
    if ((source.hash ?? 'SHA-256') !== hash) {
      throw new MerkleError(MerkleProblem.ShapeMismatch, 'sets of one link share a hash');
    }
  }

  interface State {
    replica: ReplicaSet;
    localRoot: BucketSummary;
    remoteRoot?: BucketSummary;
    plan: RepairPlan;
  }
  const states: State[] = [];
  /** `expected`: records the peer will list for this bucket (0 when it will answer with children). */
  const queue: { state: State; query: BucketQuery; expected: number }[] = [];
  for (const replica of local) {
    const state: State = { replica, localRoot: await replica.source.summary(''), plan: emptyPlan() };
    states.push(state);
    queue.push({ state, query: { set: replica.set, path: '', digest: state.localRoot.digest }, expected: 0 });
  }

  let roundTrips = 0;
  let bucketsAsked = 0;
  let entriesReceived = 0;
  while (queue.length > 0) {
    let size = 0;
    let expected = 0;
    while (
      size < queue.length &&
      size < batchSize &&
      (size === 0 || expected + queue[size]!.expected <= entriesPerTrip)
    ) {
      expected += queue[size++]!.expected;
    }
    const batch = queue.splice(0, size);
    const request: MerkleRequest = {
      protocol: MERKLE_PROTOCOL,
      depth,
      hash,
      leafLimit,
      items: batch.map((b) => b.query),
    };
    const answer = parseAnswer(await askRemote(request), request);
    roundTrips++;
    bucketsAsked += batch.length;
    for (const [i, item] of answer.items.entries()) {
      const { state, query } = batch[i]!;
      const { source, originSide } = state.replica;
      if (query.path === '') {
        state.remoteRoot = item.kind === 'same' ? state.localRoot : { digest: item.digest, count: item.count };
      }
      if (item.kind === 'entries') {
        entriesReceived += item.entries.length;
        diffEntries(await source.entries(query.path), item.entries, originSide, state.plan);
      } else if (item.kind === 'children') {
        const mine = await source.children(query.path);
        for (const index of compareLevel(mine, item.children)) {
          const path = query.path + HEX_DIGITS[index]!;
          const theirs = item.children[index]!.count;
          if (theirs === 0) {
            diffEntries(await source.entries(path), [], originSide, state.plan);
          } else {
            const listed = path.length === depth || theirs <= leafLimit;
            queue.push({
              state,
              query: { set: query.set, path, digest: mine[index]!.digest },
              expected: listed ? theirs : 0,
            });
          }
        }
      }
    }
  }

  return {
    sets: states.map(({ replica, localRoot, remoteRoot, plan }) => ({
      set: replica.set,
      originSide: replica.originSide,
      inSync: remoteRoot!.digest === localRoot.digest,
      localRoot,
      remoteRoot: remoteRoot!,
      plan: sortPlan(plan),
    })),
    roundTrips,
    bucketsAsked,
    entriesReceived,
  };
}

/**
 * The peer's side of `reconcile`: answers each bucket query from this node's sets (an unknown set
 * is empty). `request` comes off the wire and is validated here.
 */
export async function answerRequest(
  request: unknown,
  sets: (set: string) => DigestSource | undefined,
): Promise<MerkleAnswer> {
  const { depth, hash = 'SHA-256', leafLimit, items } = parseRequest(request);
  const answers: BucketAnswer[] = [];
  for (const { set, path, digest } of items) {
    const source = sets(set) ?? emptySource(depth, hash);
    if (source.depth !== depth) {
      throw new MerkleError(
        MerkleProblem.ShapeMismatch,
        `set ${set} is kept at depth ${source.depth}, the peer asked at depth ${depth}`,
      );
    }
    if ((source.hash ?? 'SHA-256') !== hash) {
      throw new MerkleError(
        MerkleProblem.ShapeMismatch,
        `set ${set} is kept with ${source.hash ?? 'SHA-256'}, the peer asked for ${hash}`,
      );
    }
    const summary = await source.summary(path);
    if (summary.digest === digest) answers.push({ set, path, kind: 'same' });
    else if (path.length === depth || summary.count <= leafLimit) {
      // The count is the records sent: rows read now may be newer than the digest kept in memory.
      const entries = [...(await source.entries(path))];
      answers.push({ set, path, kind: 'entries', digest: summary.digest, count: entries.length, entries });
    } else {
      answers.push({ set, path, kind: 'children', ...summary, children: [...(await source.children(path))] });
    }
  }
  return { items: answers };
}

function parseRequest(value: unknown): MerkleRequest {
  const request = value as Partial<MerkleRequest> | null;
  const malformed = (why: string) => new MerkleError(MerkleProblem.MalformedMessage, `merkle request: ${why}`);
  if (request === null || typeof request !== 'object' || request.protocol !== MERKLE_PROTOCOL) {
    throw malformed(`protocol must be ${MERKLE_PROTOCOL}`);
  }
  const { depth, hash = 'SHA-256', leafLimit, items } = request;
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw malformed(`depth ${describe(depth)} is not 1–${MAX_DEPTH}`);
  }
  if (hash !== 'SHA-256' && hash !== 'SM3') throw malformed(`hash ${describe(hash)} is not SHA-256 or SM3`);
  if (typeof leafLimit !== 'number' || !Number.isInteger(leafLimit) || leafLimit < 0 || leafLimit > MAX_LEAF_LIMIT) {
    throw malformed(`leafLimit ${describe(leafLimit)} is not 0–${MAX_LEAF_LIMIT}`);
  }
  if (!Array.isArray(items) || items.length > MAX_BATCH_SIZE) throw malformed(`items must be ≤ ${MAX_BATCH_SIZE}`);
  for (const item of items as unknown[]) {
    const { set, path, digest } = (item ?? {}) as Partial<BucketQuery>;
    if (!isSet(set) || !isBucketPath(path, depth) || !isDigest(digest)) throw malformed(`bad item ${describe(item)}`);
  }
  return { protocol: MERKLE_PROTOCOL, depth, hash, leafLimit, items: items as BucketQuery[] };
}

function parseAnswer(value: unknown, request: MerkleRequest): MerkleAnswer {
  const malformed = (why: string) => new MerkleError(MerkleProblem.MalformedMessage, `merkle answer: ${why}`);
  const items = (value as Partial<MerkleAnswer> | null)?.items;
  if (!Array.isArray(items) || items.length !== request.items.length) {
    throw malformed(`expected ${request.items.length} items`);
  }
  for (const [i, raw] of (items as unknown[]).entries()) {
    const query = request.items[i]!;
    const item = (raw ?? {}) as Partial<Record<string, unknown>>;
    if (item['set'] !== query.set || item['path'] !== query.path) {
      throw malformed(`item ${i} answers ${describe([item['set'], item['path']])}, not ${query.set}/${query.path}`);
    }
    const { kind, digest, count } = item;
    if (kind === 'same') continue;
    if (!isDigest(digest) || typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
      throw malformed(`bucket ${query.set}/${query.path} has a malformed digest or count`);
    }
    if (kind === 'children') {
      const children = item['children'];
      const ok =
        query.path.length < request.depth &&
        Array.isArray(children) &&
        children.length === FAN_OUT &&
        (children as unknown[]).every(isSummary) &&
        (children as BucketSummary[]).reduce((sum, c) => sum + c.count, 0) === count;
      if (!ok) throw malformed(`bucket ${query.set}/${query.path} has malformed children`);
    } else if (kind === 'entries') {
      const entries = item['entries'];
      if (!Array.isArray(entries) || entries.length !== count) {
        throw malformed(`bucket ${query.set}/${query.path} does not list its ${count} records`);
      }
      for (const entry of entries as unknown[]) {
        if (!isRecordDigest(entry)) throw malformed(`bucket ${query.set}/${query.path}: bad record ${describe(entry)}`);
        if (!digestHasher(request.hash).keyHash(entry.key).startsWith(query.path)) {
          throw new MerkleError(
            MerkleProblem.MisplacedRecord,
            `merkle answer: key ${entry.key} does not belong to bucket ${query.set}/${query.path}`,
          );
        }
      }
    } else {
      throw malformed(`bucket ${query.set}/${query.path} has unknown kind ${describe(kind)}`);
    }
  }
  return { items: items as BucketAnswer[] };
}

function isSummary(value: unknown): value is BucketSummary {
  const { digest, count } = (value ?? {}) as Partial<BucketSummary>;
  return isDigest(digest) && typeof count === 'number' && Number.isSafeInteger(count) && count >= 0;
}

function isSet(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_SET_LENGTH;
}

function assertSet(set: string): void {
  if (!isSet(set)) throw new MerkleError(MerkleProblem.MalformedMessage, `set name must be 1–${MAX_SET_LENGTH} chars`);
}

function assertLimits(leafLimit: number, batchSize: number, entriesPerTrip: number): void {
  if (!Number.isInteger(leafLimit) || leafLimit < 0 || leafLimit > MAX_LEAF_LIMIT) {
    throw new MerkleError(MerkleProblem.MalformedMessage, `leafLimit must be 0–${MAX_LEAF_LIMIT}`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new MerkleError(MerkleProblem.MalformedMessage, `batchSize must be 1–${MAX_BATCH_SIZE}`);
  }
  if (!Number.isInteger(entriesPerTrip) || entriesPerTrip < 1) {
    throw new MerkleError(MerkleProblem.MalformedMessage, 'entriesPerTrip must be a positive integer');
  }
}

import { DigestIndex } from './digest-index.js';
import { buildDigestTree, DigestTree } from './digest-tree.js';
import { EMPTY_DIGEST, keyHash } from './hashing.js';
import { entries, entry, tampered, wire } from './merkle.fixture.js';
import { MerkleProblem } from './merkle.exception.js';
import type { DigestSource, RecordDigest } from './merkle.types.js';
import { answerRequest, MERKLE_PROTOCOL, reconcile, type MerkleRequest, type ReconcileOptions } from './reconcile.js';
import { RepairReason, type OriginSide, type RepairPlan } from './repair-plan.js';

const CITY = '360100';
const v = (r: RecordDigest) => ({ version: r.version, digest: r.digest });

/** One set reconciled from `local`'s side against `remote`, over the JSON wire. */
async function run(local: DigestSource, remote: DigestSource, originSide: OriginSide, options?: ReconcileOptions) {
  const link = wire({ [CITY]: remote });
  const result = await reconcile([{ set: CITY, source: local, originSide }], link.ask, options);
  return { ...result, report: result.sets[0]!, trips: link.trips, bytes: link.bytes() };
}

/** Carries out a plan as the federation service would, with both trees at hand. */
function apply(plan: RepairPlan, local: DigestTree, remote: DigestTree, originSide: OriginSide): void {
  for (const { key } of plan.send) remote.upsert(local.get(key)!);
  for (const { key } of plan.fetch) local.upsert(remote.get(key)!);
  for (const { key } of plan.orphans) (originSide === 'local' ? remote : local).remove(key);
}

describe('reconcile — 100,000 records', () => {
  let parent: DigestTree;
  let child: DigestTree;
  beforeAll(() => {
    const records = entries(100_000);
    const started = performance.now();
    parent = buildDigestTree(records);
    const built = performance.now();
    child = parent.clone();
    console.log(
      JSON.stringify({
        merkle: 'build',
        records: 100_000,
        buildMs: Math.round(built - started),
        cloneMs: Math.round(performance.now() - built),
      }),
    );
  });

  it('settles equal sets in one round trip of a few hundred bytes', async () => {
    const { roundTrips, report, bytes } = await run(child, parent, 'local');
    expect(roundTrips).toBe(1);
    expect(report.inSync).toBe(true);
    expect(report.remoteRoot).toEqual(child.root);
    expect(report.plan).toEqual({ send: [], fetch: [], orphans: [] });
    expect(bytes).toBeLessThan(400);
  });

  it('finds one changed record in levels + 1 round trips and a few kilobytes, then is repaired', async () => {
    const changed = entry(31_337, 2);
    child.upsert(changed);
    const { roundTrips, report, trips, bytes } = await run(child, parent, 'local');
    console.log(
      JSON.stringify({
        merkle: 'one difference',
        records: 100_000,
        depth: child.depth,
        roundTrips,
        bytes,
        trips: trips.map((t) => [t.request.items.length, t.requestBytes, t.answerBytes]),
      }),
    );
    expect(roundTrips).toBeLessThanOrEqual(child.depth + 1);
    expect(trips.every((t) => t.request.items.length === 1)).toBe(true);
    expect(bytes).toBeLessThan(12_000);
    expect(report.inSync).toBe(false);
    expect(report.plan).toEqual({
      send: [{ key: changed.key, reason: RepairReason.Behind, local: v(changed), remote: v(entry(31_337)) }],
      fetch: [],
      orphans: [],
    });

    apply(report.plan, child, parent, 'local');
    const again = await run(child, parent, 'local');
    expect([again.roundTrips, again.report.inSync]).toEqual([1, true]);
  });

  it('refills a replica that lost everything in bounded messages', async () => {
    const empty = buildDigestTree([]);
    const { roundTrips, report, trips, bytes } = await run(empty, child, 'remote');
    console.log(
      JSON.stringify({
        merkle: 'refill',
        records: 100_000,
        roundTrips,
        bytes,
        maxAnswerBytes: Math.max(...trips.map((t) => t.answerBytes)),
      }),
    );
    expect(report.plan.fetch).toHaveLength(100_000);
    expect(report.plan.fetch.every((item) => item.reason === RepairReason.Missing)).toBe(true);
    expect(Math.max(...trips.map((t) => t.answerBytes))).toBeLessThan(4 * 1024 * 1024);
    expect(roundTrips).toBeLessThan(25);
  });
});

describe('reconcile — repair plans', () => {
  const base = entries(1_000);
  let child: DigestTree;
  let parent: DigestTree;
  beforeEach(() => {
    child = buildDigestTree(base);
    parent = buildDigestTree(base);
  });

  it.each([
    {
      name: 'a record deleted at the origin is an orphan at the parent, to confirm',
      change: () => child.remove(entry(10).key),
      fromChild: { orphans: [{ key: entry(10).key, reason: RepairReason.Orphaned, remote: v(entry(10)) }] },
    },
    {
      name: 'a parent a version behind is sent the newer record',
      change: () => child.upsert(entry(11, 3)),
      fromChild: {
        send: [{ key: entry(11).key, reason: RepairReason.Behind, local: v(entry(11, 3)), remote: v(entry(11)) }],
      },
    },
    {
      name: 'a replica row tampered at an equal version is overwritten from the origin',
      change: () => parent.upsert(tampered(entry(12))),
      fromChild: {
        send: [
          { key: entry(12).key, reason: RepairReason.Corrupted, local: v(entry(12)), remote: v(tampered(entry(12))) },
        ],
      },
    },
    {
      name: 'a record only the child holds is sent',
      change: () => child.upsert(entry(5_000)),
      fromChild: { send: [{ key: entry(5_000).key, reason: RepairReason.Missing, local: v(entry(5_000)) }] },
    },
    {
      name: 'a higher version at the parent (origin restored from a backup) is fetched back',
      change: () => parent.upsert(entry(13, 4)),
      fromChild: {
        fetch: [{ key: entry(13).key, reason: RepairReason.Behind, local: v(entry(13)), remote: v(entry(13, 4)) }],
      },
    },
  ])('$name', async ({ change, fromChild }) => {
    change();
    const expected = { send: [], fetch: [], orphans: [], ...fromChild };
    const seenByChild = await run(child, parent, 'local');
    expect(seenByChild.report.plan).toEqual(expected);
    expect(seenByChild.roundTrips).toBeLessThanOrEqual(child.depth + 1);

    // The parent, reconciling the same pair, sees the mirror image.
    const mirror = (items: RepairPlan['send']) =>
      items.map(({ local, remote, ...rest }) => ({ ...rest, local: remote, remote: local })).map(stripUndefined);
    const seenByParent = await run(parent, child, 'remote');
    expect(seenByParent.report.plan).toEqual({
      send: mirror(expected.fetch),
      fetch: mirror(expected.send),
      orphans: mirror(expected.orphans),
    });

    apply(seenByChild.report.plan, child, parent, 'local');
    expect(parent.root).toEqual(child.root);
  });

  it('repairs many differences of every kind at once, and the next run is one round trip', async () => {
    for (let i = 0; i < 40; i++) child.upsert(entry(i, 2));
    for (let i = 40; i < 60; i++) parent.remove(entry(i).key);
    for (let i = 60; i < 70; i++) parent.upsert(tampered(entry(i)));
    for (let i = 2_000; i < 2_030; i++) parent.upsert(entry(i));
    const { report } = await run(child, parent, 'local');
    const reasons = (items: RepairPlan['send']) => items.map((i) => i.reason).sort();
    expect(reasons(report.plan.send)).toEqual(
      [...Array(40).fill('behind'), ...Array(10).fill('corrupted'), ...Array(20).fill('missing')].sort(),
    );
    expect(report.plan.orphans).toHaveLength(30);

    apply(report.plan, child, parent, 'local');
    const again = await run(child, parent, 'local');
    expect([again.roundTrips, again.report.inSync, child.root]).toEqual([1, true, parent.root]);
  });

  it('settles empty sets, and a set the peer has never heard of, in one round trip', async () => {
    const empty = await run(buildDigestTree([]), buildDigestTree([]), 'local');
    expect([empty.roundTrips, empty.report.inSync, empty.report.remoteRoot.digest]).toEqual([1, true, EMPTY_DIGEST]);

    const link = wire({});
    const unknown = await reconcile([{ set: '360102', source: buildDigestTree([]), originSide: 'local' }], link.ask);
    expect([unknown.roundTrips, unknown.sets[0]!.inSync]).toEqual([1, true]);
  });

  it('sends everything to an empty parent in one round trip, and fetches everything into an empty child', async () => {
    const toEmpty = await run(child, buildDigestTree([]), 'local');
    expect([toEmpty.roundTrips, toEmpty.report.plan.send.length]).toEqual([1, 1_000]);
    const fromEmpty = await run(buildDigestTree([]), parent, 'remote');
    expect(fromEmpty.report.plan.fetch.map((i) => i.key).sort()).toEqual(base.map((r) => r.key).sort());
  });

  it('reconciles every origin of a link in the same round trips', async () => {
    const province = buildDigestTree(entries(300, '360000'));
    const county = buildDigestTree(entries(50, '360102'));
    parent.upsert(entry(3, 2)); // a newer version reached the parent some other way
    const link = wire({ [CITY]: parent, '360102': county.clone(), '100000': province.clone() });
    province.upsert(entry(1, 2, '360000')); // a national standard the child has not received
    const result = await reconcile(
      [
        { set: CITY, source: child, originSide: 'local' },
        { set: '360102', source: county, originSide: 'local' },
        { set: '100000', source: province, originSide: 'local' },
      ],
      link.ask,
    );
    expect(result.roundTrips).toBeLessThanOrEqual(child.depth + 1);
    expect(result.sets.map((s) => [s.set, s.inSync, s.plan.send.length + s.plan.fetch.length])).toEqual([
      [CITY, false, 1],
      ['360102', true, 0],
      ['100000', false, 1],
    ]);
  });

  it('works against a side that keeps only bucket digests and reads records on demand (as from SQL)', async () => {
    child.upsert(entry(77, 2));
    const index = DigestIndex.fromLeafBuckets(parent.leafBuckets());
    const rows = new Map(base.map((r) => [r.key, r]));
    const queries: string[] = [];
    const stored = index.withEntries((path) => {
      queries.push(path);
      return [...rows.values()].filter((r) => keyHash(r.key).startsWith(path));
    });
    const { report } = await run(child, stored, 'local');
    expect(report.plan.send.map((i) => i.key)).toEqual([entry(77).key]);
    expect(queries).toHaveLength(1); // one bucket read, the one holding the changed record
    expect(keyHash(entry(77).key).startsWith(queries[0]!)).toBe(true);
  });
});

describe('reconcile — a peer that does not follow the protocol', () => {
  const tree = buildDigestTree(entries(200));
  const ask = (answer: (request: MerkleRequest) => unknown) =>
    reconcile([{ set: CITY, source: tree, originSide: 'local' }], answer);

  it('refuses an answer with the wrong number of items, bad children, or a record outside the bucket asked', async () => {
    await expect(ask(() => ({ items: [] }))).rejects.toMatchObject({ problem: MerkleProblem.MalformedMessage });
    await expect(
      ask((r) => ({ items: [{ ...r.items[0], kind: 'children', digest: 'ab'.repeat(32), count: 1, children: [] }] })),
    ).rejects.toMatchObject({ problem: MerkleProblem.MalformedMessage });
    const outside = entries(50).find((r) => keyHash(r.key)[0] !== keyHash(entry(0).key)[0])!;
    await expect(
      ask((r) => {
        const path = keyHash(entry(0).key).slice(0, 3);
        return r.items[0]!.path === ''
          ? {
              items: [
                {
                  ...r.items[0],
                  kind: 'children',
                  digest: 'ab'.repeat(32),
                  count: 1,
                  children: tree
                    .children('')
                    .map((c, i) =>
                      i === parseInt(path[0]!, 16)
                        ? { digest: 'cd'.repeat(32), count: 1 }
                        : { digest: c.digest, count: 0 },
                    ),
                },
              ],
            }
          : {
              items: r.items.map((item) => ({
                ...item,
                kind: 'entries',
                digest: 'ab'.repeat(32),
                count: 1,
                entries: [outside],
              })),
            };
      }),
    ).rejects.toMatchObject({ problem: MerkleProblem.MisplacedRecord });
  });

  it('refuses a request in another protocol, with a bad bucket path, or at another depth', async () => {
    const sets = () => tree;
    const query = { set: CITY, path: '', digest: EMPTY_DIGEST };
    const ok = { protocol: MERKLE_PROTOCOL, depth: tree.depth, leafLimit: 64, items: [query] };
    await expect(answerRequest({ ...ok, protocol: 'v0' }, sets)).rejects.toMatchObject({
      problem: MerkleProblem.MalformedMessage,
    });
    await expect(answerRequest({ ...ok, items: [{ ...query, path: 'XYZ' }] }, sets)).rejects.toMatchObject({
      problem: MerkleProblem.MalformedMessage,
    });
    await expect(answerRequest({ ...ok, depth: 4 }, sets)).rejects.toMatchObject({
      problem: MerkleProblem.ShapeMismatch,
    });
    await expect(answerRequest(ok, sets)).resolves.toMatchObject({ items: [{ kind: 'children', count: 200 }] });
  });
});

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

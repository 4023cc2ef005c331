import { DigestIndex } from './digest-index.js';
import { buildDigestTree } from './digest-tree.js';
import { digestHasher, EMPTY_DIGEST } from './hashing.js';
import { entries, entry, wire } from './merkle.fixture.js';
import { MerkleProblem } from './merkle.exception.js';
import { answerRequest, MERKLE_PROTOCOL, reconcile } from './reconcile.js';

const CITY = '360100';
const SM3_EMPTY = '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b';

describe('digest trees under the 国密 profile (SM3)', () => {
  const records = entries(2_000);

  it('hashes keys, leaves and buckets with SM3: another root for the same records', () => {
    const sha = buildDigestTree(records);
    const sm3 = buildDigestTree(records, { hash: 'SM3' });
    expect(sm3.hash).toBe('SM3');
    expect(sm3.root.count).toBe(sha.root.count);
    expect(sm3.root.digest).not.toBe(sha.root.digest);
    expect(buildDigestTree([], { hash: 'SM3' }).root).toEqual({ digest: SM3_EMPTY, count: 0 });
    expect(buildDigestTree([]).root).toEqual({ digest: EMPTY_DIGEST, count: 0 });
    // Built record by record, cloned, or restored from its leaf rows: one root.
    const stepwise = buildDigestTree([], { hash: 'SM3' });
    for (const record of records) stepwise.upsert(record);
    expect(stepwise.root).toEqual(sm3.root);
    expect(sm3.clone().root).toEqual(sm3.root);
    expect(DigestIndex.fromLeafBuckets(sm3.leafBuckets(), { hash: 'SM3' }).root).toEqual(sm3.root);
    expect(digestHasher('SM3').keyHash('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('reconciles two SM3 sides, naming SM3 in every request', async () => {
    const parent = buildDigestTree(records, { hash: 'SM3' });
    const child = parent.clone();
    child.upsert(entry(1_234, 2));
    const link = wire({ [CITY]: parent });
    const result = await reconcile([{ set: CITY, source: child, originSide: 'local' }], link.ask);
    expect(result.sets[0]!.plan.send.map((i) => i.key)).toEqual([entry(1_234).key]);
    expect(link.trips.every((trip) => trip.request.hash === 'SM3')).toBe(true);
  });

  it('a side keeping another hash refuses to answer rather than report every bucket as different', async () => {
    const sha = buildDigestTree(records);
    const sm3 = buildDigestTree(records, { hash: 'SM3' });
    const link = wire({ [CITY]: sha });
    await expect(reconcile([{ set: CITY, source: sm3, originSide: 'local' }], link.ask)).rejects.toMatchObject({
      problem: MerkleProblem.ShapeMismatch,
    });
  });

  it('answers an unknown set with SM3 empty buckets, a request without hash as SHA-256, and refuses other hashes', async () => {
    const ask = (hash?: string) =>
      answerRequest(
        {
          protocol: MERKLE_PROTOCOL,
          depth: 3,
          leafLimit: 8,
          items: [{ set: '360200', path: '', digest: '0'.repeat(64) }],
          ...(hash ? { hash } : {}),
        },
        () => undefined,
      );
    expect((await ask('SM3')).items[0]).toMatchObject({ kind: 'entries', digest: SM3_EMPTY, count: 0 });
    expect((await ask()).items[0]).toMatchObject({ kind: 'entries', digest: EMPTY_DIGEST, count: 0 });
    await expect(ask('MD5')).rejects.toMatchObject({ problem: MerkleProblem.MalformedMessage });
  });
});

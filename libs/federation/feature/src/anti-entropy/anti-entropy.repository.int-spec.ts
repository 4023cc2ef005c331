import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openFederationDatabase } from '../federation-database.fixture.js';
import { AntiEntropyRepository, emptyDivergence, type SetVerification } from './anti-entropy.repository.js';

// `anti_entropy_set` and `anti_entropy_run` on a real PostgreSQL: what the comparisons with the children found.
describe('AntiEntropyRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new AntiEntropyRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openFederationDatabase(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  const verification = (overrides: Partial<SetVerification> = {}): SetVerification => ({
    childCode: '360100',
    origin: '360100',
    parentDigest: 'a'.repeat(64),
    parentCount: 5_000_000_000,
    childDigest: 'a'.repeat(64),
    childCount: 5_000_000_000,
    inSync: true,
    comparedAt: new Date('2026-03-01T00:00:00Z'),
    verifiedAt: new Date('2026-03-01T00:00:00Z'),
    divergence: emptyDivergence(),
    ...overrides,
  });

  it('keeps one verification per child and set, and the last time it was verified when it no longer is', async () => {
    const m = db.manager;
    const first = verification();
    await repository.saveVerification(m, first);
    await repository.saveVerification(m, verification({ origin: '360102', childCode: '360100' }));
    await repository.saveVerification(m, verification({ childCode: '360200', origin: '360200' }));
    const diverged = verification({
      childDigest: 'b'.repeat(64),
      childCount: 4,
      inSync: false,
      comparedAt: new Date('2026-03-02T00:00:00Z'),
      verifiedAt: null,
      divergence: { ...emptyDivergence(), missing: 3 },
    });
    await repository.saveVerification(m, diverged);
    expect(await repository.verifications(m, '360100')).toEqual([
      { ...diverged, verifiedAt: first.verifiedAt },
      verification({ origin: '360102' }),
    ]);
    expect((await repository.verifications(m)).map((v) => [v.childCode, v.origin])).toEqual([
      ['360100', '360100'],
      ['360100', '360102'],
      ['360200', '360200'],
    ]);
  });

  it('lists a child’s runs newest first, up to the limit', async () => {
    const m = db.manager;
    const run = (sessionId: string, finishedAt: Date) => ({
      childCode: '360100',
      sessionId,
      finishedAt,
      sets: 2,
      divergence: { ...emptyDivergence(), behind: 1 },
      applied: 1,
      removed: 0,
      verified: false,
    });
    await repository.saveRun(m, run('s1', new Date('2026-03-01T00:00:00Z')));
    await repository.saveRun(m, run('s2', new Date('2026-03-03T00:00:00Z')));
    await repository.saveRun(m, run('s3', new Date('2026-03-02T00:00:00Z')));
    expect(await repository.runs(m, '360100', 2)).toEqual([
      run('s2', new Date('2026-03-03T00:00:00Z')),
      run('s3', new Date('2026-03-02T00:00:00Z')),
    ]);
    expect(await repository.runs(m, '360200', 5)).toEqual([]);
  });
});

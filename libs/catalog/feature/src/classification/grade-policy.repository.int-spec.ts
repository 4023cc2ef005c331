import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { StandardsRepository } from '../standards/standards.repository.js';
import { GRADE_KEYS, GradePolicyRepository } from './grade-policy.repository.js';

// `grade_policy` through its entity mapping, on a fresh catalog schema (seeded per DB33/T 2350-2021).
describe('GradePolicyRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const policy = new GradePolicyRepository();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('reads every grade’s seeded rule, from core to general-4', async () => {
    const all = await policy.all(dataSource.manager);
    expect(all.map((r) => r.grade)).toEqual([...GRADE_KEYS]);
    expect(all[0]).toEqual({
      grade: 'core',
      sharingTypes: ['conditional', 'none'],
      openTypes: ['none'],
      updatedBy: 'seed:DB33/T 2350-2021',
      updatedAt: expect.any(String),
    });
    expect(await policy.find(dataSource.manager, 'general-2')).toEqual({
      sharingTypes: ['unconditional', 'conditional', 'none'],
      openTypes: ['conditional', 'none'],
    });
  });

  it('replaces the rules given, and only those', async () => {
    const before = await policy.all(dataSource.manager);
    await policy.replace(
      dataSource.manager,
      [{ grade: 'important', sharingTypes: ['conditional'], openTypes: ['none'] }],
      'admin-1',
    );
    const after = await policy.all(dataSource.manager);
    expect(after.find((r) => r.grade === 'important')).toMatchObject({
      sharingTypes: ['conditional'],
      openTypes: ['none'],
      updatedBy: 'admin-1',
    });
    expect(after.filter((r) => r.grade !== 'important')).toEqual(before.filter((r) => r.grade !== 'important'));
  });

  it('reads the inherited ceilings and narrows the node’s rule to them', async () => {
    await new StandardsRepository().receiveIfNewer(dataSource.manager, {
      action: 'upsert',
      at: '2026-03-02T01:00:00.000Z',
      path: ['100000', '360000'],
      receivedAt: '2026-03-02T01:00:05.000Z',
      standard: {
        kind: 'grade-policy',
        key: 'general-1',
        origin: '100000',
        version: 3,
        body: { grade: 'general-1', sharingTypes: ['conditional', 'none'], openTypes: ['none'] },
      },
    });
    expect(await policy.ceilings(dataSource.manager)).toEqual([
      { grade: 'general-1', origin: '100000', version: 3, sharingTypes: ['conditional', 'none'], openTypes: ['none'] },
    ]);
    expect(await policy.ceilings(dataSource.manager, 'core')).toEqual([]);
    expect(await policy.effective(dataSource.manager, 'general-1')).toMatchObject({
      sharingTypes: ['conditional', 'none'],
      openTypes: ['none'],
    });
  });
});

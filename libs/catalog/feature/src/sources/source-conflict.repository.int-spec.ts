import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import type { ConflictReason } from './source-conflict.js';
import { SourceConflictRepository } from './source-conflict.repository.js';

// `source_conflict` on a fresh catalog schema, read with both entries of the pair.
describe('SourceConflictRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const conflicts = new SourceConflictRepository();
  const orgA = randomUUID();
  const orgB = randomUUID();
  const entries: string[] = [];
  const reasons: ConflictReason[] = [
    {
      kind: 'similar-name',
      name: '人口基础信息',
      otherName: '人口基本信息',
      classificationCode: '101001',
      similarity: 0.8,
    },
  ];

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
    await dataSource.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, version, active)
       VALUES ($1, '360000', '江西省公安厅', '11360000000000000X', '360000', 'department', 1, true)`,
      [orgA],
    );
    for (const [i, [organisationId, name]] of [
      [orgA, '人口基础信息'],
      [orgB, '人口基本信息'],
      [orgB, '法人信息'],
      [orgA, '法人基础信息'],
    ].entries()) {
      entries.push(
        await insertFixtureEntry(dataSource, {
          nodeCode: '360000',
          organisationId: organisationId!,
          code: `101001-360000-00000${i + 1}`,
          name: name!,
          headState: 'submitted',
        }),
      );
    }
  });
  afterAll(() => db?.drop());

  it('raises a flag for a pair and reads it with both entries', async () => {
    await conflicts.raise(dataSource.manager, {
      nodeCode: '360000',
      entryId: entries[0]!,
      otherEntryId: entries[1]!,
      reasons,
      score: 0.8,
    });
    const { items, next } = await conflicts.list(dataSource.manager, '360000', { status: 'open' }, 10);
    expect(next).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: 'open',
      score: 0.8,
      reasons: [{ ...reasons[0], label: { zh: '同类目下名称相近' } }],
      entry: { id: entries[0], name: '人口基础信息', organisationName: '江西省公安厅', status: 'submitted' },
      other: { id: entries[1], name: '人口基本信息', organisationName: null, status: 'submitted' },
      decision: null,
    });
    expect(await conflicts.findById(dataSource.manager, '360100', items[0]!.id)).toBeNull();
  });

  it('refreshes an open flag raised again for the same pair, either way round', async () => {
    await conflicts.raise(dataSource.manager, {
      nodeCode: '360000',
      entryId: entries[1]!,
      otherEntryId: entries[0]!,
      reasons,
      score: 0.9,
    });
    const { items } = await conflicts.list(dataSource.manager, '360000', {}, 10);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ score: 0.9, entry: { id: entries[1] } });
  });

  it('records a decision, and a decided pair stays decided', async () => {
    const [flag] = (await conflicts.list(dataSource.manager, '360000', {}, 10)).items;
    await conflicts.decide(dataSource.manager, flag!.id, {
      status: 'resolved',
      authoritativeEntryId: entries[0]!,
      note: '以公安厅为准',
      actor: 'reviewer-1',
      actorName: '审核员',
    });
    const decided = (await conflicts.findById(dataSource.manager, '360000', flag!.id, { forUpdate: true }))!;
    expect(decided).toMatchObject({
      status: 'resolved',
      statusLabel: { en: 'Authoritative source designated' },
      decision: {
        authoritativeEntryId: entries[0],
        note: '以公安厅为准',
        decidedBy: 'reviewer-1',
        decidedByName: '审核员',
      },
    });
    await conflicts.raise(dataSource.manager, {
      nodeCode: '360000',
      entryId: entries[0]!,
      otherEntryId: entries[1]!,
      reasons,
      score: 0.5,
    });
    expect((await conflicts.findById(dataSource.manager, '360000', flag!.id))!).toMatchObject({
      status: 'resolved',
      score: 0.9,
    });
  });

  it('pages newest first by the cursor it hands out, and filters by entry', async () => {
    await conflicts.raise(dataSource.manager, {
      nodeCode: '360000',
      entryId: entries[2]!,
      otherEntryId: entries[3]!,
      reasons,
      score: 0.7,
    });
    const first = await conflicts.list(dataSource.manager, '360000', {}, 1);
    expect(first.items.map((c) => c.entry.id)).toEqual([entries[2]]);
    expect(first.next).not.toBeNull();
    const second = await conflicts.list(dataSource.manager, '360000', {}, 1, first.next!);
    expect(second.items.map((c) => c.entry.id)).toEqual([entries[1]]);
    expect(second.next).toBeNull();
    const ofEntry = await conflicts.list(dataSource.manager, '360000', { entryId: entries[3] }, 10);
    expect(ofEntry.items.map((c) => c.other.id)).toEqual([entries[3]]);
  });
});

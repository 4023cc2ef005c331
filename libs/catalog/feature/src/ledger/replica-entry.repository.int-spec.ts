import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { ReplicaEntryRepository } from './replica-entry.repository.js';
import type { ReplicaRecord } from './replica-projection.js';

// `replica_entry` (一本账): the newest record of each origin entry wins, whatever order copies arrive in.
describe('ReplicaEntryRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const replicas = new ReplicaEntryRepository();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  const record = (over: Partial<ReplicaRecord> = {}): ReplicaRecord => ({
    originNode: '360100',
    entryId: randomUUID(),
    code: '101001/360100000001',
    organisationId: randomUUID(),
    providerName: '南昌市市场监督管理局',
    providerCode: '11360100MB1234567X',
    version: 10,
    entryVersion: 1,
    content: { name: '企业登记信息' } as never,
    publishDate: '2027-03-01',
    at: '2027-03-01T02:00:00.000Z',
    path: ['360100', '360000'],
    receivedAt: '2027-03-01T02:00:01.000Z',
    retired: false,
    restricted: false,
    ...over,
  });

  it('stores a newer record and ignores an older or equal one; a retirement keeps the publication time', async () => {
    const first = record();
    const stored = await replicas.upsertIfNewer(dataSource.manager, first);
    expect(stored).toEqual({
      originNode: '360100',
      entryId: first.entryId,
      code: first.code,
      organisationId: first.organisationId,
      providerName: '南昌市市场监督管理局',
      providerCode: '11360100MB1234567X',
      version: 10,
      entryVersion: 1,
      content: { name: '企业登记信息' },
      publishDate: '2027-03-01',
      publishedAt: '2027-03-01T02:00:00.000Z',
      path: ['360100', '360000'],
      receivedAt: '2027-03-01T02:00:01.000Z',
      retired: false,
      restricted: false,
    });
    expect(await replicas.upsertIfNewer(dataSource.manager, { ...first, version: 10, providerName: 'x' })).toBeNull();
    expect(await replicas.upsertIfNewer(dataSource.manager, { ...first, version: 9 })).toBeNull();
    const retired = await replicas.upsertIfNewer(dataSource.manager, {
      ...first,
      version: 11,
      retired: true,
      at: '2027-04-01T00:00:00.000Z',
    });
    expect(retired).toMatchObject({ version: 11, retired: true, publishedAt: '2027-03-01T02:00:00.000Z' });
    expect(await replicas.find(dataSource.manager, '360100', first.entryId)).toEqual(retired);
    expect(await replicas.find(dataSource.manager, '360100', first.code)).toEqual(retired);
    expect(await replicas.find(dataSource.manager, '360900', first.entryId)).toBeNull();
  });

  it('pages through replicas in (origin, entry id) order', async () => {
    await replicas.upsertIfNewer(dataSource.manager, record({ originNode: '360200', code: '101001/360200000001' }));
    const all = await replicas.pageAfter(dataSource.manager, null, 100);
    const keys = all.map((r) => [r.originNode, r.entryId]);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0]! + a[1]!).localeCompare(b[0]! + b[1]!)));
    const rest = await replicas.pageAfter(dataSource.manager, all[0]!, 100);
    expect(rest).toEqual(all.slice(1));
  });

  it('counts entries per origin and status from the search index', async () => {
    expect(await replicas.statusCounts(dataSource.manager, 'subtree')).toEqual([]);
  });
});

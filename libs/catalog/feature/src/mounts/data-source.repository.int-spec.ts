import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '@govdata/platform-persistence';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { DataSourceRepository, type NewDataSource } from './data-source.repository.js';
import { EntryMountRepository } from './entry-mount.repository.js';

// `data_source` through its entity mapping, on a fresh catalog schema.
describe('DataSourceRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const sources = new DataSourceRepository();
  const orgA = randomUUID();
  const orgB = randomUUID();

  const source = (over: Partial<NewDataSource> = {}): NewDataSource => ({
    id: randomUUID(),
    nodeCode: '360000',
    organisationId: orgA,
    name: '业务库',
    kind: 'postgresql',
    host: 'db.example',
    port: 5432,
    database: 'business',
    user: 'reader',
    passwordCipher: 'sealed-password',
    ssl: false,
    actor: 'editor-1',
    ...over,
  });

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('inserts a source and reads it back by id and by name, on its node only', async () => {
    const input = source();
    const record = await sources.insert(dataSource.manager, input);
    expect(record).toEqual({
      id: input.id,
      nodeCode: '360000',
      organisationId: orgA,
      name: '业务库',
      kind: 'postgresql',
      host: 'db.example',
      port: 5432,
      database: 'business',
      user: 'reader',
      passwordCipher: 'sealed-password',
      ssl: false,
      hasPassword: true,
      createdBy: 'editor-1',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(await sources.findById(dataSource.manager, '360000', input.id)).toEqual(record);
    expect(await sources.findById(dataSource.manager, '360100', input.id)).toBeNull();
    expect(await sources.findByName(dataSource.manager, orgA, '业务库')).toEqual(record);
    expect(await sources.findByName(dataSource.manager, orgB, '业务库')).toBeNull();
  });

  it('refuses a second source of the same name in the organisation (unique violation)', async () => {
    const error = await sources.insert(dataSource.manager, source()).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('lists an organisation’s sources, or the node’s, by organisation and name', async () => {
    await sources.insert(dataSource.manager, source({ name: '档案库', passwordCipher: null }));
    await sources.insert(dataSource.manager, source({ organisationId: orgB, name: '监管库' }));
    await sources.insert(
      dataSource.manager,
      source({ nodeCode: '360100', organisationId: randomUUID(), name: '别处' }),
    );
    const ofA = await sources.list(dataSource.manager, '360000', orgA);
    expect(ofA.map((s) => s.name).sort()).toEqual(['业务库', '档案库'].sort());
    expect(ofA.find((s) => s.name === '档案库')).toMatchObject({ passwordCipher: null, hasPassword: false });
    const all = await sources.list(dataSource.manager, '360000', null);
    expect(all).toHaveLength(3);
    expect(all.map((s) => s.organisationId)).toEqual([...all.map((s) => s.organisationId)].sort());
  });

  it('counts the mounts reading from a source, and deletes it on its node only', async () => {
    const record = (await sources.findByName(dataSource.manager, orgA, '档案库'))!;
    expect(await sources.mountCount(dataSource.manager, record.id)).toBe(0);
    const entryId = await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId: orgA,
      code: '101001-360000-000001',
      name: '人口基础信息',
    });
    const mountId = randomUUID();
    const mounts = new EntryMountRepository();
    await mounts.insert(dataSource.manager, {
      id: mountId,
      entryId,
      nodeCode: '360000',
      organisationId: orgA,
      kind: 'table',
      name: '人口表',
      dataSourceId: record.id,
      detail: { schema: 'public', table: 'people', columnMapping: [], checkedAt: '2026-03-02T00:00:00.000Z' },
      secretCipher: null,
      actor: 'editor-1',
      content: null,
    });
    expect(await sources.mountCount(dataSource.manager, record.id)).toBe(1);
    await mounts.delete(dataSource.manager, '360000', mountId);

    await sources.delete(dataSource.manager, '360100', record.id);
    expect(await sources.findById(dataSource.manager, '360000', record.id)).not.toBeNull();
    await sources.delete(dataSource.manager, '360000', record.id);
    expect(await sources.findById(dataSource.manager, '360000', record.id)).toBeNull();
  });
});

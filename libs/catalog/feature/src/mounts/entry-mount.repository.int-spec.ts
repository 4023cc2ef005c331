import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { DataSourceRepository } from './data-source.repository.js';
import { EntryMountRepository } from './entry-mount.repository.js';

// `entry_mount` and `entry_mount_content` on a fresh catalog schema; the entry is read, not written.
describe('EntryMountRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const mounts = new EntryMountRepository();
  const organisationId = randomUUID();
  const sourceId = randomUUID();
  let entryId: string;

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
    entryId = await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001-360000-000001',
      name: '人口基础信息',
      headState: 'submitted',
      content: { name: '人口基础信息', items: [{ name: '姓名' }] },
    });
    await new DataSourceRepository().insert(dataSource.manager, {
      id: sourceId,
      nodeCode: '360000',
      organisationId,
      name: '业务库',
      kind: 'postgresql',
      host: 'db.example',
      port: 5433,
      database: 'business',
      user: 'reader',
      passwordCipher: null,
      ssl: true,
      actor: 'editor-1',
    });
  });
  afterAll(() => db?.drop());

  it('finds the entry a mount is for, with its head content, on its node only', async () => {
    expect(await mounts.findTarget(dataSource.manager, '360000', entryId)).toEqual({
      id: entryId,
      nodeCode: '360000',
      organisationId,
      retired: false,
      published: false,
      headContent: { name: '人口基础信息', items: [{ name: '姓名' }] },
      visibleContent: { name: '人口基础信息', items: [{ name: '姓名' }] },
    });
    expect(await mounts.findTarget(dataSource.manager, '360100', entryId)).toBeNull();
  });

  it('mounts a table with its data source, and a file with its content', async () => {
    const table = await mounts.insert(dataSource.manager, {
      id: randomUUID(),
      entryId,
      nodeCode: '360000',
      organisationId,
      kind: 'table',
      name: '人口表',
      dataSourceId: sourceId,
      detail: { schema: 'public', table: 'people', columnMapping: [], checkedAt: '2026-03-02T00:00:00.000Z' },
      secretCipher: null,
      actor: 'editor-1',
      content: null,
    });
    expect(table).toMatchObject({
      kind: 'table',
      name: '人口表',
      hasSecret: false,
      dataSource: {
        id: sourceId,
        name: '业务库',
        kind: 'postgresql',
        host: 'db.example',
        port: 5433,
        database: 'business',
        user: 'reader',
        ssl: true,
        hasPassword: false,
      },
    });
    const fileId = randomUUID();
    const file = await mounts.insert(dataSource.manager, {
      id: fileId,
      entryId,
      nodeCode: '360000',
      organisationId,
      kind: 'file',
      name: '年报',
      dataSourceId: null,
      detail: { mediaType: 'text/csv', size: 3, sha256: 'ab', url: null, stored: true },
      secretCipher: 'sealed',
      actor: 'editor-1',
      content: { mediaType: 'text/csv', bytes: Buffer.from('a,b') },
    });
    expect(file).toMatchObject({ kind: 'file', dataSourceId: null, dataSource: null, hasSecret: true });
    expect(await mounts.content(dataSource.manager, fileId)).toEqual({
      mediaType: 'text/csv',
      bytes: Buffer.from('a,b'),
    });
    expect(await mounts.content(dataSource.manager, table.id)).toBeNull();

    expect((await mounts.list(dataSource.manager, '360000', entryId)).map((m) => m.name)).toEqual(['人口表', '年报']);
    expect(await mounts.list(dataSource.manager, '360100', entryId)).toEqual([]);
    expect(await mounts.findByName(dataSource.manager, entryId, '年报')).toBe(true);
    expect(await mounts.findByName(dataSource.manager, entryId, '月报')).toBe(false);
  });

  it('unmounts on its node only, the stored content with it', async () => {
    const file = (await mounts.list(dataSource.manager, '360000', entryId)).find((m) => m.name === '年报')!;
    await mounts.delete(dataSource.manager, '360100', file.id);
    expect(await mounts.findById(dataSource.manager, '360000', entryId, file.id)).not.toBeNull();
    await mounts.delete(dataSource.manager, '360000', file.id);
    expect(await mounts.findById(dataSource.manager, '360000', entryId, file.id)).toBeNull();
    expect(await mounts.content(dataSource.manager, file.id)).toBeNull();
  });
});

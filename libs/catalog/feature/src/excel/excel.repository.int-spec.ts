import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import type { ImportReport } from './excel-import-report.js';
import { ExcelRepository } from './excel.repository.js';

// The Excel import records (`catalog_import`, through its entity mapping) and the export's reads.
describe('ExcelRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const excel = new ExcelRepository();
  const organisationId = randomUUID();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  const start = (id: string, over: { dryRun?: boolean } = {}) =>
    excel.insertImport(dataSource.manager, {
      id,
      nodeCode: '360000',
      organisationId,
      actorSubject: 'editor-1',
      mode: 'per-row',
      dryRun: over.dryRun ?? false,
      fileName: '目录.xlsx',
      fileSha256: 'ab'.repeat(32),
      total: 3,
    });

  it('records an import running, counts committed rows, and files the finished report', async () => {
    const id = randomUUID();
    await start(id);
    expect(await excel.findImport(dataSource.manager, '360000', organisationId, id)).toMatchObject({
      id,
      state: 'running',
      committed: false,
      total: 3,
      created: 0,
      finishedAt: null,
      rows: null,
    });
    await excel.addProgress(dataSource.manager, id, { created: 2, updated: 0, unchanged: 1, failed: 0 });
    await excel.addProgress(dataSource.manager, id, { created: 1, updated: 1, unchanged: 0, failed: 2 });
    expect(await excel.findImport(dataSource.manager, '360000', organisationId, id)).toMatchObject({
      created: 3,
      updated: 1,
      unchanged: 1,
      failed: 2,
    });
    const rows: ImportReport['rows'] = [
      { sheet: '信息资源目录', row: 5, serial: '1', outcome: 'created', entryCode: '101001/360000000001', errors: [] },
    ];
    await excel.finishImport(dataSource.manager, {
      importId: id,
      mode: 'per-row',
      dryRun: false,
      committed: true,
      total: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: 0,
      message: '逐行导入完成',
      rows,
    });
    const finished = await excel.findImport(dataSource.manager, '360000', organisationId, id);
    expect(finished).toMatchObject({
      state: 'finished',
      committed: true,
      total: 1,
      created: 1,
      failed: 0,
      message: '逐行导入完成',
      rows,
    });
    expect(finished!.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await excel.findImport(dataSource.manager, '360000', randomUUID(), id)).toBeNull();
    expect(await excel.findImport(dataSource.manager, '360100', organisationId, id)).toBeNull();
  });

  it("lists an organisation's imports newest first, without their reports", async () => {
    const older = randomUUID();
    const newer = randomUUID();
    await start(older);
    await start(newer, { dryRun: true });
    const listed = await excel.listImports(dataSource.manager, '360000', organisationId, 2);
    expect(listed.map((i) => i.id)).toEqual([newer, older]);
    expect(listed[0]).toMatchObject({ dryRun: true, fileName: '目录.xlsx', mode: 'per-row', actorSubject: 'editor-1' });
    expect(listed[0]).not.toHaveProperty('rows');
    expect(await excel.listImports(dataSource.manager, '360000', randomUUID(), 10)).toEqual([]);
  });

  it('reads the code table in code order for the template', async () => {
    const options = await excel.classifications(dataSource.manager);
    expect(options.length).toBeGreaterThan(10);
    expect(options.map((o) => o.code)).toEqual([...options.map((o) => o.code)].sort());
    expect(options[0]).toEqual({ code: expect.any(String), name: expect.any(String), level: 1, parentCode: null });
  });

  it('exports what a reader may see: the provider its head versions, others the published ones', async () => {
    await dataSource.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, version, active)
       VALUES ($1, '360000', '江西省公安厅', '11360000000000000X', '360000', 'department', 1, true)`,
      [organisationId],
    );
    await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001/360000000011',
      name: '草稿',
      headState: 'draft',
    });
    await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001/360000000012',
      name: '已发布',
      published: true,
      content: { name: '已发布', items: [], sharing: { type: 'conditional' }, grade: { category: 'general' } },
    });
    const provider = await excel.exportPage(
      dataSource.manager,
      { nodeCode: '360000', organisationId, nodeAuthority: false },
      {},
      null,
      10,
    );
    expect(provider.map((e) => [e.code, e.status, e.providerName])).toEqual([
      ['101001/360000000011', 'draft', '江西省公安厅'],
      ['101001/360000000012', 'published', '江西省公安厅'],
    ]);
    const reader = { nodeCode: '360000', organisationId: randomUUID(), nodeAuthority: false };
    expect((await excel.exportPage(dataSource.manager, reader, {}, null, 10)).map((e) => e.code)).toEqual([
      '101001/360000000012',
    ]);
    expect(
      (await excel.exportPage(dataSource.manager, { ...reader, organisationId }, { status: 'draft' }, null, 10)).map(
        (e) => e.code,
      ),
    ).toEqual(['101001/360000000011']);
    expect(
      await excel.exportPage(dataSource.manager, { ...reader, organisationId }, {}, '101001/360000000012', 10),
    ).toEqual([]);
  });
});

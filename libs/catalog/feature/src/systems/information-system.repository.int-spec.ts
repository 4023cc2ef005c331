import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { InformationSystemRepository, type NewInformationSystem } from './information-system.repository.js';

// `information_system` through its entity mapping, on a fresh catalog schema.
describe('InformationSystemRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const systems = new InformationSystemRepository();
  const organisationId = randomUUID();

  const system = (over: Partial<NewInformationSystem> = {}): NewInformationSystem => ({
    nodeCode: '360000',
    organisationId,
    name: '企业信用信息公示系统',
    nameKey: '企业信用信息公示系统',
    description: null,
    constructionLevel: 'provincial',
    constructionDepartment: '江西省市场监督管理局',
    deployment: 'gov-cloud',
    deploymentDetail: '省政务云 A 区',
    status: 'in-use',
    contact: { name: '李四', phone: '0791-88888888', email: null },
    actor: 'editor-1',
    ...over,
  });

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('registers a system at version 1 and finds it on its node, by id and by name key', async () => {
    const created = await systems.insert(dataSource.manager, system());
    expect(created).toMatchObject({
      nodeCode: '360000',
      organisationId,
      name: '企业信用信息公示系统',
      description: null,
      constructionLevel: 'provincial',
      deploymentDetail: '省政务云 A 区',
      contact: { name: '李四', phone: '0791-88888888', email: null },
      version: 1,
      createdBy: 'editor-1',
      updatedBy: 'editor-1',
    });
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await systems.findById(dataSource.manager, '360000', created.id)).toEqual(created);
    expect(await systems.findById(dataSource.manager, '360100', created.id)).toBeNull();
    expect(await systems.findByNameKey(dataSource.manager, organisationId, '企业信用信息公示系统')).toEqual(created);
    await expect(systems.insert(dataSource.manager, system())).rejects.toThrow(/unique|duplicate/i);
  });

  it('changes only the fields given, bumps the version and records who changed it', async () => {
    const created = await systems.insert(
      dataSource.manager,
      system({ name: '投资项目在线审批监管平台', nameKey: 'tz' }),
    );
    const updated = await dataSource.transaction(async (m) => {
      expect(await systems.findById(m, '360000', created.id, { forUpdate: true })).toEqual(created);
      return systems.update(
        m,
        '360000',
        created.id,
        { status: 'decommissioned', description: '已停用', deploymentDetail: null },
        'editor-2',
      );
    });
    expect(updated).toMatchObject({
      name: '投资项目在线审批监管平台',
      status: 'decommissioned',
      description: '已停用',
      deploymentDetail: null,
      contact: created.contact,
      version: 2,
      createdBy: 'editor-1',
      updatedBy: 'editor-2',
    });
    const contact = await systems.update(
      dataSource.manager,
      '360000',
      created.id,
      { contact: { name: '王五', phone: '0791-1', email: 'w@example.gov.cn' } },
      'editor-3',
    );
    expect(contact).toMatchObject({
      version: 3,
      contact: { name: '王五', phone: '0791-1', email: 'w@example.gov.cn' },
    });
  });

  it("lists a node's systems by organisation and name, filtered by organisation and status", async () => {
    const other = randomUUID();
    await systems.insert(
      dataSource.manager,
      system({ organisationId: other, name: '公共资源交易系统', nameKey: 'gg' }),
    );
    await systems.insert(dataSource.manager, system({ nodeCode: '360100', name: '南昌系统', nameKey: 'nc' }));
    const all = await systems.list(dataSource.manager, '360000', {});
    expect(all.every((s) => s.nodeCode === '360000')).toBe(true);
    expect(all).toHaveLength(3);
    expect((await systems.list(dataSource.manager, '360000', { organisationId: other })).map((s) => s.name)).toEqual([
      '公共资源交易系统',
    ]);
    expect(
      (await systems.list(dataSource.manager, '360000', { organisationId, status: 'in-use' })).map((s) => s.name),
    ).toEqual(['企业信用信息公示系统']);
  });

  it('finds the entries naming a system and the system a version names', async () => {
    const named = await systems.insert(dataSource.manager, system({ name: '电子证照系统', nameKey: 'dz' }));
    const entryId = await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001/360000000001',
      name: '电子证照目录',
      published: true,
      content: {
        name: '电子证照目录',
        systemId: named.id,
        sharing: { type: 'unconditional' },
        grade: { category: 'general' },
      },
    });
    expect(await systems.entriesNaming(dataSource.manager, named)).toEqual([
      {
        id: entryId,
        code: '101001/360000000001',
        organisationId,
        name: '电子证照目录',
        headState: 'published',
        publishedVersion: 1,
        retired: false,
        content: expect.objectContaining({ systemId: named.id }),
      },
    ]);
    expect(await systems.systemIdOfVersion(dataSource.manager, entryId, 1)).toBe(named.id);
    expect(await systems.systemIdOfVersion(dataSource.manager, entryId, 2)).toBeNull();
  });
});

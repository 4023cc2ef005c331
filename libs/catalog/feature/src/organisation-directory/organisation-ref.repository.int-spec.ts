import { randomUUID } from 'node:crypto';
import type { OrganisationEventV1 } from '@govdata/contracts';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { OrganisationRefRepository } from './organisation-ref.repository.js';

// The catalog's copy of the node's organisations, kept from identity events.
describe('OrganisationRefRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const organisations = new OrganisationRefRepository();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  const event = (
    id: string,
    version: number,
    over: Partial<OrganisationEventV1['organisation']> = {},
    action: OrganisationEventV1['action'] = 'updated',
  ): OrganisationEventV1 =>
    ({
      action,
      organisation: {
        id,
        nodeCode: '360000',
        name: '江西省公安厅',
        uscc: '11360000000000000X',
        regionCode: '360000',
        kind: 'department',
        parentId: null,
        version,
        ...over,
      },
    }) as OrganisationEventV1;

  it('keeps the newest version of an organisation, whatever order the events arrive in', async () => {
    const id = randomUUID();
    await organisations.apply(dataSource.manager, event(id, 2, { name: '江西省公安厅（新）' }));
    await organisations.apply(dataSource.manager, event(id, 1, { name: '江西省公安厅（旧）' }));
    expect(await organisations.find(dataSource.manager, id)).toEqual({
      id,
      nodeCode: '360000',
      name: '江西省公安厅（新）',
      uscc: '11360000000000000X',
      regionCode: '360000',
      kind: 'department',
      parentId: null,
      version: 2,
      active: true,
    });
    await organisations.apply(dataSource.manager, event(id, 3, {}, 'deactivated'));
    expect(await organisations.find(dataSource.manager, id)).toMatchObject({ version: 3, active: false });
    expect(await organisations.find(dataSource.manager, randomUUID())).toBeNull();
  });

  it('lists the active providers of a node by name', async () => {
    const parent = randomUUID();
    await organisations.apply(dataSource.manager, event(parent, 1, { name: '甲单位', nodeCode: '360100' }));
    await organisations.apply(
      dataSource.manager,
      event(randomUUID(), 1, { name: '乙单位', nodeCode: '360100', parentId: parent }),
    );
    await organisations.apply(
      dataSource.manager,
      event(randomUUID(), 1, { name: '丙单位', nodeCode: '360100' }, 'deactivated'),
    );
    const listed = await organisations.listActive(dataSource.manager, '360100');
    expect(listed.map((o) => o.name).sort()).toEqual(['乙单位', '甲单位']);
    expect(listed.find((o) => o.name === '乙单位')!.parentId).toBe(parent);
    expect(await organisations.listActive(dataSource.manager, '360900')).toEqual([]);
  });
});

import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import { Converter } from 'opencc-js';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { DataElementRepository, type DataElementContent } from './data-element.repository.js';

/** Traditional forms are derived at run time (the repository's literals are simplified). */
const toTaiwan = Converter({ from: 'cn', to: 'tw' });

// `data_element` on a fresh catalog schema: search by folded name in either script, inherited elements.
describe('DataElementRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const elements = new DataElementRepository();
  const idNumber: DataElementContent = {
    identifier: 'DE0001',
    name: '公民身份号码',
    nameEn: 'Citizen ID number',
    definition: '18位公民身份号码',
    dataType: 'C',
    length: 18,
    valueDomain: null,
  };
  const query = { limit: 10, offset: 0 };

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('inserts the node’s own element once per identifier', async () => {
    expect(await elements.insert(dataSource.manager, idNumber, 'admin-1')).toBe(true);
    expect(await elements.insert(dataSource.manager, { ...idNumber, name: '另一个' }, 'admin-2')).toBe(false);
    expect(await elements.find(dataSource.manager, 'DE0001')).toEqual({
      ...idNumber,
      inheritedFrom: null,
      createdBy: 'admin-1',
      createdAt: expect.any(String),
      updatedBy: 'admin-1',
      updatedAt: expect.any(String),
    });
    expect(await elements.find(dataSource.manager, 'DE9999', true)).toBeNull();
  });

  it('finds an element by a name typed in either script, by type and by source', async () => {
    expect((await elements.search(dataSource.manager, { ...query, q: '公民身份' })).items).toHaveLength(1);
    expect((await elements.search(dataSource.manager, { ...query, q: toTaiwan('公民身份号码') })).total).toBe(1);
    expect((await elements.search(dataSource.manager, { ...query, q: 'citizen' })).total).toBe(1);
    expect((await elements.search(dataSource.manager, { ...query, dataType: 'N' })).total).toBe(0);
    expect((await elements.search(dataSource.manager, { ...query, source: 'inherited' })).total).toBe(0);
    expect((await elements.search(dataSource.manager, { ...query, q: '100%' })).total).toBe(0);
  });

  it('updates an element, the folded name with it', async () => {
    await elements.update(dataSource.manager, { ...idNumber, name: '居民身份证号码' }, 'admin-2');
    expect(await elements.find(dataSource.manager, 'DE0001')).toMatchObject({
      name: '居民身份证号码',
      updatedBy: 'admin-2',
      createdBy: 'admin-1',
    });
    expect((await elements.search(dataSource.manager, { ...query, q: toTaiwan('居民身份证') })).total).toBe(1);
  });

  it('makes an element the ancestor’s, and removes it only for the node that issued it', async () => {
    await elements.upsertInherited(dataSource.manager, { ...idNumber, name: '身份号码' }, '100000');
    expect(await elements.find(dataSource.manager, 'DE0001')).toMatchObject({
      name: '身份号码',
      inheritedFrom: '100000',
      updatedBy: 'node:100000',
    });
    expect((await elements.search(dataSource.manager, { ...query, source: 'inherited' })).total).toBe(1);
    expect(await elements.remove(dataSource.manager, 'DE0001', null)).toBe(false);
    expect(await elements.remove(dataSource.manager, 'DE0001', '360000')).toBe(false);
    expect(await elements.remove(dataSource.manager, 'DE0001', '100000')).toBe(true);
    expect(await elements.find(dataSource.manager, 'DE0001')).toBeNull();
  });
});

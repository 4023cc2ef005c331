import { isUniqueViolation } from '@govdata/platform-persistence';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { ClassificationRepository } from './classification.repository.js';

// `classification` through its entity mapping, on a fresh catalog schema (the national codes seeded).
describe('ClassificationRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const classifications = new ClassificationRepository();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('reads the national codes, in code order', async () => {
    const all = await classifications.all(dataSource.manager);
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((c) => c.code)).toEqual([...all.map((c) => c.code)].sort());
    expect(await classifications.find(dataSource.manager, '101')).toEqual({
      code: '101',
      parentCode: '1',
      level: 2,
      name: '人口',
      nameEn: 'Population',
      origin: 'national',
      inheritedFrom: null,
      withdrawnAt: null,
    });
    expect(await classifications.find(dataSource.manager, '999')).toBeNull();
  });

  it('adds a node code once, and renames it', async () => {
    const content = { code: '101901', parentCode: '101', level: 3, name: '流动人口', nameEn: null };
    await classifications.insert(dataSource.manager, content);
    expect(await classifications.find(dataSource.manager, '101901')).toMatchObject({ ...content, origin: 'node' });
    const error = await classifications.insert(dataSource.manager, content).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    await classifications.rename(dataSource.manager, '101901', { name: '流动人口信息', nameEn: 'Floating population' });
    expect(await classifications.find(dataSource.manager, '101901')).toMatchObject({
      name: '流动人口信息',
      nameEn: 'Floating population',
      origin: 'node',
    });
  });

  it('makes a code the ancestor’s, and withdraws it once', async () => {
    await classifications.upsertInherited(
      dataSource.manager,
      { code: '101901', parentCode: '101', level: 3, name: '流动人口（国家）', nameEn: null },
      '100000',
    );
    expect(await classifications.find(dataSource.manager, '101901')).toMatchObject({
      name: '流动人口（国家）',
      nameEn: null,
      origin: 'inherited',
      inheritedFrom: '100000',
      withdrawnAt: null,
    });
    await classifications.withdraw(dataSource.manager, '101901');
    const withdrawn = (await classifications.find(dataSource.manager, '101901'))!.withdrawnAt;
    expect(withdrawn).toEqual(expect.any(String));
    await classifications.withdraw(dataSource.manager, '101901');
    expect((await classifications.find(dataSource.manager, '101901'))!.withdrawnAt).toBe(withdrawn);

    // Issued again: in force again.
    await classifications.upsertInherited(
      dataSource.manager,
      { code: '101901', parentCode: '101', level: 3, name: '流动人口（国家）', nameEn: null },
      '100000',
    );
    expect((await classifications.find(dataSource.manager, '101901'))!.withdrawnAt).toBeNull();
  });
});

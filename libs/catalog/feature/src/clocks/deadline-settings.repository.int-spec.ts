import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { DeadlineSettingsRepository } from './deadline-settings.repository.js';

// `deadline_settings` through its entity mapping, on a fresh catalog schema.
describe('DeadlineSettingsRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const repository = new DeadlineSettingsRepository();
  const settings = { registrationDays: 20, updateDays: 15, reviewDays: 10, annualReviewDays: 60 };

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('finds nothing for a node without settings', async () => {
    expect(await repository.find(dataSource.manager, '360000')).toBeNull();
  });

  it('stores, then replaces, a node’s settings', async () => {
    expect(await repository.save(dataSource.manager, '360000', settings, 'admin-1')).toBe(true);
    const stored = await repository.find(dataSource.manager, '360000');
    expect(stored).toMatchObject({ nodeCode: '360000', ...settings, updatedBy: 'admin-1' });
    expect(stored!.updatedAt).toBeInstanceOf(Date);

    expect(await repository.save(dataSource.manager, '360000', { ...settings, reviewDays: 5 }, 'admin-2')).toBe(true);
    const replaced = await repository.find(dataSource.manager, '360000');
    expect(replaced).toMatchObject({ reviewDays: 5, updatedBy: 'admin-2' });
    expect(replaced!.updatedAt.getTime()).toBeGreaterThanOrEqual(stored!.updatedAt.getTime());
  });

  it('never overwrites a node’s own choice with a seed', async () => {
    expect(await repository.save(dataSource.manager, '360000', { ...settings, reviewDays: 30 }, 'seed', true)).toBe(
      false,
    );
    expect(await repository.find(dataSource.manager, '360000')).toMatchObject({ reviewDays: 5, updatedBy: 'admin-2' });
    expect(await repository.save(dataSource.manager, '360100', settings, 'seed', true)).toBe(true);
    expect(await repository.find(dataSource.manager, '360100')).toMatchObject({ ...settings, updatedBy: 'seed' });
  });

  it('is refused by the table when an allowance is out of range', async () => {
    await expect(
      repository.save(dataSource.manager, '360200', { ...settings, updateDays: 0 }, 'admin-1'),
    ).rejects.toThrow(/check constraint/);
  });
});

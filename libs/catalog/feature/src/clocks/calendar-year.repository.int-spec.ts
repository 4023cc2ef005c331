import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { CalendarYearRepository } from './calendar-year.repository.js';

// `calendar_year` on a fresh catalog schema: dates come back as YYYY-MM-DD, sorted.
describe('CalendarYearRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const years = new CalendarYearRepository();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('stores a notice and lists it with its dates in order', async () => {
    const before = await years.fingerprint(dataSource.manager);
    await years.save(dataSource.manager, {
      year: 2027,
      notice: '国办发明电〔2026〕7号',
      holidays: ['2027-02-06', '2027-01-01'],
      workdays: ['2027-02-14'],
      loadedBy: 'admin-1',
    });
    expect(await years.list(dataSource.manager)).toEqual([
      {
        year: 2027,
        notice: '国办发明电〔2026〕7号',
        holidays: ['2027-01-01', '2027-02-06'],
        workdays: ['2027-02-14'],
        loadedBy: 'admin-1',
        loadedAt: expect.any(Date),
        inheritedFrom: null,
      },
    ]);
    expect(await years.fingerprint(dataSource.manager)).not.toBe(before);
  });

  it('replaces a year, inherited, and releases it when the ancestor withdraws it', async () => {
    const before = await years.fingerprint(dataSource.manager);
    await years.save(dataSource.manager, {
      year: 2027,
      notice: 'ancestor',
      holidays: ['2027-01-01'],
      workdays: [],
      loadedBy: 'node:100000',
      inheritedFrom: '100000',
    });
    expect(await years.fingerprint(dataSource.manager)).not.toBe(before);
    expect(await years.find(dataSource.manager, 2027)).toMatchObject({
      notice: 'ancestor',
      holidays: ['2027-01-01'],
      workdays: [],
      inheritedFrom: '100000',
    });
    await years.release(dataSource.manager, 2027, '360000');
    expect((await years.find(dataSource.manager, 2027))!.inheritedFrom).toBe('100000');
    await years.release(dataSource.manager, 2027, '100000');
    expect(await years.find(dataSource.manager, 2027)).toMatchObject({ notice: 'ancestor', inheritedFrom: null });
    expect(await years.find(dataSource.manager, 2028)).toBeNull();
  });
});

import type { InheritedStandardEventV1 } from '@govdata/contracts';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { StandardsRepository } from './standards.repository.js';

// `standard_issue`, `inherited_standard` and `standard_conflict` on a fresh catalog schema.
describe('StandardsRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const standards = new StandardsRepository();
  const classification = (code: string, parentCode: string | null, version: number): InheritedStandardEventV1 => ({
    action: 'upsert',
    at: '2026-03-02T01:00:00.000Z',
    path: ['100000', '360000'],
    receivedAt: '2026-03-02T01:00:05.000Z',
    standard: {
      kind: 'classification',
      key: code,
      origin: '100000',
      version,
      body: { code, parentCode, level: 3, name: `分类${code}`, nameEn: null },
    },
  });

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  it('numbers the versions of a standard issued here', async () => {
    const issue = (name: string) =>
      standards.issue(dataSource.manager, {
        kind: 'data-element',
        key: 'DE0001',
        action: 'upsert',
        body: { identifier: 'DE0001', name },
        issuedBy: 'admin-1',
      });
    const first = await issue('甲');
    const second = await issue('乙');
    expect(first.version).toBe(1);
    expect(second.version).toBe(2);
    expect(second.issuedAt).toBeInstanceOf(Date);
    const effective = await standards.effective(dataSource.manager, '360000', { kind: 'data-element' });
    expect(effective).toEqual([
      {
        kind: 'data-element',
        key: 'DE0001',
        origin: '360000',
        version: 2,
        action: 'upsert',
        body: { identifier: 'DE0001', name: '乙' },
        inherited: false,
        issuedAt: second.issuedAt.toISOString(),
        receivedAt: null,
        path: null,
        outcome: null,
      },
    ]);
  });

  it('keeps an inherited standard only when newer, and records what applying it did', async () => {
    const kept = await standards.receiveIfNewer(dataSource.manager, classification('101001', '101', 2));
    expect(kept).toMatchObject({
      kind: 'classification',
      key: '101001',
      origin: '100000',
      version: 2,
      inherited: true,
      receivedAt: '2026-03-02T01:00:05.000Z',
      path: ['100000', '360000'],
      outcome: 'received',
    });
    expect(await standards.receiveIfNewer(dataSource.manager, classification('101001', '101', 2))).toBeNull();
    expect(await standards.receiveIfNewer(dataSource.manager, classification('101001', '101', 1))).toBeNull();
    await standards.setOutcome(
      dataSource.manager,
      { origin: '100000', kind: 'classification', key: '101001' },
      'applied',
    );
    expect(await standards.inherited(dataSource.manager, 'classification', '101001')).toMatchObject([
      { version: 2, outcome: 'applied' },
    ]);
  });

  it('finds the codes waiting for their parent', async () => {
    await standards.receiveIfNewer(dataSource.manager, classification('101001001', '101001', 1));
    await standards.setOutcome(
      dataSource.manager,
      { origin: '100000', kind: 'classification', key: '101001001' },
      'waiting-for-parent',
    );
    expect((await standards.waitingForParent(dataSource.manager, '101001')).map((s) => s.key)).toEqual(['101001001']);
    expect(await standards.waitingForParent(dataSource.manager, '102')).toEqual([]);
  });

  it('lists an inherited data element in place of the local one of the same key', async () => {
    await standards.receiveIfNewer(dataSource.manager, {
      action: 'upsert',
      at: '2026-03-02T01:00:00.000Z',
      path: ['100000', '360000'],
      receivedAt: '2026-03-02T01:00:05.000Z',
      standard: {
        kind: 'data-element',
        key: 'DE0001',
        origin: '100000',
        version: 1,
        body: {
          identifier: 'DE0001',
          name: '身份号码',
          nameEn: null,
          definition: 'd',
          dataType: 'C',
          length: 18,
          valueDomain: null,
        },
      },
    });
    const effective = await standards.effective(dataSource.manager, '360000', { kind: 'data-element' });
    expect(effective.map((s) => [s.origin, s.inherited])).toEqual([['100000', true]]);
    expect(await standards.effective(dataSource.manager, '360000', { origin: '360000' })).toEqual([]);
  });

  it('records conflicts and lists them newest first', async () => {
    await standards.recordConflict(dataSource.manager, {
      origin: '100000',
      kind: 'data-element',
      key: 'DE0001',
      version: 1,
      rule: 'local-replaced',
      resolution: 'replaced-local',
      message: 'replaced',
      local: { identifier: 'DE0001' },
      inherited: { identifier: 'DE0001', name: '身份号码' },
    });
    await standards.recordConflict(dataSource.manager, {
      origin: '100000',
      kind: 'directive',
      key: 'annual-review-campaign-2026',
      version: 1,
      rule: 'campaign-already-opened',
      resolution: 'kept-local',
      message: 'kept',
      local: null,
      inherited: { year: 2026 },
    });
    const all = await standards.conflicts(dataSource.manager, { limit: 10 });
    expect(all.map((c) => c.rule)).toEqual(['campaign-already-opened', 'local-replaced']);
    expect(all[0]).toMatchObject({ local: null, inherited: { year: 2026 }, resolution: 'kept-local' });
    expect(all[1]).toMatchObject({ local: { identifier: 'DE0001' } });
    expect(await standards.conflicts(dataSource.manager, { kind: 'classification', limit: 10 })).toEqual([]);
  });
});

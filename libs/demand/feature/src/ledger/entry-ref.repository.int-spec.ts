import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { demandService } from '../demand.service-definition.js';
import type { EntryRef } from './entry-ref.js';
import { EntryRefRepository } from './entry-ref.repository.js';

function entry(overrides: Partial<EntryRef> = {}): EntryRef {
  return {
    entryId: randomUUID(),
    nodeCode: '360100',
    code: `101001/360100${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    name: '人口基本信息',
    organisationId: randomUUID(),
    providerName: '江西省公安厅',
    sharingType: 'conditional',
    sharingConditions: '仅用于身份核验',
    sharingLegalBasis: null,
    gradeCategory: 'general',
    items: ['姓名', '公民身份号码'],
    retired: false,
    replica: false,
    version: 7,
    ...overrides,
  };
}

// `entry_ref` on a real PostgreSQL: a fresh node database, the demand migrations.
describe('EntryRefRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new EntryRefRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    await provisionNodeDatabase(config, ['demand']);
    db = createServiceDataSource(config, 'demand', demandService.persistence);
    await db.initialize();
    await migrateServiceSchema(db);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('keeps the highest version of an entry', async () => {
    const e = entry();
    expect(await repository.upsertIfNewer(db.manager, e)).toBe(true);
    expect(await repository.find(db.manager, e.entryId)).toEqual(e);
    expect(await repository.upsertIfNewer(db.manager, { ...e, name: '同一版本' })).toBe(false);
    expect(await repository.upsertIfNewer(db.manager, { ...e, version: 6, retired: true })).toBe(false);
    const newer = { ...e, version: 8_000_000_000, sharingType: 'none' as const, retired: true, items: ['姓名'] };
    expect(await repository.upsertIfNewer(db.manager, newer)).toBe(true);
    expect(await repository.find(db.manager, e.entryId)).toEqual(newer);
    expect(await repository.find(db.manager, randomUUID())).toBeNull();
  });

  it('finds an entry by its code, saying whether it was looked up at its node', async () => {
    const brought = entry();
    await repository.upsertIfNewer(db.manager, brought);
    expect(await repository.findByCode(db.manager, brought.code)).toEqual({ ...brought, lookedUpAt: null });

    const lookedUpAt = new Date('2026-09-14T02:00:00.000Z');
    const ministry = entry({ nodeCode: '100000', code: '101001/100000000042', replica: true });
    await repository.upsertIfNewer(db.manager, ministry, lookedUpAt);
    expect(await repository.findByCode(db.manager, ministry.code)).toEqual({ ...ministry, lookedUpAt });
    expect(await repository.findByCode(db.manager, '101001/100000999999')).toBeNull();
  });
});

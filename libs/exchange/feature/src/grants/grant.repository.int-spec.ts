import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { openExchangeTestSchema } from '../exchange-test-schema.js';
import { GrantRepository, type GrantTermsInput } from './grant.repository.js';

const HERE = '360000';

function terms(overrides: Partial<GrantTermsInput> = {}): GrantTermsInput {
  const id = randomUUID();
  return {
    id,
    applicationId: id,
    applicationVersion: 1,
    consumerNode: '360100',
    consumerOrganisationId: randomUUID(),
    serviceAccounts: ['client-1'],
    providerNode: HERE,
    providerOrganisationId: randomUUID(),
    entryId: randomUUID(),
    entryCode: '101001/100000000001',
    items: ['姓名', '公民身份号码'],
    purpose: '市场主体登记核验',
    validFrom: '2026-03-01',
    validUntil: '2026-12-31',
    ratePerSecond: 2.5,
    burst: 5,
    quotaPerDay: 1000,
    quotaPerMonth: null,
    ...overrides,
  };
}

describe('GrantRepository on PostgreSQL', () => {
  let config: NodeConfig;
  let db: DataSource;
  const grants = new GrantRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openExchangeTestSchema(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('issues a grant and reads it back field for field, dates as the Beijing dates given', async () => {
    const input = terms();
    const issued = await grants.upsertTerms(db.manager, input);
    expect(issued?.created).toBe(true);
    const found = await grants.find(db.manager, input.id);
    expect(found).toEqual({
      ...input,
      version: 1,
      status: 'active',
      revokedReason: null,
      changedBy: null,
      createdAt: expect.any(Date),
      changedAt: expect.any(Date),
    });
    expect(found).toEqual(issued!.grant);
  });

  it('replaces the terms only from a newer application version, reactivating the grant', async () => {
    const input = terms();
    await grants.upsertTerms(db.manager, input);
    expect(await grants.upsertTerms(db.manager, { ...input, burst: 9 })).toBeNull();
    await grants.end(db.manager, input.id, 'revoked', '超出用途使用', 'user:a');
    const replaced = await grants.upsertTerms(db.manager, { ...input, applicationVersion: 2, burst: 9 });
    expect(replaced?.created).toBe(false);
    expect(replaced?.grant).toMatchObject({
      burst: 9,
      version: 3,
      status: 'active',
      revokedReason: null,
      changedBy: null,
      applicationVersion: 2,
    });
  });

  it('ends an active grant once, and expires this node’s grants past their last day', async () => {
    const active = terms();
    const past = terms({ validFrom: '2026-01-01', validUntil: '2026-02-28' });
    const elsewhere = terms({ providerNode: '110000', validFrom: '2026-01-01', validUntil: '2026-02-28' });
    for (const t of [active, past, elsewhere]) await grants.upsertTerms(db.manager, t);

    const ended = await grants.end(db.manager, active.id, 'revoked', '超出用途使用', 'user:a');
    expect(ended).toMatchObject({ status: 'revoked', revokedReason: '超出用途使用', changedBy: 'user:a', version: 2 });
    expect(await grants.end(db.manager, active.id, 'revoked', 'again', 'user:b')).toBeNull();

    const expired = await grants.expireBefore(db.manager, HERE, '2026-03-01');
    expect(expired.map((g) => g.id)).toContain(past.id);
    expect(expired.map((g) => g.id)).not.toContain(elsewhere.id);
    expect((await grants.find(db.manager, past.id))?.status).toBe('expired');
    expect((await grants.find(db.manager, elsewhere.id))?.status).toBe('active');
  });

  it('lists a side’s grants, by organisation and status', async () => {
    const organisation = randomUUID();
    const a = terms({ consumerOrganisationId: organisation });
    const b = terms({ consumerOrganisationId: organisation });
    for (const t of [a, b]) await grants.upsertTerms(db.manager, t);
    await grants.end(db.manager, b.id, 'revoked', null, null);
    const consumer = (status?: 'active' | 'revoked') =>
      grants.list(db.manager, '360100', {
        side: 'consumer',
        organisationId: organisation,
        ...(status ? { status } : {}),
      });
    expect((await consumer()).map((g) => g.id).sort()).toEqual([a.id, b.id].sort());
    expect((await consumer('revoked')).map((g) => g.id)).toEqual([b.id]);
    expect(await grants.list(db.manager, HERE, { side: 'consumer', organisationId: organisation })).toEqual([]);
  });
});

import { toGrant, type GrantRecordRaw } from './grant.repository.js';

const raw: GrantRecordRaw = {
  id: 'a0000000-0000-4000-8000-000000000001',
  application_id: 'a0000000-0000-4000-8000-000000000001',
  application_version: 3,
  version: 4,
  status: 'revoked',
  consumer_node: '360100',
  consumer_organisation_id: 'c0000000-0000-4000-8000-000000000001',
  service_accounts: ['client-1'],
  provider_node: '360000',
  provider_organisation_id: null,
  entry_id: 'e0000000-0000-4000-8000-000000000001',
  entry_code: '101001/100000000001',
  items: ['姓名', '公民身份号码'],
  purpose: '市场主体登记核验',
  valid_from: '2026-03-01',
  valid_until: '2026-12-31',
  rate_per_second: '2.5',
  burst: 5,
  quota_per_day: 1000,
  quota_per_month: null,
  revoked_reason: '超出用途使用',
  changed_by: 'user:data-admin',
  created_at: new Date('2026-03-01T00:00:00Z'),
  changed_at: new Date('2026-03-02T00:00:00Z'),
};

describe('toGrant', () => {
  it('maps every column of a row to its field, the rate as a number', () => {
    expect(toGrant(raw)).toEqual({
      id: raw.id,
      applicationId: raw.application_id,
      applicationVersion: 3,
      version: 4,
      status: 'revoked',
      consumerNode: '360100',
      consumerOrganisationId: raw.consumer_organisation_id,
      serviceAccounts: ['client-1'],
      providerNode: '360000',
      providerOrganisationId: null,
      entryId: raw.entry_id,
      entryCode: '101001/100000000001',
      items: ['姓名', '公民身份号码'],
      purpose: '市场主体登记核验',
      validFrom: '2026-03-01',
      validUntil: '2026-12-31',
      ratePerSecond: 2.5,
      burst: 5,
      quotaPerDay: 1000,
      quotaPerMonth: null,
      revokedReason: '超出用途使用',
      changedBy: 'user:data-admin',
      createdAt: raw.created_at,
      changedAt: raw.changed_at,
    });
    expect(toGrant({ ...raw, rate_per_second: 1000 }).ratePerSecond).toBe(1000);
  });
});

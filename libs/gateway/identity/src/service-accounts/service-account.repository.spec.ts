import { toServiceAccount, toServiceAccountCredentials, type ServiceAccountRow } from './service-account.repository.js';

describe('service account rows', () => {
  const created = new Date('2026-09-14T02:00:00.000Z');
  const row: ServiceAccountRow = {
    id: 's1',
    organisation_id: 'o1',
    client_id: 'sa-0123456789abcdef01234567',
    name: '低保审批系统前置机',
    roles: ['api-consumer'],
    active: true,
    created_at: created,
  };

  it('maps a row to the account', () => {
    expect(toServiceAccount(row)).toEqual({
      id: 's1',
      organisationId: 'o1',
      clientId: 'sa-0123456789abcdef01234567',
      name: '低保审批系统前置机',
      roles: ['api-consumer'],
      active: true,
      createdAt: created,
    });
  });

  it('adds the secret hash and whether the account may log in', () => {
    const credentials = toServiceAccountCredentials({ ...row, secret_hash: 'scrypt$x', usable: false });
    expect(credentials).toEqual({ ...toServiceAccount(row), secretHash: 'scrypt$x', usable: false });
    expect(credentials).not.toHaveProperty('secret_hash');
  });
});

import { openTestSchema, type TestSchema } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { IDENTITY_MIGRATIONS } from '../migrations/1763856200000-create-identity.js';
import type { Organisation } from '../organisations/organisation.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { ServiceAccountRepository } from './service-account.repository.js';

const NODE = '360000';

// `service_account` on a real PostgreSQL: a fresh node database with the identity migrations.
describe('ServiceAccountRepository (PostgreSQL)', () => {
  let schema: TestSchema;
  let db: DataSource;
  let department: Organisation;
  const repository = new ServiceAccountRepository();
  const organisations = new OrganisationRepository();

  beforeAll(async () => {
    schema = await openTestSchema('gateway', { migrations: IDENTITY_MIGRATIONS });
    db = schema.dataSource;
    department = await organisations.insert(db.manager, {
      nodeCode: NODE,
      name: '江西省民政厅',
      uscc: '113600000000000004',
      regionCode: '360000',
      kind: 'department',
      parentId: null,
    });
  });

  afterAll(async () => {
    await schema?.close();
  });

  it('inserts an account and finds it by id and client id on its node only', async () => {
    const account = await repository.insert(db.manager, {
      organisationId: department.id,
      clientId: 'sa-000000000000000000000001',
      name: '低保审批系统前置机',
      secretHash: 'scrypt$first',
      roles: ['api-consumer'],
    });
    expect(account).toEqual({
      id: expect.any(String),
      organisationId: department.id,
      clientId: 'sa-000000000000000000000001',
      name: '低保审批系统前置机',
      roles: ['api-consumer'],
      active: true,
      createdAt: expect.any(Date),
    });
    expect(await repository.findById(db.manager, NODE, account.id)).toEqual(account);
    expect(await repository.findByClientId(db.manager, NODE, account.clientId)).toEqual(account);
    expect(await repository.findById(db.manager, '100000', account.id)).toBeUndefined();
    expect(await repository.findByClientId(db.manager, '100000', account.clientId)).toBeUndefined();
    expect(await repository.credentialsFor(db.manager, NODE, account.clientId)).toEqual({
      ...account,
      secretHash: 'scrypt$first',
      usable: true,
    });
  });

  it('replaces the secret, and is unusable once revoked or its organisation is deactivated', async () => {
    const account = await repository.insert(db.manager, {
      organisationId: department.id,
      clientId: 'sa-000000000000000000000002',
      name: '不动产登记系统',
      secretHash: 'scrypt$old',
      roles: ['api-consumer', 'catalog-editor'],
    });
    await repository.replaceSecret(db.manager, account.id, 'scrypt$new');
    const [{ secret_rotated_at }]: Array<{ secret_rotated_at: Date | null }> = await db.query(
      'SELECT secret_rotated_at FROM service_account WHERE id = $1',
      [account.id],
    );
    expect(secret_rotated_at).toBeInstanceOf(Date);
    expect(await repository.credentialsFor(db.manager, NODE, account.clientId)).toMatchObject({
      secretHash: 'scrypt$new',
      usable: true,
    });

    await organisations.update(db.manager, NODE, department.id, { active: false });
    expect(await repository.credentialsFor(db.manager, NODE, account.clientId)).toMatchObject({ usable: false });
    await organisations.update(db.manager, NODE, department.id, { active: true });

    expect(await repository.deactivate(db.manager, account.id)).toEqual({ ...account, active: false });
    expect(await repository.credentialsFor(db.manager, NODE, account.clientId)).toMatchObject({
      active: false,
      usable: false,
    });
  });
});

import { isUniqueViolation } from '@govdata/platform-persistence';
import { openTestSchema, type TestSchema } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { IDENTITY_MIGRATIONS } from '../migrations/1763856200000-create-identity.js';
import type { Organisation } from '../organisations/organisation.js';
import { OrganisationRepository } from '../organisations/organisation.repository.js';
import { decodeCursor } from '../paging/cursor.js';
import { UserRepository } from './user.repository.js';

const NODE = '360000';

// `user_account` and `role_grant` on a real PostgreSQL: a fresh node database with the identity migrations.
describe('UserRepository (PostgreSQL)', () => {
  let schema: TestSchema;
  let db: DataSource;
  let root: Organisation;
  let department: Organisation;
  let elsewhere: Organisation;
  const repository = new UserRepository();
  const organisations = new OrganisationRepository();
  const user = (username: string, organisationId = department.id) => ({
    organisationId,
    username,
    displayName: `用户 ${username}`,
    passwordHash: `scrypt$${username}`,
  });

  beforeAll(async () => {
    schema = await openTestSchema('gateway', { migrations: IDENTITY_MIGRATIONS });
    db = schema.dataSource;
    const base = { regionCode: '360000', parentId: null } as const;
    root = await organisations.insert(db.manager, {
      ...base,
      nodeCode: NODE,
      name: '江西省人民政府',
      uscc: '113600000000000001',
      kind: 'government',
      isRoot: true,
    });
    department = await organisations.insert(db.manager, {
      ...base,
      nodeCode: NODE,
      name: '江西省公安厅',
      uscc: '113600000000000002',
      kind: 'department',
    });
    elsewhere = await organisations.insert(db.manager, {
      ...base,
      nodeCode: '100000',
      regionCode: '100000',
      name: '国家部委',
      uscc: '111000000000000003',
      kind: 'department',
    });
  });

  afterAll(async () => {
    await schema?.close();
  });

  it('inserts an account with its roles and reads it back on its node only', async () => {
    const id = await repository.insert(db.manager, user('zhangsan'), ['data-admin', 'catalog-editor']);
    const found = await repository.findById(db.manager, NODE, id);
    expect(found).toEqual({
      id,
      organisationId: department.id,
      username: 'zhangsan',
      displayName: '用户 zhangsan',
      roles: ['catalog-editor', 'data-admin'],
      active: true,
      createdAt: expect.any(Date),
      lastLoginAt: null,
    });
    expect(await repository.findById(db.manager, '100000', id)).toBeUndefined();
    expect(await repository.usernameTaken(db.manager, 'zhangsan')).toBe(true);
    expect(await repository.usernameTaken(db.manager, 'lisi')).toBe(false);
    const again = await repository.insert(db.manager, user('zhangsan'), []).catch((e: unknown) => e);
    expect(isUniqueViolation(again)).toBe(true);
    const bare = await repository.insert(db.manager, user('noroles'), []);
    expect((await repository.findById(db.manager, NODE, bare))?.roles).toEqual([]);
  });

  it('gives a login what it needs, active only while account and organisation are', async () => {
    const id = await repository.insert(db.manager, user('wangwu'), ['catalog-editor']);
    expect(await repository.findForLogin(db.manager, NODE, 'wangwu')).toEqual({
      id,
      organisationId: department.id,
      displayName: '用户 wangwu',
      passwordHash: 'scrypt$wangwu',
      active: true,
    });
    expect(await repository.findForLogin(db.manager, '100000', 'wangwu')).toBeUndefined();
    await repository.recordLogin(db.manager, id);
    expect((await repository.findById(db.manager, NODE, id))?.lastLoginAt).toBeInstanceOf(Date);
    expect((await repository.findForLogin(db.manager, NODE, 'wangwu'))?.passwordHash).toBe('scrypt$wangwu');
    await repository.recordLogin(db.manager, id, 'scrypt$rehashed');
    expect((await repository.findForLogin(db.manager, NODE, 'wangwu'))?.passwordHash).toBe('scrypt$rehashed');
    await repository.setPassword(db.manager, id, 'scrypt$changed');
    expect((await repository.findForLogin(db.manager, NODE, 'wangwu'))?.passwordHash).toBe('scrypt$changed');

    expect(await repository.setActive(db.manager, '100000', id, false)).toBe(false);
    expect(await repository.setActive(db.manager, NODE, id, false)).toBe(true);
    expect(await repository.findForLogin(db.manager, NODE, 'wangwu')).toMatchObject({ active: false });
    await repository.setActive(db.manager, NODE, id, true);
    await organisations.update(db.manager, NODE, department.id, { active: false });
    expect(await repository.findForLogin(db.manager, NODE, 'wangwu')).toMatchObject({ active: false });
    await organisations.update(db.manager, NODE, department.id, { active: true });
    expect(await repository.findForLogin(db.manager, NODE, 'wangwu')).toMatchObject({ active: true });
  });

  it('finds the same login candidate by id for a session renewal, on its own node only', async () => {
    const id = await repository.insert(db.manager, user('zhaoliu'), ['catalog-editor']);
    expect(await repository.findForRenewal(db.manager, NODE, id)).toEqual(
      await repository.findForLogin(db.manager, NODE, 'zhaoliu'),
    );
    expect(await repository.findForRenewal(db.manager, '100000', id)).toBeUndefined();
    await organisations.update(db.manager, NODE, department.id, { active: false });
    expect(await repository.findForRenewal(db.manager, NODE, id)).toMatchObject({ active: false });
    await organisations.update(db.manager, NODE, department.id, { active: true });
  });

  it('removes a grant, lists grants and counts the node-admins who are active', async () => {
    const admin = await repository.insert(db.manager, user('admin', root.id), ['node-admin']);
    const second = await repository.insert(db.manager, user('admin2', root.id), ['node-admin', 'auditor']);
    await repository.insert(db.manager, user('foreign', elsewhere.id), ['node-admin']);
    await db.transaction(async (manager) => {
      await repository.lockNodeAdmins(manager, NODE);
      expect(await repository.countWithRole(manager, NODE, 'node-admin')).toBe(2);
    });
    expect(await repository.grantsOf(db.manager, second)).toEqual(
      [
        { role: 'auditor', organisationId: root.id },
        { role: 'node-admin', organisationId: root.id },
      ].sort((a, b) => a.role.localeCompare(b.role)),
    );
    expect(await repository.removeGrant(db.manager, second, 'node-admin', root.id)).toBe(true);
    expect(await repository.removeGrant(db.manager, second, 'node-admin', root.id)).toBe(false);
    expect((await repository.findById(db.manager, NODE, second))?.roles).toEqual(['auditor']);
    expect(await repository.countWithRole(db.manager, NODE, 'node-admin')).toBe(1);
    await repository.setActive(db.manager, NODE, admin, false);
    expect(await repository.countWithRole(db.manager, NODE, 'node-admin')).toBe(0);
    expect(await repository.countWithRole(db.manager, '100000', 'node-admin')).toBe(1);
  });

  it('pages the accounts of the node or of one organisation in creation order', async () => {
    const ids: string[] = [];
    let page = await repository.page(db.manager, NODE, undefined, 2);
    ids.push(...page.items.map((u) => u.id));
    while (page.nextCursor) {
      page = await repository.page(db.manager, NODE, undefined, 2, decodeCursor(page.nextCursor));
      ids.push(...page.items.map((u) => u.id));
    }
    const expected: Array<{ id: string }> = await db.query(
      `SELECT u.id FROM user_account u JOIN organisation o ON o.id = u.organisation_id
       WHERE o.node_code = $1 ORDER BY u.created_at, u.id`,
      [NODE],
    );
    expect(ids).toEqual(expected.map((r) => r.id));
    const ofRoot = await repository.page(db.manager, NODE, root.id, 50);
    expect(ofRoot.items.map((u) => u.username).sort()).toEqual(['admin', 'admin2']);
    expect(ofRoot.nextCursor).toBeNull();
  });
});

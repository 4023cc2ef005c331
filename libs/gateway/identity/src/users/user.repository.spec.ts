import { toLoginCandidate, toUser, type UserRow } from './user.repository.js';

describe('user rows', () => {
  it('maps an account row, its roles and last login, to the account', () => {
    const created = new Date('2026-09-14T02:00:00.000Z');
    const row: UserRow = {
      id: 'u1',
      organisation_id: 'o1',
      username: 'zhangsan',
      display_name: '张三',
      roles: ['catalog-editor', 'data-admin'],
      active: true,
      created_at: created,
      last_login_at: null,
      page_key: 'k',
    };
    expect(toUser(row)).toEqual({
      id: 'u1',
      organisationId: 'o1',
      username: 'zhangsan',
      displayName: '张三',
      roles: ['catalog-editor', 'data-admin'],
      active: true,
      createdAt: created,
      lastLoginAt: null,
    });
    const login = new Date('2026-09-20T08:00:00.000Z');
    expect(toUser({ ...row, active: false, last_login_at: login })).toMatchObject({
      active: false,
      lastLoginAt: login,
    });
  });

  it('maps a login row to what a password login needs, and nothing else', () => {
    expect(
      toLoginCandidate({
        id: 'u1',
        organisation_id: 'o1',
        display_name: '张三',
        password_hash: 'scrypt$N=131072,r=8,p=1$salt$hash',
        active: false,
      }),
    ).toEqual({
      id: 'u1',
      organisationId: 'o1',
      displayName: '张三',
      passwordHash: 'scrypt$N=131072,r=8,p=1$salt$hash',
      active: false,
    });
  });
});

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 供需对接 brings three roles: 需求申请人 (demand-applicant), 部门审核人 (demand-approver) and
 * 提供方审核人 (provider-reviewer). The role checks of users' grants and service accounts list them.
 */
export class WidenRoles1766300000000 implements MigrationInterface {
  name = 'WidenRoles1766300000000';

  private static readonly ROLES = [
    'catalog-editor',
    'catalog-reviewer',
    'data-admin',
    'auditor',
    'operator',
    'node-admin',
    'api-consumer',
    'demand-applicant',
    'demand-approver',
    'provider-reviewer',
  ];

  async up(q: QueryRunner): Promise<void> {
    await this.replace(q, WidenRoles1766300000000.ROLES);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.replace(q, WidenRoles1766300000000.ROLES.slice(0, 7));
  }

  private async replace(q: QueryRunner, roles: string[]): Promise<void> {
    const list = roles.map((r) => `'${r}'`).join(', ');
    await q.query('ALTER TABLE role_grant DROP CONSTRAINT role_grant_role_check');
    await q.query(`ALTER TABLE role_grant ADD CONSTRAINT role_grant_role_check CHECK (role IN (${list}))`);
    await q.query('ALTER TABLE service_account DROP CONSTRAINT service_account_roles_check');
    await q.query(
      `ALTER TABLE service_account ADD CONSTRAINT service_account_roles_check CHECK (roles <@ ARRAY[${list}]::text[])`,
    );
  }
}

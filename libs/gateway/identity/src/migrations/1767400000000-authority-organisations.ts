import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据主管部门 — authority organisations: node-level roles (node-admin, operator, auditor,
 * catalog-reviewer, and data-admin as the node's data authority) take effect only when held in one
 * (see policy.ts in platform-auth). The root organisation always is one; a node-admin marks others.
 */
export class AuthorityOrganisations1767400000000 implements MigrationInterface {
  name = 'AuthorityOrganisations1767400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation ADD COLUMN authority boolean NOT NULL DEFAULT false');
    await q.query('UPDATE organisation SET authority = true WHERE is_root');
    await q.query(
      'ALTER TABLE organisation ADD CONSTRAINT organisation_root_is_authority CHECK (NOT is_root OR authority)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation DROP CONSTRAINT organisation_root_is_authority');
    await q.query('ALTER TABLE organisation DROP COLUMN authority');
  }
}

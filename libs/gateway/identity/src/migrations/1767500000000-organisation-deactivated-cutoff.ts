import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 停用机构 ends the sessions of its people and service accounts: a cutoff may now say so.
 */
export class OrganisationDeactivatedCutoff1767500000000 implements MigrationInterface {
  name = 'OrganisationDeactivatedCutoff1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE session_cutoff DROP CONSTRAINT session_cutoff_reason_check');
    await q.query(`
      ALTER TABLE session_cutoff ADD CONSTRAINT session_cutoff_reason_check CHECK (reason IN (
        'sign-out-everywhere', 'password-changed', 'deactivated', 'role-removed', 'secret-rotated',
        'service-account-revoked', 'organisation-deactivated'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM session_cutoff WHERE reason = 'organisation-deactivated'");
    await q.query('ALTER TABLE session_cutoff DROP CONSTRAINT session_cutoff_reason_check');
    await q.query(`
      ALTER TABLE session_cutoff ADD CONSTRAINT session_cutoff_reason_check CHECK (reason IN (
        'sign-out-everywhere', 'password-changed', 'deactivated', 'role-removed', 'secret-rotated',
        'service-account-revoked'))`);
  }
}

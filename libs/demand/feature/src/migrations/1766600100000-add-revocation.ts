import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 撤销授权 — a running grant withdrawn by the provider side, citing a legal ground: the application
 * ends in `revoked` (its terms stay on the timeline's grant step).
 */
export class AddRevocation1766600100000 implements MigrationInterface {
  name = 'AddRevocation1766600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE application DROP CONSTRAINT application_state_check');
    await q.query(`
      ALTER TABLE application ADD CONSTRAINT application_state_check CHECK (state IN ('department-review',
        'provider-review', 'authority-review', 'contested', 'granted', 'rejected', 'withdrawn', 'expired',
        'awaiting-registration', 'revoked'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE application DROP CONSTRAINT application_state_check');
    await q.query(`
      ALTER TABLE application ADD CONSTRAINT application_state_check CHECK (state IN ('department-review',
        'provider-review', 'authority-review', 'contested', 'granted', 'rejected', 'withdrawn', 'expired',
        'awaiting-registration'))`);
  }
}

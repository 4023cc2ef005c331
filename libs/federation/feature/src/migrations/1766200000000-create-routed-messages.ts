import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Messages for one node (e.g. a sharing application's next state, for the other party's node) travel
 * on the same logs as replicated records and standards: up in `replication_log`, down in
 * `downward_log`, each naming its `destination`. Children receive only the downward messages meant
 * for their subtree.
 */
export class CreateRoutedMessages1766200000000 implements MigrationInterface {
  name = 'CreateRoutedMessages1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE replication_log ADD COLUMN destination text');
    await q.query('ALTER TABLE downward_log ADD COLUMN destination text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE downward_log DROP COLUMN destination');
    await q.query('ALTER TABLE replication_log DROP COLUMN destination');
  }
}

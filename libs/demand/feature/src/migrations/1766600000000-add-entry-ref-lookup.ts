import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Entries of nodes outside this node's subtree never reach it by replication (the 一本账 grows
 * upwards only): an applicant names one by its code and the demand service looks it up at the node
 * the code names, through the federation. `looked_up_at` marks such a row: it is looked up again at
 * the next filing, while own entries and 一本账 replicas are kept current by their events.
 */
export class AddEntryRefLookup1766600000000 implements MigrationInterface {
  name = 'AddEntryRefLookup1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE entry_ref ADD COLUMN looked_up_at timestamptz');
    await q.query('CREATE INDEX entry_ref_code ON entry_ref (code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX entry_ref_code');
    await q.query('ALTER TABLE entry_ref DROP COLUMN looked_up_at');
  }
}

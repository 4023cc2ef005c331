import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 暂定到期日 — a clock whose due date was counted on a year without its holiday notice (on the rules
 * of 《全国年节及纪念日放假办法》) says so; the notice's arrival recomputes it and clears the mark.
 */
export class ProvisionalDueDates1767212000000 implements MigrationInterface {
  name = 'ProvisionalDueDates1767212000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE deadline_clock ADD COLUMN due_provisional boolean NOT NULL DEFAULT false');
    await q.query('CREATE INDEX deadline_clock_provisional ON deadline_clock (node_code) WHERE due_provisional');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX deadline_clock_provisional');
    await q.query('ALTER TABLE deadline_clock DROP COLUMN due_provisional');
  }
}

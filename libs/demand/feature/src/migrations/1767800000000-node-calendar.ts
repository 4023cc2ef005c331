import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 工作日历 — the node's holiday notices as the catalog issues or inherits them (calendar-year
 * standards), so demand counts on the same calendar; and the provisional mark of a step's due date
 * counted on a year without its notice.
 */
export class NodeCalendar1767800000000 implements MigrationInterface {
  name = 'NodeCalendar1767800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demand_calendar_year (
        year       integer PRIMARY KEY,
        notice     text NOT NULL,
        holidays   text[] NOT NULL,
        workdays   text[] NOT NULL,
        -- the node that issued the notice (this node for a local load, else an ancestor)
        origin     text NOT NULL,
        version    integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE application_step ADD COLUMN due_provisional boolean NOT NULL DEFAULT false');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE application_step DROP COLUMN due_provisional');
    await q.query('DROP TABLE demand_calendar_year');
  }
}

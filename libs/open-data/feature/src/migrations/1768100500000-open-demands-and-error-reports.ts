import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据需求征集 and 纠错 — what the public asks of the node's departments: a demand for data (routed
 * to a department by the node authority when the asker does not name one, answered within working
 * days, the answer public), and an error report on an open dataset (routed to its providing
 * department, answered corrected or rejected within working days).
 */
export class OpenDemandsAndErrorReports1768100500000 implements MigrationInterface {
  name = 'OpenDemandsAndErrorReports1768100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_demand (
        id                uuid PRIMARY KEY,
        account_id        uuid NOT NULL REFERENCES open_account (id),
        title             text NOT NULL,
        description       text NOT NULL,
        domain            text,
        -- the department asked (by the asker, or by the node authority's routing); null until routed
        organisation_id   uuid,
        organisation_name text,
        status            text NOT NULL CHECK (status IN ('open', 'answered')),
        due               date,
        due_provisional   boolean NOT NULL DEFAULT false,
        submitted_at      timestamptz NOT NULL,
        routed_at         timestamptz,
        routed_by         text,
        answer_outcome    text CHECK (answer_outcome IN ('will-open', 'already-open', 'cannot-open', 'not-held')),
        answer_text       text,
        answer_dataset_id uuid,
        answer_planned_by date,
        answered_at       timestamptz,
        answered_by       text,
        CHECK ((organisation_id IS NULL) = (organisation_name IS NULL)),
        CHECK (status <> 'answered' OR (answer_outcome IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await q.query('CREATE INDEX open_demand_public ON open_demand (submitted_at DESC, id)');
    await q.query('CREATE INDEX open_demand_department ON open_demand (organisation_id, status, submitted_at)');
    await q.query('CREATE INDEX open_demand_account ON open_demand (account_id, submitted_at DESC)');
    await q.query(`
      CREATE TABLE open_error_report (
        id               uuid PRIMARY KEY,
        dataset_id       uuid NOT NULL REFERENCES open_dataset (id),
        organisation_id  uuid NOT NULL,
        account_id       uuid NOT NULL REFERENCES open_account (id),
        resource_id      uuid REFERENCES open_resource (id) ON DELETE SET NULL,
        item             text,
        row_hint         text,
        description      text NOT NULL,
        status           text NOT NULL CHECK (status IN ('open', 'corrected', 'rejected')),
        due              date,
        due_provisional  boolean NOT NULL DEFAULT false,
        submitted_at     timestamptz NOT NULL,
        answer           text,
        answered_at      timestamptz,
        answered_by      text,
        CHECK (status = 'open' OR (answer IS NOT NULL AND answered_at IS NOT NULL))
      )`);
    await q.query(
      'CREATE INDEX open_error_report_department ON open_error_report (organisation_id, status, submitted_at)',
    );
    await q.query('CREATE INDEX open_error_report_account ON open_error_report (account_id, submitted_at DESC)');
    await q.query('CREATE INDEX open_error_report_dataset ON open_error_report (dataset_id, status)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_error_report');
    await q.query('DROP TABLE open_demand');
  }
}

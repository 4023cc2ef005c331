import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working-day clocks (时限): the node's deadline settings, holiday notices loaded for years the
 * shipped calendar lacks, annual re-review campaigns (年度复核) and the clocks themselves.
 */
export class CreateClocks1763900400000 implements MigrationInterface {
  name = 'CreateClocks1763900400000';

  async up(q: QueryRunner): Promise<void> {
    // One row per node once its data-admin (or the demo seed) sets it; absent means national defaults.
    await q.query(`
      CREATE TABLE deadline_settings (
        node_code          text PRIMARY KEY,
        registration_days  integer NOT NULL CHECK (registration_days BETWEEN 1 AND 250),
        update_days        integer NOT NULL CHECK (update_days BETWEEN 1 AND 250),
        review_days        integer NOT NULL CHECK (review_days BETWEEN 1 AND 250),
        annual_review_days integer NOT NULL CHECK (annual_review_days BETWEEN 1 AND 250),
        updated_by         text NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);

    // A year's 国务院办公厅 holiday notice, for years the shipped calendar data does not cover yet.
    await q.query(`
      CREATE TABLE calendar_year (
        year      integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        notice    text NOT NULL,
        holidays  date[] NOT NULL,
        workdays  date[] NOT NULL,
        loaded_by text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);

    // 年度复核: one campaign per node and year.
    await q.query(`
      CREATE TABLE review_campaign (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code    text NOT NULL,
        year         integer NOT NULL,
        started_on   date NOT NULL,
        working_days integer NOT NULL,
        opened_by    text NOT NULL,
        opened_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (node_code, year)
      )`);

    await q.query(`
      CREATE TABLE deadline_clock (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code        text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('registration', 'update', 'review', 'annual-review')),
        organisation_id  uuid NOT NULL,
        entry_id         uuid REFERENCES catalog_entry (id),
        entry_version    integer,
        system_id        uuid,
        campaign_id      uuid REFERENCES review_campaign (id),
        trigger          text NOT NULL,
        reason           text,
        started_on       date NOT NULL,
        working_days     integer NOT NULL CHECK (working_days >= 0),
        due_on           date,
        due_unknown      text CHECK (due_unknown IN ('calendar-data-missing')),
        status           text NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'met', 'missed-then-closed', 'closed-pending-calendar')),
        opened_by        text NOT NULL,
        opened_at        timestamptz NOT NULL DEFAULT now(),
        closed_on        date,
        closed_at        timestamptz,
        closed_by        text,
        close_reason     text,
        closing_entry_id uuid REFERENCES catalog_entry (id),
        -- A clock either has its due date or says loudly why not.
        CHECK ((due_on IS NULL) = (due_unknown IS NOT NULL)),
        CHECK ((status = 'open') = (closed_at IS NULL)),
        CHECK (status <> 'closed-pending-calendar' OR due_unknown IS NOT NULL),
        CHECK (kind = 'registration' OR entry_id IS NOT NULL),
        CHECK ((kind = 'annual-review') = (campaign_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX deadline_clock_open_due ON deadline_clock (node_code, due_on) WHERE status = 'open'`);
    await q.query('CREATE INDEX deadline_clock_organisation ON deadline_clock (organisation_id, status)');
    await q.query('CREATE INDEX deadline_clock_entry ON deadline_clock (entry_id, kind) WHERE entry_id IS NOT NULL');
    await q.query(
      'CREATE INDEX deadline_clock_due_unknown ON deadline_clock (node_code) WHERE due_unknown IS NOT NULL',
    );
    // One running review per entry, one open registration per system, one task per entry and campaign.
    await q.query(
      `CREATE UNIQUE INDEX deadline_clock_one_review ON deadline_clock (entry_id) WHERE kind = 'review' AND status = 'open'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX deadline_clock_one_registration ON deadline_clock (organisation_id, system_id)
       WHERE kind = 'registration' AND status = 'open' AND system_id IS NOT NULL`,
    );
    await q.query('CREATE UNIQUE INDEX deadline_clock_campaign_task ON deadline_clock (campaign_id, entry_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deadline_clock');
    await q.query('DROP TABLE review_campaign');
    await q.query('DROP TABLE calendar_year');
    await q.query('DROP TABLE deadline_settings');
  }
}

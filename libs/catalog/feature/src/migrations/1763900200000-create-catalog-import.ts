import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every Excel import with its outcome: who imported which file, how, and what became of each row.
 * A per-row import counts its rows in the same transaction that commits them, so the record agrees
 * with the catalog even when the caller never received the answer (a dropped connection, a timeout).
 */
export class CreateCatalogImport1763900200000 implements MigrationInterface {
  name = 'CreateCatalogImport1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_import (
        id              uuid PRIMARY KEY,
        node_code       text NOT NULL,
        organisation_id uuid NOT NULL,
        actor_subject   text NOT NULL,
        mode            text NOT NULL CHECK (mode IN ('all-or-nothing', 'per-row')),
        dry_run         boolean NOT NULL,
        file_name       text,
        file_sha256     text NOT NULL,
        state           text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished')),
        committed       boolean NOT NULL DEFAULT false,
        total           integer NOT NULL DEFAULT 0,
        created         integer NOT NULL DEFAULT 0,
        updated         integer NOT NULL DEFAULT 0,
        unchanged       integer NOT NULL DEFAULT 0,
        failed          integer NOT NULL DEFAULT 0,
        message         text,
        report          jsonb,
        started_at      timestamptz NOT NULL DEFAULT now(),
        finished_at     timestamptz
      )`);
    await q.query('CREATE INDEX catalog_import_organisation ON catalog_import (organisation_id, started_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE catalog_import');
  }
}

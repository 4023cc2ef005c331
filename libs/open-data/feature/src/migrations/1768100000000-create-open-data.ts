import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据开放 — open datasets made from the node's published catalog entries whose 开放属性 allows
 * opening, each through the node authority's opening review (开放审核); their resources (the
 * mounted tables, with a decision per column) and the download counts per day.
 */
export class CreateOpenData1768100000000 implements MigrationInterface {
  name = 'CreateOpenData1768100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_dataset (
        id                uuid PRIMARY KEY,
        node_code         text NOT NULL,
        entry_id          uuid NOT NULL UNIQUE,
        entry_code        text NOT NULL,
        entry_version     integer NOT NULL,
        -- the catalog transition last applied, so a replayed or older event changes nothing
        entry_sequence    bigint NOT NULL,
        organisation_id   uuid NOT NULL,
        provider_name     text NOT NULL,
        provider_code     text NOT NULL,
        name              text NOT NULL,
        abstract          text NOT NULL,
        open_type         text NOT NULL CHECK (open_type IN ('unconditional', 'conditional')),
        open_conditions   text NOT NULL DEFAULT '',
        update_cycle      text NOT NULL,
        region_code       text NOT NULL,
        classification    text NOT NULL,
        tags              text[] NOT NULL DEFAULT '{}',
        items             jsonb NOT NULL,
        formats           text[] NOT NULL DEFAULT '{}',
        domain            text,
        licence           text,
        status            text NOT NULL CHECK (status IN ('pending', 'open', 'refused', 'archived')),
        review            jsonb,
        review_due        date,
        review_due_provisional boolean NOT NULL DEFAULT false,
        submitted_at      timestamptz NOT NULL,
        opened_at         timestamptz,
        archived_at       timestamptz,
        archived_reason   text,
        metadata_modified timestamptz NOT NULL,
        CHECK (status <> 'open' OR (domain IS NOT NULL AND licence IS NOT NULL AND opened_at IS NOT NULL))
      )`);
    await q.query('CREATE INDEX open_dataset_status ON open_dataset (status, metadata_modified DESC, id)');
    await q.query('CREATE INDEX open_dataset_modified ON open_dataset (metadata_modified, id)');
    await q.query(`
      CREATE TABLE open_resource (
        id            uuid PRIMARY KEY,
        dataset_id    uuid NOT NULL REFERENCES open_dataset (id) ON DELETE CASCADE,
        kind          text NOT NULL CHECK (kind IN ('table')),
        mount_id      uuid NOT NULL,
        name          text NOT NULL,
        -- where the table is: data source (its password sealed), schema, table
        source        jsonb NOT NULL,
        -- the reviewed columns: [{column, columnType, item, decision, mask?}], in table order
        columns       jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (dataset_id, mount_id)
      )`);
    await q.query(`
      CREATE TABLE open_download_count (
        resource_id uuid NOT NULL REFERENCES open_resource (id) ON DELETE CASCADE,
        day         date NOT NULL,
        format      text NOT NULL,
        downloads   bigint NOT NULL DEFAULT 0,
        rows_served bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (resource_id, day, format)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_download_count');
    await q.query('DROP TABLE open_resource');
    await q.query('DROP TABLE open_dataset');
  }
}

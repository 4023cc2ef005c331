import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一本账 — read-only replicas of the published and retired entries of this node's subtree, applied
 * from `federation.replica.v1`, one row per record however many paths it arrived by. The origin's
 * version (its transition sequence) decides: a row changes only for a higher one, so replays and
 * late copies are harmless.
 *
 * Replicas are searched in the same `entry_search` index as the node's own entries (`replica`
 * true, `node_code` the origin), so every search feature works over the whole ledger. Their ids
 * are not in `catalog_entry`, hence the foreign key goes.
 */
export class CreateReplicaEntry1764100000000 implements MigrationInterface {
  name = 'CreateReplicaEntry1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE replica_entry (
        origin_node     text NOT NULL,
        entry_id        uuid NOT NULL,
        code            text NOT NULL,
        organisation_id uuid NOT NULL,
        provider_name   text NOT NULL,
        provider_code   text NOT NULL,
        -- the origin's transition sequence of the last applied record; the highest wins
        version         bigint NOT NULL,
        -- the entry's own version number (版本) whose content this is
        entry_version   integer NOT NULL,
        content         jsonb NOT NULL,
        publish_date    date,
        published_at    timestamptz NOT NULL,
        -- origin first, this node last
        path            text[] NOT NULL,
        received_at     timestamptz NOT NULL,
        retired         boolean NOT NULL,
        restricted      boolean NOT NULL,
        applied_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (origin_node, entry_id)
      )`);
    await q.query('CREATE INDEX replica_entry_code ON replica_entry (origin_node, code)');
    await q.query('CREATE INDEX replica_entry_organisation ON replica_entry (organisation_id)');

    await q.query('ALTER TABLE entry_search DROP CONSTRAINT IF EXISTS entry_search_entry_id_fkey');
    await q.query('ALTER TABLE entry_search ADD COLUMN replica boolean NOT NULL DEFAULT false');
    // Statistics per origin, and the origin facet/filter.
    await q.query('CREATE INDEX entry_search_origin ON entry_search (node_code, status)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX entry_search_origin');
    await q.query('DELETE FROM entry_search WHERE replica');
    await q.query('ALTER TABLE entry_search DROP COLUMN replica');
    await q.query(
      'ALTER TABLE entry_search ADD CONSTRAINT entry_search_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES catalog_entry (id)',
    );
    await q.query('DROP TABLE replica_entry');
  }
}

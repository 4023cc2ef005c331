import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseItemName } from '../entries/entry-content.js';
import { ReplicaEntryRepository } from '../ledger/replica-entry.repository.js';
import { indexSource } from '../ledger/replica-projection.service.js';
import { EntrySearchIndexer } from '../search/entry-search.indexer.js';
import { systemNameKey } from '../systems/information-system.js';
import { comparableName } from '@govdata/text';

const BATCH = 500;

/**
 * 繁简折叠 — whatever compares text a person typed folds traditional and simplified script
 * (@govdata/text, libs/shared/text), so a node upgraded with data must have its comparison keys recomputed:
 *
 * - the search index (`entry_search`, `entry_search_tag`): lexemes, name keys and tag keys of every
 *   entry and replica (一本账), so the node searches in both scripts;
 * - 一数一源 fingerprints: item name keys (`n:…`) and a folded name for the similarity check;
 * - data elements: a folded name for look-up;
 * - information systems: the name key that keeps an organisation's system names apart (two
 *   systems already registered under names that differ only in script keep their old keys).
 *
 * Only keys are written; entries, replicas and data elements keep the text as it was entered.
 */
export class FoldScripts1767300000000 implements MigrationInterface {
  name = 'FoldScripts1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await this.reindexSearch(q);

    await q.query('ALTER TABLE source_fingerprint ADD COLUMN name_key text');
    await this.fillNameKeys(q, 'source_fingerprint', 'entry_id', 'uuid');
    await q.query('ALTER TABLE source_fingerprint ALTER COLUMN name_key SET NOT NULL');
    await this.refoldItemKeys(q);

    await q.query('ALTER TABLE data_element ADD COLUMN name_key text');
    await this.fillNameKeys(q, 'data_element', 'identifier', 'text');
    await q.query('ALTER TABLE data_element ALTER COLUMN name_key SET NOT NULL');

    await this.refoldSystemNames(q);
  }

  /** The unfolded keys are not recomputed: the previous release rebuilds its search index itself. */
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE data_element DROP COLUMN name_key');
    await q.query('ALTER TABLE source_fingerprint DROP COLUMN name_key');
  }

  private async reindexSearch(q: QueryRunner): Promise<void> {
    const indexer = new EntrySearchIndexer();
    for (let after: string | null = null; ;) {
      const ids = await indexer.entryIdsAfter(q.manager, after, BATCH);
      if (ids.length === 0) break;
      await indexer.index(q.manager, ids);
      after = ids[ids.length - 1]!;
    }
    const replicas = new ReplicaEntryRepository();
    for (let after: { originNode: string; entryId: string } | null = null; ;) {
      const page = await replicas.pageAfter(q.manager, after, BATCH);
      if (page.length === 0) break;
      await indexer.indexReplicas(q.manager, page.map(indexSource));
      after = page[page.length - 1]!;
    }
  }

  private async fillNameKeys(q: QueryRunner, table: string, id: string, idType: string): Promise<void> {
    const rows: Array<{ id: string; name: string }> = await q.query(`SELECT ${id} AS id, name FROM ${table}`);
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await q.query(
        `UPDATE ${table} t SET name_key = r.key FROM unnest($1::${idType}[], $2::text[]) AS r(id, key) WHERE t.${id} = r.id`,
        [batch.map((r) => r.id), batch.map((r) => comparableName(r.name))],
      );
    }
  }

  private async refoldSystemNames(q: QueryRunner): Promise<void> {
    const systems: Array<{ id: string; organisation_id: string; name: string }> = await q.query(
      'SELECT id, organisation_id, name FROM information_system ORDER BY created_at, id',
    );
    for (const s of systems) {
      await q.query(
        `UPDATE information_system SET name_key = $3
          WHERE id = $1 AND NOT EXISTS (
                SELECT 1 FROM information_system o WHERE o.organisation_id = $2 AND o.name_key = $3 AND o.id <> $1)`,
        [s.id, s.organisation_id, systemNameKey(s.name)],
      );
    }
  }

  /** Item name keys (`n:<normalised name>`) recomputed from the item names they were made of. */
  private async refoldItemKeys(q: QueryRunner): Promise<void> {
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const ids: Array<{ entry_id: string }> = await q.query(
        'SELECT entry_id FROM source_fingerprint WHERE entry_id > $1 ORDER BY entry_id LIMIT $2',
        [after, BATCH],
      );
      if (ids.length === 0) break;
      const removed: Array<{ entry_id: string; item_name: string }> = await q.query(
        `DELETE FROM source_fingerprint_key WHERE entry_id = ANY($1::uuid[]) AND key LIKE 'n:%'
         RETURNING entry_id, item_name`,
        [ids.map((r) => r.entry_id)],
      );
      await q.query(
        `INSERT INTO source_fingerprint_key (entry_id, key, item_name)
         SELECT e, k, n FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(e, k, n) ON CONFLICT DO NOTHING`,
        [
          removed.map((r) => r.entry_id),
          removed.map((r) => `n:${normaliseItemName(r.item_name)}`),
          removed.map((r) => r.item_name),
        ],
      );
      after = ids[ids.length - 1]!.entry_id;
    }
  }
}

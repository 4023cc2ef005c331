import type { EntityManager } from 'typeorm';
import { searchRow, type IndexSource, type SearchRow } from './entry-search-document.js';
import { toIndexSource, type IndexSourceRaw } from './search-rows.js';
import { modifiedRows } from '@govdata/platform-persistence';

/**
 * Writes the search index (`entry_search`, `entry_search_tag`) from the entries: called by the
 * entry hook inside every entry write's transaction, and batch by batch for a rebuild.
 */
export class EntrySearchIndexer {
  /** Rewrites the index rows of these entries from the entries themselves. */
  async index(manager: EntityManager, entryIds: readonly string[]): Promise<number> {
    if (entryIds.length === 0) return 0;
    const sources = await this.readSources(manager, entryIds);
    await this.write(manager, sources.map(searchRow), false);
    return sources.length;
  }

  /**
   * Writes the index rows of replicas (一本账): the same row an own entry has, flagged `replica`,
   * `node_code` the origin. Never replaces an own entry's row, nor an own entry a replica's.
   */
  async indexReplicas(manager: EntityManager, sources: readonly IndexSource[]): Promise<void> {
    await this.write(manager, sources.map(searchRow), true);
  }

  /** Ids of entries after `after` in id order, for rebuilding the index batch by batch. */
  async entryIdsAfter(manager: EntityManager, after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT id FROM catalog_entry WHERE id > $1 ORDER BY id LIMIT $2',
      [after ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    return rows.map((r) => r.id);
  }

  /** Drops index rows whose own entry no longer exists (replicas have no `catalog_entry` row). */
  async dropOrphans(manager: EntityManager): Promise<number> {
    const rows = await modifiedRows(
      manager,
      'DELETE FROM entry_search s WHERE NOT s.replica AND NOT EXISTS (SELECT 1 FROM catalog_entry e WHERE e.id = s.entry_id) RETURNING entry_id',
    );
    return rows.length;
  }

  /**
   * Reads entries with a share lock: a rebuild batch running beside an entry write waits for it
   * (and it for the batch), so an older read can never overwrite the row the write's hook made.
   */
  private async readSources(manager: EntityManager, entryIds: readonly string[]): Promise<IndexSource[]> {
    const rows: IndexSourceRaw[] = await manager.query(
      `SELECT e.id, e.code, e.node_code, e.organisation_id, e.head_state, e.published_version,
              e.retired_at IS NOT NULL AS retired, e.updated_at, e.first_published_at,
              v.version, v.content, v.published_at, to_char(v.publish_date, 'YYYY-MM-DD') AS publish_date
         FROM catalog_entry e
         JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = COALESCE(e.published_version, e.head_version)
        WHERE e.id = ANY($1::uuid[])
          FOR SHARE OF e`,
      [entryIds],
    );
    return rows.map(toIndexSource);
  }

  private async write(manager: EntityManager, rows: SearchRow[], replica: boolean): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO entry_search (entry_id, node_code, organisation_id, code, version, name, name_key, abstract, tags,
                                 name_len, status, published, restricted, classification_code, sharing_type, open_type,
                                 grade_category, grade_level, grade, update_cycle, publish_date, sort_at, recency, name_vector,
                                 title_vector, item_vector, document, replica, indexed_at)
       SELECT r.entry_id, r.node_code, r.organisation_id, r.code, r.version, r.name, r.name_key, r.abstract, r.tags,
              r.name_len, r.status, r.published, r.restricted, r.classification_code, r.sharing_type, r.open_type,
              r.grade_category, r.grade_level, r.grade, r.update_cycle, r.publish_date, r.sort_at, r.recency, r.name_vector::tsvector,
              r.title_vector::tsvector, r.item_vector::tsvector, r.document::tsvector, $2::boolean, now()
         FROM jsonb_to_recordset($1::jsonb) AS r(
              entry_id uuid, node_code text, organisation_id uuid, code text, version integer, name text, name_key text,
              abstract text, tags text[], name_len smallint, status text, published boolean, restricted boolean,
              classification_code text, sharing_type text, open_type text, grade_category text, grade_level smallint,
              grade text, update_cycle text, publish_date date, sort_at timestamptz, recency bigint, name_vector text, title_vector text, item_vector text, document text)
       ON CONFLICT (entry_id) DO UPDATE SET
              node_code = EXCLUDED.node_code, organisation_id = EXCLUDED.organisation_id, code = EXCLUDED.code,
              version = EXCLUDED.version, name = EXCLUDED.name, name_key = EXCLUDED.name_key, name_len = EXCLUDED.name_len,
              abstract = EXCLUDED.abstract, tags = EXCLUDED.tags, status = EXCLUDED.status,
              published = EXCLUDED.published, restricted = EXCLUDED.restricted,
              classification_code = EXCLUDED.classification_code, sharing_type = EXCLUDED.sharing_type,
              open_type = EXCLUDED.open_type, grade_category = EXCLUDED.grade_category,
              grade_level = EXCLUDED.grade_level, grade = EXCLUDED.grade, update_cycle = EXCLUDED.update_cycle,
              publish_date = EXCLUDED.publish_date, sort_at = EXCLUDED.sort_at, recency = EXCLUDED.recency,
              name_vector = EXCLUDED.name_vector, title_vector = EXCLUDED.title_vector,
              item_vector = EXCLUDED.item_vector, document = EXCLUDED.document,
              indexed_at = now()
        WHERE entry_search.replica = EXCLUDED.replica AND entry_search.node_code = EXCLUDED.node_code`,
      [JSON.stringify(rows), replica],
    );
    const ids = rows.map((r) => r.entry_id);
    await manager.query('DELETE FROM entry_search_tag WHERE entry_id = ANY($1::uuid[])', [ids]);
    const tags = rows.flatMap((r) => {
      const seen = new Set<string>();
      return r.tags.flatMap((tag, i) => {
        const key = r.tag_keys[i]!;
        if (seen.has(key)) return [];
        seen.add(key);
        return [{ entry_id: r.entry_id, tag_key: key, tag }];
      });
    });
    if (tags.length) {
      await manager.query(
        `INSERT INTO entry_search_tag (entry_id, tag_key, tag)
         SELECT r.entry_id, r.tag_key, r.tag FROM jsonb_to_recordset($1::jsonb) AS r(entry_id uuid, tag_key text, tag text)`,
        [JSON.stringify(tags)],
      );
    }
  }
}

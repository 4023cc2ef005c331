import type { EntityManager } from 'typeorm';
import type { EntryContent } from '../entries/entry-content.js';
import { comparableName } from '@govdata/text';
import type { ItemKey } from './item-overlap.js';

export interface Fingerprint {
  entryId: string;
  nodeCode: string;
  organisationId: string;
  version: number;
  classificationCode: string;
  name: string;
  itemCount: number;
  keys: ItemKey[];
}

export interface SharedKeyCandidate {
  entryId: string;
  keys: ItemKey[];
}

/**
 * What each registered entry claims to hold (name, classification, item keys), kept apart from the
 * entries so that finding another provider's copy is an index lookup, not a scan of every entry.
 */
export class SourceFingerprintRepository {
  /** The content of one version of an entry. */
  async versionContent(manager: EntityManager, entryId: string, version: number): Promise<EntryContent | null> {
    const rows: Array<{ content: EntryContent }> = await manager.query(
      'SELECT content FROM catalog_entry_version WHERE entry_id = $1 AND version = $2',
      [entryId, version],
    );
    return rows[0]?.content ?? null;
  }

  /**
   * Serialises 一数一源 detection on the node until the transaction ends: two providers submitting
   * the same data at the same moment would otherwise each miss the other's uncommitted fingerprint.
   */
  async lockNode(manager: EntityManager, nodeCode: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`catalog:one-source:${nodeCode}`]);
  }

  async upsert(manager: EntityManager, f: Fingerprint): Promise<void> {
    await manager.query(
      `INSERT INTO source_fingerprint (entry_id, node_code, organisation_id, version, classification_code, name, name_key, item_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (entry_id) DO UPDATE SET version = EXCLUDED.version, classification_code = EXCLUDED.classification_code,
         name = EXCLUDED.name, name_key = EXCLUDED.name_key, item_count = EXCLUDED.item_count, updated_at = now()`,
      [
        f.entryId,
        f.nodeCode,
        f.organisationId,
        f.version,
        f.classificationCode,
        f.name,
        comparableName(f.name),
        f.itemCount,
      ],
    );
    await manager.query('DELETE FROM source_fingerprint_key WHERE entry_id = $1', [f.entryId]);
    await manager.query(
      `INSERT INTO source_fingerprint_key (entry_id, key, item_name)
       SELECT $1, k, n FROM unnest($2::text[], $3::text[]) AS t(k, n) ON CONFLICT DO NOTHING`,
      [f.entryId, f.keys.map((k) => k.key), f.keys.map((k) => k.itemName)],
    );
  }

  async remove(manager: EntityManager, entryId: string): Promise<void> {
    await manager.query('DELETE FROM source_fingerprint WHERE entry_id = $1', [entryId]);
  }

  /**
   * Entries of other organisations of the node holding at least `minShared` of the keys, with the
   * keys they hold. The key index keeps this a lookup however large the catalog.
   */
  async sharingKeys(
    manager: EntityManager,
    f: Pick<Fingerprint, 'entryId' | 'nodeCode' | 'organisationId' | 'keys'>,
    minShared: number,
    limit: number,
  ): Promise<SharedKeyCandidate[]> {
    const rows: Array<{ entry_id: string; keys: string[]; names: string[] }> = await manager.query(
      `SELECT k.entry_id, array_agg(k.key ORDER BY k.key) AS keys, array_agg(k.item_name ORDER BY k.key) AS names
       FROM source_fingerprint_key k JOIN source_fingerprint f ON f.entry_id = k.entry_id
       WHERE k.key = ANY($1::text[]) AND f.node_code = $2 AND f.organisation_id <> $3 AND f.entry_id <> $4
       GROUP BY k.entry_id HAVING count(*) >= $5
       ORDER BY count(*) DESC, k.entry_id LIMIT $6`,
      [f.keys.map((k) => k.key), f.nodeCode, f.organisationId, f.entryId, minShared, limit],
    );
    return rows.map((r) => ({
      entryId: r.entry_id,
      keys: r.keys.map((key, i) => ({ key, itemName: r.names[i]! })),
    }));
  }

  /**
   * Entries of other organisations in the same classification whose names are this similar
   * (pg_trgm), compared folded (`comparableName`): a name in either script is the same name.
   */
  async similarNames(
    manager: EntityManager,
    f: Pick<Fingerprint, 'entryId' | 'nodeCode' | 'organisationId' | 'classificationCode' | 'name'>,
    threshold: number,
    limit: number,
  ): Promise<Array<{ entryId: string; name: string; similarity: number }>> {
    const rows: Array<{ entry_id: string; name: string; similarity: number }> = await manager.query(
      `SELECT entry_id, name, similarity(name_key, $5)::float8 AS similarity FROM source_fingerprint
       WHERE node_code = $1 AND classification_code = $2 AND organisation_id <> $3 AND entry_id <> $4
         AND similarity(name_key, $5) >= $6
       ORDER BY similarity DESC, entry_id LIMIT $7`,
      [f.nodeCode, f.classificationCode, f.organisationId, f.entryId, comparableName(f.name), threshold, limit],
    );
    return rows.map((r) => ({ entryId: r.entry_id, name: r.name, similarity: r.similarity }));
  }
}

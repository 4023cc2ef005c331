import type { EntityManager } from 'typeorm';
import type { EntryRef } from './entry-ref.js';

const COLUMNS = `entry_id, node_code, code, name, organisation_id, provider_name, sharing_type, sharing_conditions,
  sharing_legal_basis, grade_category, items, retired, replica, version`;

/** A row of `entry_ref` as the queries below select it (`version` is a bigint, which pg reads as text). */
export interface EntryRefRow {
  entry_id: string;
  node_code: string;
  code: string;
  name: string;
  organisation_id: string;
  provider_name: string;
  sharing_type: EntryRef['sharingType'];
  sharing_conditions: string | null;
  sharing_legal_basis: string | null;
  grade_category: string;
  items: string[];
  retired: boolean;
  replica: boolean;
  version: string | number;
}

/** An entry as stored, with whether it was looked up at its node rather than brought by an event. */
export interface StoredEntryRef extends EntryRef {
  /** Set when the row came from a lookup at the entry's node (not kept current by events). */
  lookedUpAt: Date | null;
}

/** `entry_ref`: the published entries applications may name (own, 一本账 replicas, looked up). */
export class EntryRefRepository {
  /**
   * Stores the entry unless a version as high is stored already; true when it changed something.
   * `lookedUpAt`: when it was looked up at its node; null for what an event brought.
   */
  async upsertIfNewer(manager: EntityManager, e: EntryRef, lookedUpAt: Date | null = null): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO entry_ref (${COLUMNS}, looked_up_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text[], $12, $13, $14, $15, now())
       ON CONFLICT (entry_id) DO UPDATE SET node_code = EXCLUDED.node_code, code = EXCLUDED.code,
              name = EXCLUDED.name, organisation_id = EXCLUDED.organisation_id,
              provider_name = EXCLUDED.provider_name, sharing_type = EXCLUDED.sharing_type,
              sharing_conditions = EXCLUDED.sharing_conditions, sharing_legal_basis = EXCLUDED.sharing_legal_basis,
              grade_category = EXCLUDED.grade_category, items = EXCLUDED.items, retired = EXCLUDED.retired,
              replica = EXCLUDED.replica, version = EXCLUDED.version, looked_up_at = EXCLUDED.looked_up_at,
              updated_at = now()
        WHERE entry_ref.version < EXCLUDED.version
       RETURNING entry_id`,
      [
        e.entryId,
        e.nodeCode,
        e.code,
        e.name,
        e.organisationId,
        e.providerName,
        e.sharingType,
        e.sharingConditions,
        e.sharingLegalBasis,
        e.gradeCategory,
        e.items,
        e.retired,
        e.replica,
        e.version,
        lookedUpAt,
      ],
    );
    return rows.length > 0;
  }

  /** The entry with this 信息资源代码, if stored. */
  async findByCode(manager: EntityManager, code: string): Promise<StoredEntryRef | null> {
    const rows: Array<EntryRefRow & { looked_up_at: Date | null }> = await manager.query(
      `SELECT ${COLUMNS}, looked_up_at FROM entry_ref WHERE code = $1 ORDER BY version DESC LIMIT 1`,
      [code],
    );
    const row = rows[0];
    return row ? { ...toEntryRef(row), lookedUpAt: row.looked_up_at ?? null } : null;
  }

  async find(manager: EntityManager, entryId: string): Promise<EntryRef | null> {
    const rows: EntryRefRow[] = await manager.query(`SELECT ${COLUMNS} FROM entry_ref WHERE entry_id = $1`, [entryId]);
    return rows[0] ? toEntryRef(rows[0]) : null;
  }
}

/** An `entry_ref` row as the entry it stands for. */
export function toEntryRef(row: EntryRefRow): EntryRef {
  return {
    entryId: row.entry_id,
    nodeCode: row.node_code,
    code: row.code,
    name: row.name,
    organisationId: row.organisation_id,
    providerName: row.provider_name,
    sharingType: row.sharing_type,
    sharingConditions: row.sharing_conditions ?? null,
    sharingLegalBasis: row.sharing_legal_basis ?? null,
    gradeCategory: row.grade_category,
    items: row.items,
    retired: row.retired,
    replica: row.replica,
    version: Number(row.version),
  };
}

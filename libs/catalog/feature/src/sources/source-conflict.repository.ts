import type { EntityManager } from 'typeorm';
import { entryStatus, type VersionState } from '../entries/entry-lifecycle.js';
import {
  CONFLICT_LABELS,
  type ConflictEntry,
  type ConflictReason,
  type ConflictStatus,
  type SourceConflict,
} from './source-conflict.js';

export interface ConflictCursor {
  detectedAt: string;
  id: string;
}

/**
 * 一数一源 flags, the only writer of `source_conflict`; scoped to a node. The entries' authoritative-source
 * pointers are the entry repository's (`EntryRepository.designateAuthority`).
 */
export class SourceConflictRepository {
  /**
   * Records a flag for the pair, or refreshes the open one. A pair already resolved or dismissed
   * stays decided: the authority is not asked the same question again.
   */
  async raise(
    manager: EntityManager,
    c: { nodeCode: string; entryId: string; otherEntryId: string; reasons: ConflictReason[]; score: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO source_conflict (node_code, entry_id, other_entry_id, reasons, score)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (pair_low, pair_high) DO UPDATE SET entry_id = EXCLUDED.entry_id,
         other_entry_id = EXCLUDED.other_entry_id, reasons = EXCLUDED.reasons, score = EXCLUDED.score,
         last_detected_at = now()
       WHERE source_conflict.status = 'open'`,
      [c.nodeCode, c.entryId, c.otherEntryId, JSON.stringify(c.reasons), c.score],
    );
  }

  async list(
    manager: EntityManager,
    nodeCode: string,
    filter: { status?: ConflictStatus; entryId?: string },
    limit: number,
    after?: ConflictCursor,
  ): Promise<{ items: SourceConflict[]; next: ConflictCursor | null }> {
    const rows: SourceConflictRaw[] = await manager.query(
      `${SELECT}
       WHERE c.node_code = $1 AND ($2::text IS NULL OR c.status = $2)
         AND ($3::uuid IS NULL OR c.entry_id = $3 OR c.other_entry_id = $3)
         AND ($4::timestamptz IS NULL OR (c.detected_at, c.id) < ($4::timestamptz, $5::uuid))
       ORDER BY c.detected_at DESC, c.id DESC LIMIT $6`,
      [
        nodeCode,
        filter.status ?? null,
        filter.entryId ?? null,
        after?.detectedAt ?? null,
        after?.id ?? null,
        limit + 1,
      ],
    );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map(toConflict),
      // The exact timestamp (microseconds) as PostgreSQL prints it, so paging never skips a row.
      next: last ? { detectedAt: last.cursor_at, id: last.id } : null,
    };
  }

  async findById(
    manager: EntityManager,
    nodeCode: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<SourceConflict | null> {
    const rows: SourceConflictRaw[] = await manager.query(
      `${SELECT} WHERE c.node_code = $1 AND c.id = $2${options.forUpdate ? ' FOR UPDATE OF c' : ''}`,
      [nodeCode, id],
    );
    return rows[0] ? toConflict(rows[0]) : null;
  }

  async decide(
    manager: EntityManager,
    id: string,
    d: {
      status: Exclude<ConflictStatus, 'open'>;
      authoritativeEntryId: string | null;
      note: string | null;
      actor: string;
      actorName: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE source_conflict SET status = $2, authoritative_entry_id = $3, note = $4, decided_by = $5,
         decided_by_name = $6, decided_at = now()
       WHERE id = $1`,
      [id, d.status, d.authoritativeEntryId, d.note, d.actor, d.actorName],
    );
  }
}

const SIDE = (alias: string) => `
  ${alias}.id AS ${alias}_id, ${alias}.code AS ${alias}_code, ${alias}v.name AS ${alias}_name,
  ${alias}.organisation_id AS ${alias}_organisation_id, ${alias}o.name AS ${alias}_organisation_name,
  ${alias}.head_state AS ${alias}_head_state, ${alias}.published_version AS ${alias}_published_version,
  ${alias}.retired_at IS NOT NULL AS ${alias}_retired, ${alias}.authoritative_entry_id AS ${alias}_authority`;

const JOIN = (alias: string, column: string) => `
  JOIN catalog_entry ${alias} ON ${alias}.id = c.${column}
  JOIN catalog_entry_version ${alias}v ON ${alias}v.entry_id = ${alias}.id AND ${alias}v.version = ${alias}.head_version
  LEFT JOIN organisation_ref ${alias}o ON ${alias}o.id = ${alias}.organisation_id`;

const SELECT = `
  SELECT c.id, c.status, c.score::float8 AS score, c.reasons, c.detected_at, c.last_detected_at,
         c.authoritative_entry_id, c.note, c.decided_by, c.decided_by_name, c.decided_at, c.detected_at::text AS cursor_at,
         ${SIDE('a')}, ${SIDE('b')}
  FROM source_conflict c ${JOIN('a', 'entry_id')} ${JOIN('b', 'other_entry_id')}`;

/** The columns {@link SIDE} selects for one entry of the pair, prefixed `a_` or `b_`. */
type SideRaw<A extends 'a' | 'b'> = {
  [K in keyof ConflictSideColumns as `${A}_${K}`]: ConflictSideColumns[K];
};

interface ConflictSideColumns {
  id: string;
  code: string;
  name: string;
  organisation_id: string;
  organisation_name: string | null;
  head_state: VersionState;
  published_version: number | null;
  retired: boolean;
  authority: string | null;
}

/** A `source_conflict` row with both entries, as {@link SELECT} selects it. */
export interface SourceConflictRaw extends SideRaw<'a'>, SideRaw<'b'> {
  id: string;
  status: ConflictStatus;
  score: number;
  reasons: ConflictReason[];
  detected_at: Date;
  last_detected_at: Date;
  authoritative_entry_id: string | null;
  note: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  /** `detected_at` as PostgreSQL prints it (microseconds), for the page cursor. */
  cursor_at: string;
}

function side(row: SourceConflictRaw, alias: 'a' | 'b'): ConflictEntry {
  return {
    id: row[`${alias}_id`],
    code: row[`${alias}_code`],
    name: row[`${alias}_name`],
    organisationId: row[`${alias}_organisation_id`],
    organisationName: row[`${alias}_organisation_name`] ?? null,
    status: entryStatus(row[`${alias}_head_state`], row[`${alias}_published_version`] ?? null, row[`${alias}_retired`]),
    authoritativeEntryId: row[`${alias}_authority`] ?? null,
  };
}

export function toConflict(row: SourceConflictRaw): SourceConflict {
  const status = row.status;
  const decidedAt = row.decided_at;
  return {
    id: row.id,
    status,
    statusLabel: CONFLICT_LABELS.status[status],
    score: row.score,
    reasons: row.reasons.map((r) => ({ ...r, label: CONFLICT_LABELS.reason[r.kind] })),
    entry: side(row, 'a'),
    other: side(row, 'b'),
    detectedAt: row.detected_at.toISOString(),
    lastDetectedAt: row.last_detected_at.toISOString(),
    decision: decidedAt
      ? {
          authoritativeEntryId: row.authoritative_entry_id ?? null,
          note: row.note ?? null,
          decidedBy: row.decided_by!,
          decidedByName: row.decided_by_name ?? null,
          decidedAt: decidedAt.toISOString(),
        }
      : null,
  };
}

import type { InheritedStandardEventV1, IssuedStandard, StandardKind } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';

/** A standard as this node holds it: issued here or inherited from an ancestor. */
export interface StoredStandard {
  kind: StandardKind;
  key: string;
  origin: string;
  version: number;
  action: 'upsert' | 'remove';
  body: Record<string, unknown>;
  inherited: boolean;
  /** When the issuing node changed it. */
  issuedAt: string;
  /** Inherited only: when this node applied it, the path it came by and what applying it did. */
  receivedAt: string | null;
  path: string[] | null;
  outcome: string | null;
}

/** What applying an inherited standard did to something this node had. */
export interface StandardConflict {
  id: string;
  origin: string;
  kind: StandardKind;
  key: string;
  version: number;
  rule: string;
  resolution: 'replaced-local' | 'narrowed-local' | 'kept-local' | 'not-applied';
  message: string;
  local: unknown;
  inherited: unknown;
  recordedAt: string;
}

export type NewConflict = Omit<StandardConflict, 'id' | 'recordedAt'>;

/** Kinds whose inherited standard takes the place of a local one of the same key. */
const REPLACING_KINDS: StandardKind[] = ['classification', 'data-element', 'calendar-year'];

/** `standard_issue`, `inherited_standard` and `standard_conflict`. */
export class StandardsRepository {
  /**
   * Records the next version of (kind, key) issued here. The advisory lock serialises two writers of
   * the same standard, so versions grow by one without gaps or a unique violation.
   */
  async issue(
    manager: EntityManager,
    s: { kind: StandardKind; key: string; action: 'upsert' | 'remove'; body: unknown; issuedBy: string },
  ): Promise<{ version: number; issuedAt: Date }> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`standard:${s.kind}:${s.key}`]);
    const rows: Array<{ version: number; issued_at: Date }> = await manager.query(
      `INSERT INTO standard_issue (kind, key, version, action, body, issued_by)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4::jsonb, $5 FROM standard_issue WHERE kind = $1 AND key = $2
       RETURNING version, issued_at`,
      [s.kind, s.key, s.action, JSON.stringify(s.body), s.issuedBy],
    );
    return { version: rows[0]!.version, issuedAt: rows[0]!.issued_at };
  }

  /**
   * Keeps the event's standard unless a version as high from the same origin is stored — one atomic
   * statement, so replays and copies arriving together change nothing. Null when not newer.
   */
  async receiveIfNewer(manager: EntityManager, event: InheritedStandardEventV1): Promise<StoredStandard | null> {
    const s = event.standard;
    const rows: StoredStandardRaw[] = await manager.query(
      `INSERT INTO inherited_standard (origin_node, kind, key, version, action, body, path, issued_at, received_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::text[], $8, $9, 'received')
       ON CONFLICT (origin_node, kind, key) DO UPDATE SET
              version = EXCLUDED.version, action = EXCLUDED.action, body = EXCLUDED.body, path = EXCLUDED.path,
              issued_at = EXCLUDED.issued_at, received_at = EXCLUDED.received_at, outcome = EXCLUDED.outcome,
              applied_at = clock_timestamp()
        WHERE inherited_standard.version < EXCLUDED.version
       RETURNING ${INHERITED_COLUMNS}`,
      [
        s.origin,
        s.kind,
        s.key,
        s.version,
        event.action,
        JSON.stringify(s.body),
        event.path,
        event.at,
        event.receivedAt,
      ],
    );
    return rows[0] ? toInherited(rows[0]) : null;
  }

  async setOutcome(manager: EntityManager, s: Pick<IssuedStandard, 'origin' | 'kind' | 'key'>, outcome: string) {
    await manager.query(
      'UPDATE inherited_standard SET outcome = $4 WHERE origin_node = $1 AND kind = $2 AND key = $3',
      [s.origin, s.kind, s.key, outcome],
    );
  }

  /** The inherited standards in force (not removed) of a kind, optionally for one key. */
  async inherited(manager: EntityManager, kind: StandardKind, key?: string): Promise<StoredStandard[]> {
    const rows: StoredStandardRaw[] = await manager.query(
      `SELECT ${INHERITED_COLUMNS} FROM inherited_standard
        WHERE kind = $1 AND action = 'upsert' AND ($2::text IS NULL OR key = $2) ORDER BY key, origin_node`,
      [kind, key ?? null],
    );
    return rows.map(toInherited);
  }

  /** Inherited classification codes that arrived before their parent code and wait for it. */
  async waitingForParent(manager: EntityManager, parentCode: string): Promise<StoredStandard[]> {
    const rows: StoredStandardRaw[] = await manager.query(
      `SELECT ${INHERITED_COLUMNS} FROM inherited_standard
        WHERE kind = 'classification' AND outcome = 'waiting-for-parent' AND action = 'upsert'
          AND body->>'parentCode' = $1`,
      [parentCode],
    );
    return rows.map(toInherited);
  }

  /**
   * The standards in force here: the latest version issued by this node of each (kind, key) unless
   * removed or replaced by an inherited one, and every inherited one not removed.
   */
  async effective(
    manager: EntityManager,
    nodeCode: string,
    filter: { kind?: StandardKind; origin?: string },
  ): Promise<StoredStandard[]> {
    const rows: StoredStandardRaw[] = await manager.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (s.kind, s.key) s.kind, s.key, $1::text AS origin_node, s.version, s.action, s.body,
                false AS inherited, s.issued_at, NULL::timestamptz AS received_at, NULL::text[] AS path, NULL::text AS outcome
           FROM standard_issue s
          WHERE NOT (s.kind = ANY($4::text[]) AND EXISTS (
                  SELECT 1 FROM inherited_standard i WHERE i.kind = s.kind AND i.key = s.key AND i.action = 'upsert'))
          ORDER BY s.kind, s.key, s.version DESC
       ) own
       WHERE action = 'upsert' AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR origin_node = $3)
       UNION ALL
       SELECT ${INHERITED_COLUMNS} FROM inherited_standard
        WHERE action = 'upsert' AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR origin_node = $3)
       ORDER BY kind, key, inherited DESC, origin_node`,
      [nodeCode, filter.kind ?? null, filter.origin ?? null, REPLACING_KINDS],
    );
    return rows.map(toInherited);
  }

  async recordConflict(manager: EntityManager, c: NewConflict): Promise<void> {
    await manager.query(
      `INSERT INTO standard_conflict (origin_node, kind, key, version, rule, resolution, message, local, inherited)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
      [
        c.origin,
        c.kind,
        c.key,
        c.version,
        c.rule,
        c.resolution,
        c.message,
        c.local === null || c.local === undefined ? null : JSON.stringify(c.local),
        JSON.stringify(c.inherited),
      ],
    );
  }

  async conflicts(
    manager: EntityManager,
    filter: { kind?: StandardKind; origin?: string; limit: number },
  ): Promise<StandardConflict[]> {
    const rows: StandardConflictRaw[] = await manager.query(
      `SELECT id, origin_node, kind, key, version, rule, resolution, message, local, inherited, recorded_at
         FROM standard_conflict
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR origin_node = $2)
        ORDER BY recorded_at DESC, id LIMIT $3`,
      [filter.kind ?? null, filter.origin ?? null, filter.limit],
    );
    return rows.map(toStandardConflict);
  }
}

const INHERITED_COLUMNS = `kind, key, origin_node, version, action, body, true AS inherited, issued_at, received_at, path, outcome`;

/** A standard as {@link INHERITED_COLUMNS} (and the own-standards half of `effective`) selects it. */
export interface StoredStandardRaw {
  kind: StandardKind;
  key: string;
  origin_node: string;
  version: number;
  action: 'upsert' | 'remove';
  body: Record<string, unknown>;
  inherited: boolean;
  issued_at: Date;
  received_at: Date | null;
  path: string[] | null;
  outcome: string | null;
}

export function toInherited(r: StoredStandardRaw): StoredStandard {
  return {
    kind: r.kind,
    key: r.key,
    origin: r.origin_node,
    version: r.version,
    action: r.action,
    body: r.body,
    inherited: r.inherited,
    issuedAt: r.issued_at.toISOString(),
    receivedAt: r.received_at ? r.received_at.toISOString() : null,
    path: r.path ?? null,
    outcome: r.outcome ?? null,
  };
}

/** A `standard_conflict` row. */
export interface StandardConflictRaw {
  id: string;
  origin_node: string;
  kind: StandardKind;
  key: string;
  version: number;
  rule: string;
  resolution: StandardConflict['resolution'];
  message: string;
  local: unknown;
  inherited: unknown;
  recorded_at: Date;
}

export function toStandardConflict(r: StandardConflictRaw): StandardConflict {
  return {
    id: r.id,
    origin: r.origin_node,
    kind: r.kind,
    key: r.key,
    version: r.version,
    rule: r.rule,
    resolution: r.resolution,
    message: r.message,
    local: r.local ?? null,
    inherited: r.inherited,
    recordedAt: r.recorded_at.toISOString(),
  };
}

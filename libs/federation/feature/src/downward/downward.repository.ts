import type { EntityManager } from 'typeorm';

/** One row of this node's downward log: a standard or directive its children's links receive, in `seq` order. */
export interface DownwardLogRow {
  seq: number;
  eventId: string;
  origin: string;
  kind: string;
  key: string;
  version: number;
  /** The issuing node first, this node last. */
  path: string[];
  eventTime: Date;
  payload: unknown;
  /** For a message to one node of the subtree: that node (null for standards, which are everyone's). */
  destination?: string | null;
}

/** An ancestor's standard as this node holds it, for operators (its action read from the payload). */
export interface InheritedStandard {
  origin: string;
  kind: string;
  key: string;
  version: number;
  path: string[];
  action: string | null;
  eventTime: Date;
  receivedAt: Date;
}

/** The NOTIFY channel a commit appending to `downward_log` raises (migration LogAppendOrderAndNotify). */
export const DOWNWARD_LOG_CHANNEL = 'govdata_downward_log';

/** `downward_log` with its payload as the JSON text stored, as PostgreSQL returns it. */
export interface DownwardLogRaw {
  seq: string;
  event_id: string;
  origin: string;
  kind: string;
  key: string;
  version: string;
  path: string[];
  event_time: Date;
  payload_json: string;
  destination: string | null;
}

/** `inherited_standard` as `inherited` reads it. */
export interface InheritedStandardRaw {
  origin: string;
  kind: string;
  key: string;
  version: string;
  path: string[];
  action: string | null;
  event_time: Date;
  received_at: Date;
}

/** `downward_cursor`'s applied sequence (bigint as a decimal string). */
interface CursorRaw {
  applied_seq: string;
}

export function toEncodedDownwardRow(r: DownwardLogRaw): Omit<DownwardLogRow, 'payload'> & { payloadJson: string } {
  return {
    seq: Number(r.seq),
    eventId: r.event_id,
    origin: r.origin,
    kind: r.kind,
    key: r.key,
    version: Number(r.version),
    path: r.path,
    eventTime: r.event_time,
    payloadJson: r.payload_json,
    destination: r.destination ?? null,
  };
}

export function toInheritedStandard(r: InheritedStandardRaw): InheritedStandard {
  return {
    origin: r.origin,
    kind: r.kind,
    key: r.key,
    version: Number(r.version),
    path: r.path,
    action: r.action,
    eventTime: r.event_time,
    receivedAt: r.received_at,
  };
}

/** The downward log, the ancestors' standards this node holds, and how far it applied its parent's log. */
export class DownwardRepository {
  /** Appends to the log; a version already logged is not logged twice. */
  async append(m: EntityManager, row: Omit<DownwardLogRow, 'seq'>): Promise<void> {
    await m.query(
      `INSERT INTO downward_log (event_id, origin, kind, key, version, path, event_time, payload, destination)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (origin, kind, key, version) DO NOTHING`,
      [
        row.eventId,
        row.origin,
        row.kind,
        row.key,
        row.version,
        row.path,
        row.eventTime,
        JSON.stringify(row.payload),
        row.destination ?? null,
      ],
    );
  }

  /** The log after `seq`, in order, payloads as the JSON text stored (what the children's streams send). */
  async after(
    m: EntityManager,
    seq: number,
    limit: number,
  ): Promise<(Omit<DownwardLogRow, 'payload'> & { payloadJson: string })[]> {
    const rows: DownwardLogRaw[] = await m.query(
      `SELECT seq, event_id, origin, kind, key, version, path, event_time, payload::text AS payload_json, destination
         FROM downward_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map(toEncodedDownwardRow);
  }

  /** Stores an ancestor's standard unless this node holds that version or a higher one. True when stored. */
  async upsertInherited(
    m: EntityManager,
    s: {
      origin: string;
      kind: string;
      key: string;
      version: number;
      path: string[];
      payload: unknown;
      eventTime: Date;
      receivedAt: Date;
    },
  ): Promise<boolean> {
    const rows: Pick<InheritedStandardRaw, 'origin'>[] = await m.query(
      `INSERT INTO inherited_standard (origin, kind, key, version, path, payload, event_time, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (origin, kind, key) DO UPDATE SET version = EXCLUDED.version, path = EXCLUDED.path,
         payload = EXCLUDED.payload, event_time = EXCLUDED.event_time, received_at = EXCLUDED.received_at
       WHERE inherited_standard.version < EXCLUDED.version
       RETURNING origin`,
      [s.origin, s.kind, s.key, s.version, s.path, JSON.stringify(s.payload), s.eventTime, s.receivedAt],
    );
    return rows.length === 1;
  }

  async inherited(m: EntityManager): Promise<InheritedStandard[]> {
    const rows: InheritedStandardRaw[] = await m.query(
      `SELECT origin, kind, key, version, path, payload->>'action' AS action, event_time, received_at
         FROM inherited_standard ORDER BY kind, origin, key`,
    );
    return rows.map(toInheritedStandard);
  }

  /** The parent's sequence this node applied, locked for the transaction. */
  async lockCursor(m: EntityManager, parentCode: string): Promise<number> {
    await m.query('INSERT INTO downward_cursor (parent_code) VALUES ($1) ON CONFLICT (parent_code) DO NOTHING', [
      parentCode,
    ]);
    const rows: CursorRaw[] = await m.query(
      'SELECT applied_seq FROM downward_cursor WHERE parent_code = $1 FOR UPDATE',
      [parentCode],
    );
    return Number(rows[0]!.applied_seq);
  }

  async cursor(m: EntityManager, parentCode: string): Promise<number> {
    const rows: CursorRaw[] = await m.query('SELECT applied_seq FROM downward_cursor WHERE parent_code = $1', [
      parentCode,
    ]);
    return rows[0] ? Number(rows[0].applied_seq) : 0;
  }

  async advance(m: EntityManager, parentCode: string, seq: number): Promise<void> {
    await m.query(
      `UPDATE downward_cursor SET applied_seq = GREATEST(applied_seq, $2), updated_at = now() WHERE parent_code = $1`,
      [parentCode, seq],
    );
  }
}

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

type Row = Record<string, unknown>;

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
    const rows: Row[] = await m.query(
      `SELECT seq, event_id, origin, kind, key, version, path, event_time, payload::text AS payload_json, destination
         FROM downward_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map((r) => ({
      seq: Number(r['seq']),
      eventId: r['event_id'] as string,
      origin: r['origin'] as string,
      kind: r['kind'] as string,
      key: r['key'] as string,
      version: Number(r['version']),
      path: r['path'] as string[],
      eventTime: r['event_time'] as Date,
      payloadJson: r['payload_json'] as string,
      destination: (r['destination'] as string | null) ?? null,
    }));
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
    const rows: Row[] = await m.query(
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

  async inherited(m: EntityManager): Promise<Row[]> {
    return m.query(
      `SELECT origin, kind, key, version, path, payload->>'action' AS action, event_time, received_at
         FROM inherited_standard ORDER BY kind, origin, key`,
    );
  }

  /** The parent's sequence this node applied, locked for the transaction. */
  async lockCursor(m: EntityManager, parentCode: string): Promise<number> {
    await m.query('INSERT INTO downward_cursor (parent_code) VALUES ($1) ON CONFLICT (parent_code) DO NOTHING', [
      parentCode,
    ]);
    const rows: Row[] = await m.query('SELECT applied_seq FROM downward_cursor WHERE parent_code = $1 FOR UPDATE', [
      parentCode,
    ]);
    return Number(rows[0]!['applied_seq']);
  }

  async cursor(m: EntityManager, parentCode: string): Promise<number> {
    const rows: Row[] = await m.query('SELECT applied_seq FROM downward_cursor WHERE parent_code = $1', [parentCode]);
    return rows[0] ? Number(rows[0]['applied_seq']) : 0;
  }

  async advance(m: EntityManager, parentCode: string, seq: number): Promise<void> {
    await m.query(
      `UPDATE downward_cursor SET applied_seq = GREATEST(applied_seq, $2), updated_at = now() WHERE parent_code = $1`,
      [parentCode, seq],
    );
  }
}

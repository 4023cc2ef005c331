import type { RecordDigest } from '@govdata/federation-merkle';
import { modifiedRows } from '@govdata/platform-persistence';
import type { EntityManager } from 'typeorm';
import { REPLICATED_KIND_NAMES } from '../links/envelope-rules.js';
import {
  toEncodedLogRow,
  toRecordDigest,
  toReplicationLogRow,
  type DigestRaw,
  type EncodedLogRaw,
  type LogRaw,
  type RecordKeyRaw,
} from './replication.rows.js';

/** One row of this node's replication log: what its parent link sends, in `seq` order. */
export interface ReplicationLogRow {
  seq: number;
  eventId: string;
  kind: string;
  origin: string;
  recordKey: string;
  version: number;
  /** Origin first, this node last. */
  path: string[];
  eventTime: Date;
  payload: unknown;
  /** For a message to one node: that node (null for replicated records). */
  destination?: string | null;
}

/**
 * A row as the parent link reads and sends it, and as a parent appends a record it received: the
 * payload as JSON text, so a record crossing a node is neither parsed nor re-encoded for the log.
 */
export type EncodedLogRow = Omit<ReplicationLogRow, 'payload'> & { payloadJson: string };

/**
 * A read-only replica of a record of this node's subtree (一本账 provenance: origin, path, version,
 * received), its payload as JSON text.
 */
export interface ReplicaRow {
  origin: string;
  recordKey: string;
  kind: string;
  version: number;
  eventId: string;
  path: string[];
  payloadJson: string;
  eventTime: Date;
  receivedAt: Date;
}

/**
 * A record's digest as both peers compute it: SHA-256 of the record's jsonb text as PostgreSQL renders
 * it (keys ordered, one spelling per value), so equal records give equal digests on every node and an
 * altered row gives another, whoever altered it and however.
 */
const DIGEST = `encode(sha256(convert_to(payload::text, 'UTF8')), 'hex')`;

/** The NOTIFY channel a commit appending to `replication_log` raises (migration LogAppendOrderAndNotify). */
export const REPLICATION_LOG_CHANNEL = 'govdata_replication_log';

/**
 * The replication log and the replicas of this node: the only repository that reads or writes
 * `replication_log` and `replica_record` (anti-entropy compares and repairs through it).
 */
export class ReplicationRepository {
  /** Appends to the log; a change already logged (same origin, key and version) is not logged twice. */
  async append(m: EntityManager, row: Omit<ReplicationLogRow, 'seq'>): Promise<void> {
    await m.query(
      `INSERT INTO replication_log (event_id, kind, origin, record_key, version, path, event_time, payload, destination)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (origin, record_key, version) DO NOTHING`,
      [
        row.eventId,
        row.kind,
        row.origin,
        row.recordKey,
        row.version,
        row.path,
        row.eventTime,
        JSON.stringify(row.payload),
        row.destination ?? null,
      ],
    );
  }

  /** Appends many rows in one statement, in order (the same duplicates rule as `append`). */
  async appendMany(m: EntityManager, rows: readonly Omit<EncodedLogRow, 'seq'>[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO replication_log (event_id, kind, origin, record_key, version, path, event_time, payload, destination)
       SELECT r.event_id, r.kind, r.origin, r.record_key, r.version, ARRAY(SELECT jsonb_array_elements_text(r.path)),
              r.event_time, r.payload, r.destination
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::jsonb[], $7::timestamptz[],
                     $8::jsonb[], $9::text[])
              WITH ORDINALITY AS r(event_id, kind, origin, record_key, version, path, event_time, payload, destination, position)
        ORDER BY r.position
       ON CONFLICT (origin, record_key, version) DO NOTHING`,
      [
        rows.map((r) => r.eventId),
        rows.map((r) => r.kind),
        rows.map((r) => r.origin),
        rows.map((r) => r.recordKey),
        rows.map((r) => r.version),
        rows.map((r) => JSON.stringify(r.path)),
        rows.map((r) => r.eventTime),
        rows.map((r) => r.payloadJson),
        rows.map((r) => r.destination ?? null),
      ],
    );
  }

  /** The log after `seq`, in order, payloads as the JSON text stored (what the parent link sends). */
  async after(m: EntityManager, seq: number, limit: number): Promise<EncodedLogRow[]> {
    const rows: EncodedLogRaw[] = await m.query(
      `SELECT seq, event_id, kind, origin, record_key, version, path, event_time, payload::text AS payload_json, destination
         FROM replication_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return rows.map(toEncodedLogRow);
  }

  /**
   * Stores each replica unless one of the same or a higher version is there (replays and a record
   * reached by two paths change nothing), in one statement; the rows must name distinct records. With
   * `replaceAltered` (an anti-entropy repair) a copy of the same version whose content differs is
   * replaced too. For each row, whether it was stored.
   */
  async upsertReplicas(
    m: EntityManager,
    rows: readonly ReplicaRow[],
    options: { replaceAltered?: boolean } = {},
  ): Promise<boolean[]> {
    if (rows.length === 0) return [];
    const stored: RecordKeyRaw[] = await m.query(
      `INSERT INTO replica_record (origin, record_key, kind, version, event_id, path, payload, event_time, received_at)
       SELECT r.origin, r.record_key, r.kind, r.version, r.event_id, ARRAY(SELECT jsonb_array_elements_text(r.path)),
              r.payload, r.event_time, r.received_at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::jsonb[], $7::jsonb[],
                     $8::timestamptz[], $9::timestamptz[])
              AS r(origin, record_key, kind, version, event_id, path, payload, event_time, received_at)
       ON CONFLICT (origin, record_key) DO UPDATE SET kind = EXCLUDED.kind, version = EXCLUDED.version,
         event_id = EXCLUDED.event_id, path = EXCLUDED.path, payload = EXCLUDED.payload,
         event_time = EXCLUDED.event_time, received_at = EXCLUDED.received_at
       WHERE replica_record.version < EXCLUDED.version
          OR ($10 AND replica_record.version = EXCLUDED.version AND replica_record.payload IS DISTINCT FROM EXCLUDED.payload)
       RETURNING origin, record_key`,
      [
        rows.map((r) => r.origin),
        rows.map((r) => r.recordKey),
        rows.map((r) => r.kind),
        rows.map((r) => r.version),
        rows.map((r) => r.eventId),
        rows.map((r) => JSON.stringify(r.path)),
        rows.map((r) => r.payloadJson),
        rows.map((r) => r.eventTime),
        rows.map((r) => r.receivedAt),
        options.replaceAltered ?? false,
      ],
    );
    const keys = new Set(stored.map((r) => recordId(r.origin, r.record_key)));
    return rows.map((r) => keys.has(recordId(r.origin, r.recordKey)));
  }

  /** Drops a replica only the parent held (an anti-entropy repair). True when there was one. */
  async removeReplica(m: EntityManager, origin: string, recordKey: string): Promise<boolean> {
    const rows = await modifiedRows<Pick<RecordKeyRaw, 'origin'>>(
      m,
      'DELETE FROM replica_record WHERE origin = $1 AND record_key = $2 RETURNING origin',
      [origin, recordKey],
    );
    return rows.length === 1;
  }

  /** The parent's side of a set: the replicas it holds of `origin`, as digests. */
  async heldRecords(m: EntityManager, origin: string): Promise<RecordDigest[]> {
    const rows: DigestRaw[] = await m.query(
      `SELECT record_key, version, ${DIGEST} AS digest FROM replica_record WHERE origin = $1`,
      [origin],
    );
    return rows.map(toRecordDigest);
  }

  /** The child's side of a set: the last logged version of each record of `origin` (what it sent up). */
  async sentRecords(m: EntityManager, origin: string): Promise<RecordDigest[]> {
    const rows: DigestRaw[] = await m.query(
      `SELECT DISTINCT ON (record_key) record_key, version, ${DIGEST} AS digest
         FROM replication_log WHERE origin = $1 AND kind = ANY($2) ORDER BY record_key, version DESC`,
      [origin, REPLICATED_KIND_NAMES],
    );
    return rows.map(toRecordDigest);
  }

  async heldOrigins(m: EntityManager): Promise<string[]> {
    const rows: Pick<RecordKeyRaw, 'origin'>[] = await m.query(
      'SELECT DISTINCT origin FROM replica_record ORDER BY origin',
    );
    return rows.map((r) => r.origin);
  }

  async sentOrigins(m: EntityManager): Promise<string[]> {
    const rows: Pick<RecordKeyRaw, 'origin'>[] = await m.query(
      'SELECT DISTINCT origin FROM replication_log WHERE kind = ANY($1) ORDER BY origin',
      [REPLICATED_KIND_NAMES],
    );
    return rows.map((r) => r.origin);
  }

  /** The last logged row of each of `keys` of `origin` (to send again as a repair). */
  async latestLogRows(m: EntityManager, origin: string, keys: readonly string[]): Promise<ReplicationLogRow[]> {
    if (keys.length === 0) return [];
    const rows: LogRaw[] = await m.query(
      `SELECT DISTINCT ON (record_key) * FROM replication_log
        WHERE origin = $1 AND kind = ANY($3) AND record_key = ANY($2) ORDER BY record_key, version DESC`,
      [origin, keys, REPLICATED_KIND_NAMES],
    );
    return rows.map(toReplicationLogRow);
  }

  /** Keys of `origin` the log holds any version of (an orphan found at the parent may have been sent since). */
  async loggedKeys(m: EntityManager, origin: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Pick<RecordKeyRaw, 'record_key'>[] = await m.query(
      'SELECT DISTINCT record_key FROM replication_log WHERE origin = $1 AND kind = ANY($3) AND record_key = ANY($2)',
      [origin, keys, REPLICATED_KIND_NAMES],
    );
    return new Set(rows.map((r) => r.record_key));
  }
}

/** One record of the subtree: its origin and key. */
export function recordId(origin: string, recordKey: string): string {
  return `${origin}\u0000${recordKey}`;
}

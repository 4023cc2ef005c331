import type { RecordDigest } from '@govdata/federation-merkle';
import type { EncodedLogRow, ReplicationLogRow } from './replication.repository.js';

/*
 * The replication tables' rows as PostgreSQL returns them to the hand-written SQL of
 * ReplicationRepository (bigint columns arrive as decimal strings, text[] as arrays, timestamptz as
 * Dates, jsonb parsed), and one mapper per row type.
 */

/** `replication_log` with its payload as the JSON text stored (`payload::text AS payload_json`). */
export interface EncodedLogRaw {
  seq: string;
  event_id: string;
  kind: string;
  origin: string;
  record_key: string;
  version: string;
  path: string[];
  event_time: Date;
  payload_json: string;
  destination: string | null;
}

/** `replication_log`, whole, its payload parsed. */
export interface LogRaw extends Omit<EncodedLogRaw, 'payload_json'> {
  payload: unknown;
}

/** A record's key, version and content digest, from either side of a replicated set. */
export interface DigestRaw {
  record_key: string;
  version: string;
  digest: string;
}

/** The key of a record of the subtree. */
export interface RecordKeyRaw {
  origin: string;
  record_key: string;
}

export function toEncodedLogRow(raw: EncodedLogRaw): EncodedLogRow {
  return {
    seq: Number(raw.seq),
    eventId: raw.event_id,
    kind: raw.kind,
    origin: raw.origin,
    recordKey: raw.record_key,
    version: Number(raw.version),
    path: raw.path,
    eventTime: raw.event_time,
    payloadJson: raw.payload_json,
    destination: raw.destination ?? null,
  };
}

/** A logged row as a repair sends it again (the record's own fields; no destination: records are everyone's). */
export function toReplicationLogRow(raw: LogRaw): ReplicationLogRow {
  return {
    seq: Number(raw.seq),
    eventId: raw.event_id,
    kind: raw.kind,
    origin: raw.origin,
    recordKey: raw.record_key,
    version: Number(raw.version),
    path: raw.path,
    eventTime: raw.event_time,
    payload: raw.payload,
  };
}

export function toRecordDigest(raw: DigestRaw): RecordDigest {
  return { key: raw.record_key, version: Number(raw.version), digest: raw.digest };
}

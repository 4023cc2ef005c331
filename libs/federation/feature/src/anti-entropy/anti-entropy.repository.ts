import type { RecordDigest } from '@govdata/federation-merkle';
import type { EntityManager } from 'typeorm';
import type { ReplicationLogRow } from '../replication/replication.repository.js';
import { modifiedRows } from '@govdata/platform-persistence';

type Row = Record<string, unknown>;

/**
 * A record's digest as both peers compute it: SHA-256 of the record's jsonb text as PostgreSQL renders
 * it (keys ordered, one spelling per value), so equal records give equal digests on every node and an
 * altered row gives another, whoever altered it and however.
 */
const DIGEST = `encode(sha256(convert_to(payload::text, 'UTF8')), 'hex')`;

/** What anti-entropy found for one set in one comparison (counts by reason). */
export interface Divergence {
  missing: number;
  behind: number;
  corrupted: number;
  orphaned: number;
  /** The parent holds a higher version than the child's log: the child cannot repair it. */
  ahead: number;
}

export interface SetVerification {
  childCode: string;
  origin: string;
  parentDigest: string;
  parentCount: number;
  childDigest: string;
  childCount: number;
  inSync: boolean;
  comparedAt: Date;
  verifiedAt: Date | null;
  divergence: Divergence;
}

export interface AntiEntropyRun {
  childCode: string;
  sessionId: string;
  finishedAt: Date;
  sets: number;
  divergence: Divergence;
  applied: number;
  removed: number;
  verified: boolean;
}

/** The replicated sets as anti-entropy reads them, and what the comparisons found. */
export class AntiEntropyRepository {
  /** The parent's side of a set: the replicas it holds of `origin`. */
  async heldRecords(m: EntityManager, origin: string): Promise<RecordDigest[]> {
    const rows: Row[] = await m.query(
      `SELECT record_key, version, ${DIGEST} AS digest FROM replica_record WHERE origin = $1`,
      [origin],
    );
    return rows.map(toDigest);
  }

  /** The child's side of a set: the last logged version of each record of `origin` (what it sent up). */
  async sentRecords(m: EntityManager, origin: string): Promise<RecordDigest[]> {
    const rows: Row[] = await m.query(
      `SELECT DISTINCT ON (record_key) record_key, version, ${DIGEST} AS digest
         FROM replication_log WHERE origin = $1 AND kind = 'catalog.entry' ORDER BY record_key, version DESC`,
      [origin],
    );
    return rows.map(toDigest);
  }

  async heldOrigins(m: EntityManager): Promise<string[]> {
    const rows: Row[] = await m.query('SELECT DISTINCT origin FROM replica_record ORDER BY origin');
    return rows.map((r) => r['origin'] as string);
  }

  async sentOrigins(m: EntityManager): Promise<string[]> {
    const rows: Row[] = await m.query(
      "SELECT DISTINCT origin FROM replication_log WHERE kind = 'catalog.entry' ORDER BY origin",
    );
    return rows.map((r) => r['origin'] as string);
  }

  /** The last logged row of each of `keys` of `origin` (to send again as a repair). */
  async latestLogRows(m: EntityManager, origin: string, keys: readonly string[]): Promise<ReplicationLogRow[]> {
    if (keys.length === 0) return [];
    const rows: Row[] = await m.query(
      `SELECT DISTINCT ON (record_key) * FROM replication_log
        WHERE origin = $1 AND kind = 'catalog.entry' AND record_key = ANY($2) ORDER BY record_key, version DESC`,
      [origin, keys],
    );
    return rows.map((r) => ({
      seq: Number(r['seq']),
      eventId: r['event_id'] as string,
      kind: r['kind'] as string,
      origin: r['origin'] as string,
      recordKey: r['record_key'] as string,
      version: Number(r['version']),
      path: r['path'] as string[],
      eventTime: r['event_time'] as Date,
      payload: r['payload'],
    }));
  }

  /** Keys of `origin` the log holds any version of (an orphan found at the parent may have been sent since). */
  async loggedKeys(m: EntityManager, origin: string, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: Row[] = await m.query(
      "SELECT DISTINCT record_key FROM replication_log WHERE origin = $1 AND kind = 'catalog.entry' AND record_key = ANY($2)",
      [origin, keys],
    );
    return new Set(rows.map((r) => r['record_key'] as string));
  }

  /** Drops a replica only the parent held. True when there was one. */
  async removeReplica(m: EntityManager, origin: string, recordKey: string): Promise<boolean> {
    const rows = await modifiedRows(
      m,
      'DELETE FROM replica_record WHERE origin = $1 AND record_key = $2 RETURNING origin',
      [origin, recordKey],
    );
    return rows.length === 1;
  }

  async saveVerification(m: EntityManager, v: SetVerification): Promise<void> {
    await m.query(
      `INSERT INTO anti_entropy_set (child_code, origin, parent_digest, parent_count, child_digest, child_count,
                                     in_sync, compared_at, verified_at, divergence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (child_code, origin) DO UPDATE SET parent_digest = EXCLUDED.parent_digest,
         parent_count = EXCLUDED.parent_count, child_digest = EXCLUDED.child_digest,
         child_count = EXCLUDED.child_count, in_sync = EXCLUDED.in_sync, compared_at = EXCLUDED.compared_at,
         verified_at = COALESCE(EXCLUDED.verified_at, anti_entropy_set.verified_at),
         divergence = EXCLUDED.divergence`,
      [
        v.childCode,
        v.origin,
        v.parentDigest,
        v.parentCount,
        v.childDigest,
        v.childCount,
        v.inSync,
        v.comparedAt,
        v.verifiedAt,
        JSON.stringify(v.divergence),
      ],
    );
  }

  async verifications(m: EntityManager, childCode?: string): Promise<SetVerification[]> {
    const rows: Row[] = await m.query(
      `SELECT * FROM anti_entropy_set WHERE ($1::text IS NULL OR child_code = $1) ORDER BY child_code, origin`,
      [childCode ?? null],
    );
    return rows.map((r) => ({
      childCode: r['child_code'] as string,
      origin: r['origin'] as string,
      parentDigest: r['parent_digest'] as string,
      parentCount: Number(r['parent_count']),
      childDigest: r['child_digest'] as string,
      childCount: Number(r['child_count']),
      inSync: r['in_sync'] as boolean,
      comparedAt: r['compared_at'] as Date,
      verifiedAt: (r['verified_at'] as Date | null) ?? null,
      divergence: r['divergence'] as Divergence,
    }));
  }

  async saveRun(m: EntityManager, run: AntiEntropyRun): Promise<void> {
    await m.query(
      `INSERT INTO anti_entropy_run (child_code, session_id, finished_at, sets, divergence, applied, removed, verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        run.childCode,
        run.sessionId,
        run.finishedAt,
        run.sets,
        JSON.stringify(run.divergence),
        run.applied,
        run.removed,
        run.verified,
      ],
    );
  }

  async runs(m: EntityManager, childCode: string, limit: number): Promise<AntiEntropyRun[]> {
    const rows: Row[] = await m.query(
      'SELECT * FROM anti_entropy_run WHERE child_code = $1 ORDER BY finished_at DESC, id DESC LIMIT $2',
      [childCode, limit],
    );
    return rows.map((r) => ({
      childCode: r['child_code'] as string,
      sessionId: r['session_id'] as string,
      finishedAt: r['finished_at'] as Date,
      sets: Number(r['sets']),
      divergence: r['divergence'] as Divergence,
      applied: Number(r['applied']),
      removed: Number(r['removed']),
      verified: r['verified'] as boolean,
    }));
  }
}

function toDigest(r: Row): RecordDigest {
  return { key: r['record_key'] as string, version: Number(r['version']), digest: r['digest'] as string };
}

export function emptyDivergence(): Divergence {
  return { missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 };
}

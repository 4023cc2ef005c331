import type { EntityManager } from 'typeorm';

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

/** `anti_entropy_set` as PostgreSQL returns it (bigint counts as decimal strings, jsonb parsed). */
export interface SetVerificationRaw {
  child_code: string;
  origin: string;
  parent_digest: string;
  parent_count: string;
  child_digest: string;
  child_count: string;
  in_sync: boolean;
  compared_at: Date;
  verified_at: Date | null;
  divergence: Divergence;
}

/** `anti_entropy_run` as PostgreSQL returns it. */
export interface AntiEntropyRunRaw {
  id: string;
  child_code: string;
  session_id: string;
  finished_at: Date;
  sets: number;
  divergence: Divergence;
  applied: number;
  removed: number;
  verified: boolean;
}

export function toSetVerification(r: SetVerificationRaw): SetVerification {
  return {
    childCode: r.child_code,
    origin: r.origin,
    parentDigest: r.parent_digest,
    parentCount: Number(r.parent_count),
    childDigest: r.child_digest,
    childCount: Number(r.child_count),
    inSync: r.in_sync,
    comparedAt: r.compared_at,
    verifiedAt: r.verified_at ?? null,
    divergence: r.divergence,
  };
}

export function toAntiEntropyRun(r: AntiEntropyRunRaw): AntiEntropyRun {
  return {
    childCode: r.child_code,
    sessionId: r.session_id,
    finishedAt: r.finished_at,
    sets: Number(r.sets),
    divergence: r.divergence,
    applied: Number(r.applied),
    removed: Number(r.removed),
    verified: r.verified,
  };
}

/**
 * What the comparisons with the children found (`anti_entropy_set`, `anti_entropy_run`); the sets
 * compared are ReplicationRepository's.
 */
export class AntiEntropyRepository {
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
    const rows: SetVerificationRaw[] = await m.query(
      `SELECT * FROM anti_entropy_set WHERE ($1::text IS NULL OR child_code = $1) ORDER BY child_code, origin`,
      [childCode ?? null],
    );
    return rows.map(toSetVerification);
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
    const rows: AntiEntropyRunRaw[] = await m.query(
      'SELECT * FROM anti_entropy_run WHERE child_code = $1 ORDER BY finished_at DESC, id DESC LIMIT $2',
      [childCode, limit],
    );
    return rows.map(toAntiEntropyRun);
  }
}

export function emptyDivergence(): Divergence {
  return { missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 };
}

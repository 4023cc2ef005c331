import type { EntityManager } from 'typeorm';
import { modifiedRows } from '@govdata/platform-persistence';

type Row = Record<string, unknown>;

/** Parent side of the child links: how far each child's log is applied, what was refused, how the child looks. */
export class LinkRepository {
  /**
   * Locks the child's cursor for this transaction (one batch of a child is applied at a time) and
   * moves it to `seq`; never back, so a replayed old envelope leaves it where it is.
   */
  async lockAndAdvance(m: EntityManager, childCode: string, seq: number, eventTime: Date | null): Promise<void> {
    const advance = (): Promise<unknown[]> =>
      modifiedRows(
        m,
        `UPDATE link_cursor SET acked_seq = GREATEST(acked_seq, $2),
           last_event_at = COALESCE($3, last_event_at), updated_at = now() WHERE child_code = $1
         RETURNING child_code`,
        [childCode, seq, eventTime],
      );
    if ((await advance()).length > 0) return;
    // The child's first batch: create its cursor (a concurrent creator is waited for), then move it.
    await m.query('INSERT INTO link_cursor (child_code) VALUES ($1) ON CONFLICT (child_code) DO NOTHING', [childCode]);
    await advance();
  }

  async cursor(m: EntityManager, childCode: string): Promise<number> {
    const rows: Row[] = await m.query('SELECT acked_seq FROM link_cursor WHERE child_code = $1', [childCode]);
    return rows[0] ? Number(rows[0]['acked_seq']) : 0;
  }

  async deadLetter(
    m: EntityManager,
    d: { childCode: string; seq: number; eventId: string; origin: string; reason: string; envelope: unknown },
  ): Promise<void> {
    await m.query(
      `INSERT INTO replication_dead_letter (child_code, seq, event_id, origin, reason, envelope)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [d.childCode, d.seq, d.eventId, d.origin, d.reason, JSON.stringify(d.envelope)],
    );
  }

  /** The registry columns the links fill: last seen, lag (seconds) and the child's software version. */
  async touchChild(
    m: EntityManager,
    code: string,
    seen: { at: Date; lagSeconds?: number; softwareVersion?: string },
  ): Promise<void> {
    await m.query(
      `UPDATE child_node SET last_seen_at = $2, lag_seconds = COALESCE($3, lag_seconds),
         software_version = COALESCE($4, software_version), updated_at = now() WHERE code = $1`,
      [code, seen.at, seen.lagSeconds ?? null, seen.softwareVersion ?? null],
    );
  }

  /**
   * Children whose silence state changes now: active children not heard from for `thresholdSeconds`
   * (never connected counts from enrolment) are marked silent; silent ones heard from since are
   * unmarked. Revoked children are unmarked quietly. One row per change.
   */
  async silenceChanges(
    m: EntityManager,
    thresholdSeconds: number,
  ): Promise<{ code: string; lastSeenAt: Date | null; silent: boolean }[]> {
    const silent = await modifiedRows(
      m,
      `UPDATE child_node SET silent_alert_at = now()
        WHERE status = 'active' AND silent_alert_at IS NULL
          AND COALESCE(last_seen_at, enrolled_at, updated_at) < now() - make_interval(secs => $1)
        RETURNING code, last_seen_at`,
      [thresholdSeconds],
    );
    const resumed = await modifiedRows(
      m,
      `UPDATE child_node SET silent_alert_at = NULL
        WHERE silent_alert_at IS NOT NULL AND last_seen_at > silent_alert_at AND status = 'active'
        RETURNING code, last_seen_at`,
      [],
    );
    await m.query(
      `UPDATE child_node SET silent_alert_at = NULL WHERE silent_alert_at IS NOT NULL AND status <> 'active'`,
    );
    return [
      ...silent.map((r) => ({
        code: r['code'] as string,
        lastSeenAt: (r['last_seen_at'] as Date | null) ?? null,
        silent: true,
      })),
      ...resumed.map((r) => ({
        code: r['code'] as string,
        lastSeenAt: (r['last_seen_at'] as Date | null) ?? null,
        silent: false,
      })),
    ];
  }
}

import type { EntityManager } from 'typeorm';
import { modifiedRows } from '@govdata/platform-persistence';

/** `link_cursor` as `cursor` reads it (bigint as a decimal string). */
interface CursorRaw {
  acked_seq: string;
}

/**
 * Parent side of the child links: how far each child's log is applied and what was refused (the
 * only writer of `link_cursor` and `replication_dead_letter`; what the links learn of a child goes
 * to the registry).
 */
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
    const rows: CursorRaw[] = await m.query('SELECT acked_seq FROM link_cursor WHERE child_code = $1', [childCode]);
    return rows[0] ? Number(rows[0].acked_seq) : 0;
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
}

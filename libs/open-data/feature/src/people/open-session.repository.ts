import type { EntityManager } from 'typeorm';

/** Open-portal sessions, by the sha256 of their token: the only writer of `open_session`. */
export class OpenSessionRepository {
  async create(manager: EntityManager, tokenHash: string, accountId: string, lifetimeSeconds: number): Promise<void> {
    await manager.query(
      `INSERT INTO open_session (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [tokenHash, accountId, lifetimeSeconds],
    );
  }

  /** The account of a live session. */
  async accountOf(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const rows: Array<{ account_id: string }> = await manager.query(
      'SELECT account_id FROM open_session WHERE token_hash = $1 AND expires_at > now()',
      [tokenHash],
    );
    return rows[0]?.account_id ?? null;
  }

  async end(manager: EntityManager, tokenHash: string): Promise<void> {
    await manager.query('DELETE FROM open_session WHERE token_hash = $1 OR expires_at < now()', [tokenHash]);
  }
}

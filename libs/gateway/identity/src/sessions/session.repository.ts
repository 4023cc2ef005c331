import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Why every earlier token of a subject was refused. */
export type CutoffReason =
  | 'sign-out-everywhere'
  | 'password-changed'
  | 'deactivated'
  | 'role-removed'
  | 'secret-rotated'
  | 'service-account-revoked'
  | 'organisation-deactivated';

/** Owns `revoked_token` and `session_cutoff`: the durable copy of the node's revocation list. */
@Injectable()
export class SessionRepository {
  async revokeToken(manager: EntityManager, jti: string, subject: string, expiresAt: Date): Promise<void> {
    await manager.query(
      'INSERT INTO revoked_token (jti, subject, expires_at) VALUES ($1, $2, $3) ON CONFLICT (jti) DO NOTHING',
      [jti, subject, expiresAt],
    );
  }

  async cutOff(manager: EntityManager, subject: string, notBefore: Date, reason: CutoffReason): Promise<void> {
    await manager.query(
      `INSERT INTO session_cutoff (subject, not_before, reason) VALUES ($1, $2, $3)
       ON CONFLICT (subject) DO UPDATE SET not_before = GREATEST(session_cutoff.not_before, EXCLUDED.not_before), reason = EXCLUDED.reason`,
      [subject, notBefore, reason],
    );
  }

  /** Revocations that may still refuse a token, for putting back into Redis; drops expired ones. */
  async live(
    manager: EntityManager,
    cutoffsSince: Date,
  ): Promise<{
    tokens: Array<{ jti: string; expiresAt: Date }>;
    cutoffs: Array<{ subject: string; notBefore: Date }>;
  }> {
    await manager.query('DELETE FROM revoked_token WHERE expires_at < now()');
    const tokens: Array<{ jti: string; expires_at: Date }> = await manager.query(
      'SELECT jti, expires_at FROM revoked_token',
    );
    const cutoffs: Array<{ subject: string; not_before: Date }> = await manager.query(
      'SELECT subject, not_before FROM session_cutoff WHERE not_before > $1',
      [cutoffsSince],
    );
    return {
      tokens: tokens.map((t) => ({ jti: t.jti, expiresAt: t.expires_at })),
      cutoffs: cutoffs.map((c) => ({ subject: c.subject, notBefore: c.not_before })),
    };
  }
}

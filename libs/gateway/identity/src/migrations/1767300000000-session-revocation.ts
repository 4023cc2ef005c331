import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 会话吊销 — ended sessions outlive a Redis restart: the gateway writes each revocation here and
 * into the node's revocation list in Redis, and puts the live ones back into Redis when it starts.
 */
export class SessionRevocation1767300000000 implements MigrationInterface {
  name = 'SessionRevocation1767300000000';

  async up(q: QueryRunner): Promise<void> {
    // One signed-out token, kept until it would have expired anyway.
    await q.query(`
      CREATE TABLE revoked_token (
        jti        text PRIMARY KEY CHECK (char_length(jti) BETWEEN 1 AND 200),
        subject    text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX revoked_token_expiry ON revoked_token (expires_at)');
    // Every token of the subject (a user id, or service:<client id>) issued before not_before is refused.
    await q.query(`
      CREATE TABLE session_cutoff (
        subject    text PRIMARY KEY,
        not_before timestamptz NOT NULL,
        reason     text NOT NULL CHECK (reason IN ('sign-out-everywhere', 'password-changed', 'deactivated', 'role-removed', 'secret-rotated', 'service-account-revoked'))
      )`);
    await q.query('ALTER TABLE service_account ADD COLUMN secret_rotated_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_account DROP COLUMN secret_rotated_at');
    await q.query('DROP TABLE session_cutoff');
    await q.query('DROP TABLE revoked_token');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 开放门户用户 — the people of the open portal, a population of their own (not staff): accounts
 * registered with a phone number or an e-mail address and verified by a code sent there, their
 * portal sessions, their 实名认证 result (never the full ID number: a masked one), and the API keys
 * of their applications. Codes, session tokens and keys are stored hashed only.
 */
export class OpenPeople1768100300000 implements MigrationInterface {
  name = 'OpenPeople1768100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_account (
        id                   uuid PRIMARY KEY,
        channel              text NOT NULL CHECK (channel IN ('phone', 'email')),
        identifier           text NOT NULL UNIQUE,
        password_hash        text NOT NULL,
        verified_at          timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        real_name_kind       text CHECK (real_name_kind IN ('person', 'company')),
        real_name            text,
        real_name_id_masked  text,
        real_name_method     text CHECK (real_name_method IN ('population-exchange', 'uscc-check-digit')),
        real_name_verified_at timestamptz,
        CHECK ((real_name_kind IS NULL) = (real_name_verified_at IS NULL))
      )`);
    await q.query(`
      CREATE TABLE open_verification_code (
        account_id  uuid PRIMARY KEY REFERENCES open_account (id) ON DELETE CASCADE,
        code_hash   text NOT NULL,
        expires_at  timestamptz NOT NULL,
        attempts    integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE open_session (
        token_hash  text PRIMARY KEY,
        account_id  uuid NOT NULL REFERENCES open_account (id) ON DELETE CASCADE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX open_session_account ON open_session (account_id)');
    await q.query(`
      CREATE TABLE open_api_key (
        id          uuid PRIMARY KEY,
        account_id  uuid NOT NULL REFERENCES open_account (id) ON DELETE CASCADE,
        name        text NOT NULL,
        key_hash    text NOT NULL UNIQUE,
        key_prefix  text NOT NULL,
        daily_quota integer NOT NULL CHECK (daily_quota > 0),
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
    await q.query('CREATE INDEX open_api_key_account ON open_api_key (account_id, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_api_key');
    await q.query('DROP TABLE open_session');
    await q.query('DROP TABLE open_verification_code');
    await q.query('DROP TABLE open_account');
  }
}

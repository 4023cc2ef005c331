import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables every service has in its own schema: the transactional outbox (events written in the same
 * transaction as the state change, published by the relay) and the inbox (event ids already applied,
 * so a redelivered event changes nothing).
 */
export class CreateOutboxAndInbox1763856000000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        event_type   text NOT NULL,
        cloud_event  jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await q.query('CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL');
    await q.query(`
      CREATE TABLE inbox (
        consumer    text NOT NULL,
        event_id    text NOT NULL,
        event_type  text NOT NULL,
        source      text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id          bigserial PRIMARY KEY,
        consumer    text NOT NULL,
        topic       text NOT NULL,
        partition   integer NOT NULL,
        "offset"    text NOT NULL,
        event_id    text,
        reason      text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dead_letter');
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}

export const PLATFORM_MIGRATIONS = [CreateOutboxAndInbox1763856000000];

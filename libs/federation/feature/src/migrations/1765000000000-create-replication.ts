import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upward replication (级联同步): this node's replication log (its own catalog changes and the replicas
 * it applied, each with the path it travelled, fed to its parent link in `seq` order), the read-only
 * replicas of its subtree's records (one per origin and key: the highest version wins), each child
 * link's cursor (the last log sequence of that child applied here) and the envelopes refused.
 */
export class CreateReplication1765000000000 implements MigrationInterface {
  name = 'CreateReplication1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE replication_log (
        seq         bigserial PRIMARY KEY,
        event_id    uuid NOT NULL,
        kind        text NOT NULL,
        origin      text NOT NULL,
        record_key  text NOT NULL,
        version     bigint NOT NULL,
        path        text[] NOT NULL,
        event_time  timestamptz NOT NULL,
        payload     jsonb NOT NULL,
        logged_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (origin, record_key, version)
      )`);
    await q.query(`
      CREATE TABLE replica_record (
        origin       text NOT NULL,
        record_key   text NOT NULL,
        kind         text NOT NULL,
        version      bigint NOT NULL,
        event_id     uuid NOT NULL,
        path         text[] NOT NULL,
        payload      jsonb NOT NULL,
        event_time   timestamptz NOT NULL,
        received_at  timestamptz NOT NULL,
        PRIMARY KEY (origin, record_key)
      )`);
    await q.query(`
      CREATE TABLE link_cursor (
        child_code     text PRIMARY KEY,
        acked_seq      bigint NOT NULL DEFAULT 0,
        last_event_at  timestamptz,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE replication_dead_letter (
        id           bigserial PRIMARY KEY,
        child_code   text NOT NULL,
        seq          bigint NOT NULL,
        event_id     text,
        origin       text,
        reason       text NOT NULL,
        envelope     jsonb NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX replication_dead_letter_child_idx ON replication_dead_letter (child_code, received_at)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE replication_dead_letter, link_cursor, replica_record, replication_log');
  }
}

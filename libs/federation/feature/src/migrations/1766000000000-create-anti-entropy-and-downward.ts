import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anti-entropy (反熵校验) and the downward flow (下行).
 *
 * - `anti_entropy_set`: per child and replicated set (origin), the outcome of the last comparison — the
 *   parent's root after repair, the child's root, whether they were equal (verified), what differed.
 * - `anti_entropy_run`: every comparison a child ran against this node, kept for the operators.
 * - `downward_log`: the standards and directives this node issued or received from its parent, in
 *   `seq` order, which its children's links read after their cursor.
 * - `inherited_standard`: the ancestors' standards this node holds (the highest version per key).
 * - `downward_cursor`: how far this node applied its parent's downward log.
 * - `child_node.silent_alert_at`: set while a child is silent beyond the threshold (one alert per silence).
 */
export class CreateAntiEntropyAndDownward1766000000000 implements MigrationInterface {
  name = 'CreateAntiEntropyAndDownward1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE anti_entropy_set (
        child_code    text NOT NULL,
        origin        text NOT NULL,
        parent_digest text NOT NULL,
        parent_count  bigint NOT NULL,
        child_digest  text NOT NULL,
        child_count   bigint NOT NULL,
        in_sync       boolean NOT NULL,
        compared_at   timestamptz NOT NULL,
        verified_at   timestamptz,
        divergence    jsonb NOT NULL,
        PRIMARY KEY (child_code, origin)
      )`);
    await q.query(`
      CREATE TABLE anti_entropy_run (
        id           bigserial PRIMARY KEY,
        child_code   text NOT NULL,
        session_id   text NOT NULL,
        finished_at  timestamptz NOT NULL DEFAULT now(),
        sets         integer NOT NULL,
        divergence   jsonb NOT NULL,
        applied      integer NOT NULL,
        removed      integer NOT NULL,
        verified     boolean NOT NULL
      )`);
    await q.query('CREATE INDEX anti_entropy_run_child_idx ON anti_entropy_run (child_code, finished_at DESC)');
    await q.query(`
      CREATE TABLE downward_log (
        seq         bigserial PRIMARY KEY,
        event_id    uuid NOT NULL,
        origin      text NOT NULL,
        kind        text NOT NULL,
        key         text NOT NULL,
        version     bigint NOT NULL,
        path        text[] NOT NULL,
        event_time  timestamptz NOT NULL,
        payload     jsonb NOT NULL,
        logged_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (origin, kind, key, version)
      )`);
    await q.query(`
      CREATE TABLE inherited_standard (
        origin       text NOT NULL,
        kind         text NOT NULL,
        key          text NOT NULL,
        version      bigint NOT NULL,
        path         text[] NOT NULL,
        payload      jsonb NOT NULL,
        event_time   timestamptz NOT NULL,
        received_at  timestamptz NOT NULL,
        PRIMARY KEY (origin, kind, key)
      )`);
    await q.query(`
      CREATE TABLE downward_cursor (
        parent_code  text PRIMARY KEY,
        applied_seq  bigint NOT NULL DEFAULT 0,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE child_node ADD COLUMN silent_alert_at timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE child_node DROP COLUMN silent_alert_at');
    await q.query('DROP TABLE downward_cursor, inherited_standard, downward_log, anti_entropy_run, anti_entropy_set');
  }
}

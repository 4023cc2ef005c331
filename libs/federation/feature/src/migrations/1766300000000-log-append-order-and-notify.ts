import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The links read `replication_log` and `downward_log` after a cursor, in `seq` order. Two things every
 * writer of these logs now gets from the table itself:
 *
 * - **Commit order is `seq` order.** A statement appending to a log first takes a transaction-level
 *   advisory lock of that log (before its rows draw their `seq`), so a transaction holding a lower
 *   `seq` commits before another can draw a higher one. Without it, concurrent writers (two child
 *   links, the catalog feed) could commit seq 11 before seq 10, and a reader that had moved its cursor
 *   to 11 would never send 10.
 * - **A NOTIFY at commit.** `govdata_replication_log` / `govdata_downward_log` with the schema as
 *   payload, so the links wake when rows arrive instead of polling (they keep a slow fallback poll).
 *   NOTIFY folds duplicates within a transaction: one per committing transaction and log.
 */
export class LogAppendOrderAndNotify1766300000000 implements MigrationInterface {
  name = 'LogAppendOrderAndNotify1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION log_append_lock() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('govdata:log-append:' || TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME));
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION log_append_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('govdata_' || TG_TABLE_NAME, TG_TABLE_SCHEMA);
        RETURN NULL;
      END $$`);
    for (const table of ['replication_log', 'downward_log']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_lock BEFORE INSERT ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION log_append_lock()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_append_notify AFTER INSERT ON ${table}
           FOR EACH STATEMENT EXECUTE FUNCTION log_append_notify()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['replication_log', 'downward_log']) {
      await q.query(`DROP TRIGGER ${table}_append_notify ON ${table}`);
      await q.query(`DROP TRIGGER ${table}_append_lock ON ${table}`);
    }
    await q.query('DROP FUNCTION log_append_notify(), log_append_lock()');
  }
}

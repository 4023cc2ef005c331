import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 快照 — the files of a table resource, generated from the source in each download format and
 * regenerated on the dataset's update cycle: size, rows and sha256 kept beside the file, so a
 * download has its length, a strong ETag and byte ranges. `lease_until` keeps two replicas of the
 * service from generating the same file at once.
 */
export class OpenSnapshots1768100200000 implements MigrationInterface {
  name = 'OpenSnapshots1768100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_snapshot (
        resource_id  uuid NOT NULL REFERENCES open_resource (id) ON DELETE CASCADE,
        format       text NOT NULL CHECK (format IN ('csv', 'json')),
        file_name    text,
        bytes        bigint,
        rows         bigint,
        sha256       text,
        generated_at timestamptz,
        lease_until  timestamptz,
        failure      text,
        PRIMARY KEY (resource_id, format)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_snapshot');
  }
}

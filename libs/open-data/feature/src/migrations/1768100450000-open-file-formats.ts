import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Files of the last update in XML and XLSX too, beside CSV and JSON. */
export class OpenFileFormats1768100450000 implements MigrationInterface {
  name = 'OpenFileFormats1768100450000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE open_snapshot DROP CONSTRAINT open_snapshot_format_check');
    await q.query(
      `ALTER TABLE open_snapshot ADD CONSTRAINT open_snapshot_format_check CHECK (format IN ('csv', 'json', 'xml', 'xlsx'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM open_snapshot WHERE format IN ('xml', 'xlsx')`);
    await q.query('ALTER TABLE open_snapshot DROP CONSTRAINT open_snapshot_format_check');
    await q.query(
      `ALTER TABLE open_snapshot ADD CONSTRAINT open_snapshot_format_check CHECK (format IN ('csv', 'json'))`,
    );
  }
}

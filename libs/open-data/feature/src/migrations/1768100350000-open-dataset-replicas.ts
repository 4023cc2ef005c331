import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open datasets across the tree: each dataset's public version (grows with every change the node
 * publishes upward as `open-data.dataset.v1`, and at an ancestor the origin's version held), and
 * the read-only replicas of the subtree's open datasets — kept in `open_dataset` under their origin
 * node's code, with the path they travelled and when they arrived. A replica's resources have no
 * source here (their rows are served by the origin) and carry the origin's file list.
 */
export class OpenDatasetReplicas1768100350000 implements MigrationInterface {
  name = 'OpenDatasetReplicas1768100350000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE open_dataset
        ADD COLUMN public_version bigint NOT NULL DEFAULT 0,
        ADD COLUMN origin_path text[],
        ADD COLUMN received_at timestamptz,
        ADD CONSTRAINT open_dataset_replica_provenance
          CHECK ((origin_path IS NULL) = (received_at IS NULL) AND (origin_path IS NULL OR cardinality(origin_path) >= 2))`);
    await q.query(`
      ALTER TABLE open_resource
        ALTER COLUMN source DROP NOT NULL,
        ADD COLUMN replica_files jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DELETE FROM open_dataset WHERE origin_path IS NOT NULL');
    await q.query('ALTER TABLE open_resource DROP COLUMN replica_files, ALTER COLUMN source SET NOT NULL');
    await q.query(`
      ALTER TABLE open_dataset DROP CONSTRAINT open_dataset_replica_provenance,
        DROP COLUMN received_at, DROP COLUMN origin_path, DROP COLUMN public_version`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog's copy of the node's organisations (提供方), kept from identity events. */
export class CreateOrganisationRef1763856100000 implements MigrationInterface {
  name = 'CreateOrganisationRef1763856100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_ref (
        id          uuid PRIMARY KEY,
        node_code   text NOT NULL,
        name        text NOT NULL,
        uscc        text NOT NULL,
        region_code text NOT NULL,
        kind        text NOT NULL,
        parent_id   uuid,
        version     integer NOT NULL,
        active      boolean NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX organisation_ref_uscc ON organisation_ref (uscc)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organisation_ref');
  }
}

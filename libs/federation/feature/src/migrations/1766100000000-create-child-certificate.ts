import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every certificate this node issued to a child, by enrolment or renewal (证书轮换). After a renewal
 * the old certificate stays valid until it expires, so revoking a child revokes all of its live ones.
 */
export class CreateChildCertificate1766100000000 implements MigrationInterface {
  name = 'CreateChildCertificate1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE child_certificate (
        serial      text PRIMARY KEY,
        child_code  text NOT NULL,
        not_before  timestamptz NOT NULL,
        not_after   timestamptz NOT NULL,
        issued_via  text NOT NULL CHECK (issued_via IN ('enrolment', 'renewal')),
        issued_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX child_certificate_child_idx ON child_certificate (child_code, not_after)');
    await q.query(`
      INSERT INTO child_certificate (serial, child_code, not_before, not_after, issued_via)
      SELECT certificate_serial, code, not_before, not_after, 'enrolment' FROM child_node
       WHERE certificate_serial IS NOT NULL AND not_before IS NOT NULL AND not_after IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE child_certificate');
  }
}

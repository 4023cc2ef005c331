import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log states its hash: SHA-256 (RFC 6962) or SM3 (the 国密 profile). An empty log takes the
 * node's profile on its first append; once it has entries its hash never changes (a trigger refuses
 * it), since its roots were signed and anchored with that hash.
 */
export class AuditLedgerHashAlgorithm1767600000000 implements MigrationInterface {
  name = 'AuditLedgerHashAlgorithm1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log_head
        ADD COLUMN hash_algorithm text NOT NULL DEFAULT 'SHA-256' CHECK (hash_algorithm IN ('SHA-256', 'SM3'))`);
    await q.query(`
      CREATE FUNCTION audit_log_head_keeps_hash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.hash_algorithm <> OLD.hash_algorithm AND OLD.tree_size > 0 THEN
          RAISE EXCEPTION 'the audit ledger has % entries hashed with %; its hash cannot change',
            OLD.tree_size, OLD.hash_algorithm USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_head_keeps_hash BEFORE UPDATE ON audit_log_head
      FOR EACH ROW EXECUTE FUNCTION audit_log_head_keeps_hash()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER audit_log_head_keeps_hash ON audit_log_head');
    await q.query('DROP FUNCTION audit_log_head_keeps_hash()');
    await q.query('ALTER TABLE audit_log_head DROP COLUMN hash_algorithm');
  }
}

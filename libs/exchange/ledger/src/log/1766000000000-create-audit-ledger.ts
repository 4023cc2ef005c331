import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AuditLedgerHashAlgorithm1767600000000 } from './1767600000000-audit-ledger-hash-algorithm.js';

/**
 * 调用审计账本 — the exchange's append-only audit log (RFC 6962): one row per logged call, one per
 * complete subtree (so roots and proofs at any past size read O(log n) rows), the head (tree size
 * and root, locked by every append) and the signed checkpoints. Triggers refuse UPDATE, DELETE and
 * TRUNCATE on the log's tables; only the head row moves.
 */
export class CreateAuditLedger1766000000000 implements MigrationInterface {
  name = 'CreateAuditLedger1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log_head (
        singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        tree_size  bigint NOT NULL CHECK (tree_size >= 0),
        root_hash  bytea NOT NULL CHECK (length(root_hash) = 32),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `INSERT INTO audit_log_head (tree_size, root_hash)
       VALUES (0, '\\xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'::bytea)`,
    );
    await q.query(`
      CREATE TABLE audit_leaf (
        leaf_index  bigint PRIMARY KEY CHECK (leaf_index >= 0),
        leaf_hash   bytea NOT NULL CHECK (length(leaf_hash) = 32),
        record      jsonb NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX audit_leaf_by_hash ON audit_leaf (leaf_hash)');
    await q.query(`
      CREATE TABLE audit_subtree (
        level      smallint NOT NULL CHECK (level BETWEEN 1 AND 53),
        node_index bigint NOT NULL CHECK (node_index >= 0),
        hash       bytea NOT NULL CHECK (length(hash) = 32),
        PRIMARY KEY (level, node_index)
      )`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
        root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
        note      text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION audit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_leaf', 'audit_subtree', 'audit_checkpoint']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audit_ledger_append_only()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION audit_ledger_append_only()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_checkpoint');
    await q.query('DROP TABLE audit_subtree');
    await q.query('DROP TABLE audit_leaf');
    await q.query('DROP TABLE audit_log_head');
    await q.query('DROP FUNCTION audit_ledger_append_only()');
  }
}

export const AUDIT_LEDGER_MIGRATIONS = [CreateAuditLedger1766000000000, AuditLedgerHashAlgorithm1767600000000];

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enrolment (入网) and the child registry: one-time tokens an operator hands to a child's operator
 * (only their SHA-256 is kept), the CSRs children send with them, the children this node certified,
 * and its revocations with the CRL number and the last signed CRL.
 */
export class CreateEnrolmentRegistry1764000000000 implements MigrationInterface {
  name = 'CreateEnrolmentRegistry1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enrolment_token (
        id          uuid PRIMARY KEY,
        token_hash  text NOT NULL UNIQUE,
        child_code  text NOT NULL,
        child_name  text NOT NULL,
        level       text NOT NULL,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz NOT NULL,
        used_at     timestamptz
      )`);
    await q.query(`
      CREATE TABLE enrolment (
        id                uuid PRIMARY KEY,
        token_id          uuid NOT NULL UNIQUE REFERENCES enrolment_token (id),
        child_code        text NOT NULL,
        child_name        text NOT NULL,
        level             text NOT NULL,
        csr_pem           text NOT NULL,
        status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        requested_at      timestamptz NOT NULL DEFAULT now(),
        decided_at        timestamptz,
        decided_by        text,
        reject_reason     text,
        certificate_serial text,
        not_before        timestamptz,
        not_after         timestamptz,
        bundle_pem        text,
        trusted_root_pem  text
      )`);
    await q.query('CREATE INDEX enrolment_status_idx ON enrolment (status, requested_at)');
    await q.query(`
      CREATE TABLE child_node (
        code               text PRIMARY KEY,
        name               text NOT NULL,
        level              text NOT NULL,
        status             text NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
        certificate_serial text,
        not_before         timestamptz,
        not_after          timestamptz,
        enrolled_at        timestamptz,
        revoked_at         timestamptz,
        revoke_reason      text,
        -- Filled by the links (issue 4 deliverable 2); null until a child has connected.
        last_seen_at       timestamptz,
        lag_seconds        double precision,
        software_version   text,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE revocation (
        serial      text PRIMARY KEY,
        child_code  text NOT NULL,
        revoked_at  timestamptz NOT NULL,
        reason      text NOT NULL,
        note        text,
        revoked_by  text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE revocation_list (
        issuer_code text PRIMARY KEY,
        number      integer NOT NULL,
        crl_pem     text,
        signed_at   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE revocation_list, revocation, child_node, enrolment, enrolment_token');
  }
}

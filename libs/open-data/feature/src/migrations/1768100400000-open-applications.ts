import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 有条件开放申请 — a real-name person's application to use a dataset opened on conditions: what
 * for, in which scenario, which fields, until when, and the security commitments accepted; the
 * providing department's decision within its working days; the agreement offered and signed (its
 * text and sha256 kept as signed); and the grant it becomes, until it expires or is revoked.
 */
export class OpenApplications1768100400000 implements MigrationInterface {
  name = 'OpenApplications1768100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_application (
        id                 uuid PRIMARY KEY,
        dataset_id         uuid NOT NULL REFERENCES open_dataset (id),
        -- the providing department, copied from the dataset: who reviews it
        organisation_id    uuid NOT NULL,
        account_id         uuid NOT NULL REFERENCES open_account (id),
        -- the applicant as 实名认证 recorded them when applying
        applicant_kind     text NOT NULL CHECK (applicant_kind IN ('person', 'company')),
        applicant_name     text NOT NULL,
        applicant_id_masked text NOT NULL,
        purpose            text NOT NULL,
        scenario           text NOT NULL,
        commitments        text[] NOT NULL,
        fields             text[] NOT NULL CHECK (cardinality(fields) > 0),
        valid_until        date NOT NULL,
        status             text NOT NULL
                           CHECK (status IN ('submitted', 'approved', 'active', 'refused', 'withdrawn', 'revoked')),
        due                date,
        due_provisional    boolean NOT NULL DEFAULT false,
        submitted_at       timestamptz NOT NULL,
        decided_at         timestamptz,
        decided_by         text,
        -- the refusal's reason, or the department's conditions on an approval
        decision_note      text,
        granted_fields     text[],
        granted_until      date,
        agreement_text     text,
        agreement_sha256   text,
        signed_at          timestamptz,
        ended_at           timestamptz,
        ended_by           text,
        ended_reason       text,
        CHECK (status NOT IN ('approved', 'active', 'revoked')
               OR (granted_fields IS NOT NULL AND granted_until IS NOT NULL AND agreement_sha256 IS NOT NULL)),
        CHECK (status NOT IN ('active', 'revoked') OR signed_at IS NOT NULL),
        CHECK (status <> 'refused' OR decision_note IS NOT NULL)
      )`);
    await q.query('CREATE INDEX open_application_account ON open_application (account_id, submitted_at DESC)');
    await q.query(
      'CREATE INDEX open_application_department ON open_application (organisation_id, status, submitted_at)',
    );
    // One application in progress or in force per person and dataset.
    await q.query(`
      CREATE UNIQUE INDEX open_application_one_live ON open_application (account_id, dataset_id)
       WHERE status IN ('submitted', 'approved', 'active')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_application');
  }
}

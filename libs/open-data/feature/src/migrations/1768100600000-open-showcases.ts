import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 应用成果展示、评分与评论 — what the public makes of open data: showcases of the apps, reports and
 * research built on it (shown once the node authority approves them), a 1–5 rating per person and
 * dataset, and comments on a dataset (public at once; the authority or the providing department may
 * hide one, with a reason the author sees).
 */
export class OpenShowcases1768100600000 implements MigrationInterface {
  name = 'OpenShowcases1768100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_showcase (
        id                   uuid PRIMARY KEY,
        account_id           uuid NOT NULL REFERENCES open_account (id),
        -- the submitter as 实名认证 recorded them when submitting (shown publicly masked for a person)
        submitter_kind       text NOT NULL CHECK (submitter_kind IN ('person', 'company')),
        submitter_name       text NOT NULL,
        submitter_id_masked  text NOT NULL,
        title                text NOT NULL,
        description          text NOT NULL,
        kind                 text NOT NULL
                             CHECK (kind IN ('app', 'mini-program', 'website', 'report', 'research', 'other')),
        url                  text NOT NULL,
        -- the open datasets it uses (this node's own, or replicas), in the submitter's order
        dataset_ids          uuid[] NOT NULL CHECK (cardinality(dataset_ids) BETWEEN 1 AND 50),
        status               text NOT NULL CHECK (status IN ('submitted', 'approved', 'refused')),
        submitted_at         timestamptz NOT NULL,
        decided_at           timestamptz,
        decided_by           text,
        refusal_reason       text,
        CHECK (status = 'submitted' OR decided_at IS NOT NULL),
        CHECK (status <> 'refused' OR refusal_reason IS NOT NULL)
      )`);
    await q.query('CREATE INDEX open_showcase_account ON open_showcase (account_id, submitted_at DESC)');
    await q.query('CREATE INDEX open_showcase_queue ON open_showcase (status, submitted_at)');
    await q.query(
      "CREATE INDEX open_showcase_shown ON open_showcase (decided_at DESC, id DESC) WHERE status = 'approved'",
    );
    await q.query('CREATE INDEX open_showcase_datasets ON open_showcase USING gin (dataset_ids)');

    await q.query(`
      CREATE TABLE open_dataset_rating (
        dataset_id  uuid NOT NULL REFERENCES open_dataset (id),
        account_id  uuid NOT NULL REFERENCES open_account (id),
        score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        rated_at    timestamptz NOT NULL,
        PRIMARY KEY (dataset_id, account_id)
      )`);

    await q.query(`
      CREATE TABLE open_comment (
        id             uuid PRIMARY KEY,
        dataset_id     uuid NOT NULL REFERENCES open_dataset (id),
        account_id     uuid NOT NULL REFERENCES open_account (id),
        -- the author as shown when posting: the masked phone/e-mail, or the real-name display
        author_name    text NOT NULL,
        text           text NOT NULL,
        created_at     timestamptz NOT NULL,
        hidden_at      timestamptz,
        hidden_by      text,
        hidden_reason  text,
        CHECK (hidden_at IS NULL OR hidden_reason IS NOT NULL)
      )`);
    await q.query(
      'CREATE INDEX open_comment_visible ON open_comment (dataset_id, created_at DESC, id DESC) WHERE hidden_at IS NULL',
    );
    await q.query('CREATE INDEX open_comment_account ON open_comment (account_id, created_at DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open_comment');
    await q.query('DROP TABLE open_dataset_rating');
    await q.query('DROP TABLE open_showcase');
  }
}

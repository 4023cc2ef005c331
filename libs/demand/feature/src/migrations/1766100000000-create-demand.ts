import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 數據供需對接 — the demand service's schema: what it knows of organisations and catalog entries
 * (projections of `identity.organisation.v1`, `catalog.entry.v1` and `federation.replica.v1`), the
 * node's list of legal grounds (法定事由) a refusal must cite, and the applications with their
 * timelines. An application filed at another node is held here as a copy, replaced by every higher
 * version that arrives through the federation.
 */
export class CreateDemand1766100000000 implements MigrationInterface {
  name = 'CreateDemand1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_ref (
        id         uuid PRIMARY KEY,
        node_code  text NOT NULL,
        name       text NOT NULL,
        version    integer NOT NULL,
        active     boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The published version of each entry an application may name: this node's own and the replicas of its 一本賬.
    await q.query(`
      CREATE TABLE entry_ref (
        entry_id            uuid PRIMARY KEY,
        node_code           text NOT NULL,
        code                text NOT NULL,
        name                text NOT NULL,
        organisation_id     uuid NOT NULL,
        provider_name       text NOT NULL,
        sharing_type        text NOT NULL CHECK (sharing_type IN ('unconditional', 'conditional', 'none')),
        sharing_conditions  text,
        sharing_legal_basis text,
        grade_category      text NOT NULL,
        items               text[] NOT NULL,
        retired             boolean NOT NULL,
        -- own entry (catalog.entry.v1) or replica of another node (federation.replica.v1)
        replica             boolean NOT NULL,
        -- own: the catalog's transition sequence; replica: the origin's version; the highest wins
        version             bigint NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX entry_ref_organisation ON entry_ref (organisation_id)');

    await q.query(`
      CREATE TABLE legal_ground (
        code         text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        title        text NOT NULL,
        basis        text NOT NULL,
        description  text,
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        -- withdrawn grounds stay: timelines cite them
        withdrawn_at timestamptz
      )`);
    await q.query(
      `INSERT INTO legal_ground (code, title, basis, description, created_by) VALUES
        ('state-secret', '涉及國家秘密', '《中華人民共和國保守國家秘密法》',
         '申請的數據屬於國家秘密，不得通過共享平臺提供', 'platform'),
        ('prohibited-by-law', '法律、行政法規明確禁止共享', '相關法律、行政法規；《中華人民共和國數據安全法》第三十八條',
         '法律、行政法規規定不得向其他部門提供的數據', 'platform'),
        ('beyond-duty', '超出依法履職需要', '《政務信息資源共享管理暫行辦法》（國發〔2016〕51號）第五條、第十四條',
         '申請的數據或數據項與申請方的法定職責無關，或超出履職所必需的範圍', 'platform'),
        ('personal-information', '涉及個人信息且超出履行法定職責所必需的範圍和限度', '《中華人民共和國個人信息保護法》第三十四條',
         '國家機關處理個人信息不得超出履行法定職責所必需的範圍和限度', 'platform'),
        ('commercial-secret', '涉及商業秘密，依法應予保護', '《中華人民共和國反不正當競爭法》第九條',
         '申請的數據含有依法受保護的商業秘密', 'platform'),
        ('national-security', '危害國家安全、公共安全', '《中華人民共和國數據安全法》第二十一條、第二十四條',
         '共享將危害國家安全或公共安全的重要數據、核心數據', 'platform'),
        ('not-held', '申請的數據不屬於本部門職責範圍或本部門未采集', '《政務信息資源共享管理暫行辦法》（國發〔2016〕51號）第五條「誰主管，誰提供，誰負責」',
         '提供方並不掌握所申請的數據（未編目數據的需求）', 'platform')`,
    );

    await q.query(`
      CREATE TABLE application (
        id                       uuid PRIMARY KEY,
        -- the node the application was filed at (the consumer's)
        node_code                text NOT NULL,
        -- grows by one with every change, whichever node made it
        version                  integer NOT NULL CHECK (version >= 1),
        state                    text NOT NULL CHECK (state IN ('department-review', 'provider-review',
                                   'authority-review', 'contested', 'granted', 'rejected', 'withdrawn', 'expired',
                                   'awaiting-registration')),
        last_action              text NOT NULL,
        applicant_organisation_id uuid NOT NULL,
        applicant_node           text NOT NULL,
        applicant_subject        text NOT NULL,
        applicant_name           text,
        target_kind              text NOT NULL CHECK (target_kind IN ('entry', 'uncatalogued')),
        entry_id                 uuid,
        entry_code               text,
        entry_name               text,
        provider_node            text NOT NULL,
        provider_organisation_id uuid,
        target_description       text,
        requested_items          text[] NOT NULL,
        purpose                  text NOT NULL,
        legal_basis              text NOT NULL,
        scenario                 text,
        valid_until              date NOT NULL,
        expected_volume          jsonb,
        grant_terms              jsonb,
        filed_at                 timestamptz NOT NULL,
        -- when the last change was made, and at which node
        changed_at               timestamptz NOT NULL,
        changed_at_node          text NOT NULL,
        -- set when the row is a copy last written from another node's event
        received_at              timestamptz,
        CHECK (target_kind = 'uncatalogued' OR entry_id IS NOT NULL),
        CHECK ((state = 'granted') = (grant_terms IS NOT NULL))
      )`);
    await q.query('CREATE INDEX application_applicant ON application (applicant_organisation_id, state)');
    await q.query('CREATE INDEX application_provider ON application (provider_organisation_id, state)');

    // 審核流程: every step of an application, the same on both nodes.
    await q.query(`
      CREATE TABLE application_step (
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        seq            integer NOT NULL,
        step           text NOT NULL,
        assignee       jsonb,
        opened_at      timestamptz NOT NULL,
        due_on         date,
        decision       text,
        decided_at     timestamptz,
        actor          jsonb,
        ground_code    text,
        ground_title   text,
        comment        text,
        terms          jsonb,
        PRIMARY KEY (application_id, seq),
        CHECK ((decision IS NULL) = (decided_at IS NULL))
      )`);
    await q.query('CREATE INDEX application_step_open ON application_step (due_on) WHERE decision IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE application_step');
    await q.query('DROP TABLE application');
    await q.query('DROP TABLE legal_ground');
    await q.query('DROP TABLE entry_ref');
    await q.query('DROP TABLE organisation_ref');
  }
}

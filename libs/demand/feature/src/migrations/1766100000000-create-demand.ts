import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据供需对接 — the demand service's schema: what it knows of organisations and catalog entries
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

    // The published version of each entry an application may name: this node's own and the replicas of its 一本账.
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
        ('state-secret', '涉及国家秘密', '《中华人民共和国保守国家秘密法》',
         '申请的数据属于国家秘密，不得通过共享平台提供', 'platform'),
        ('prohibited-by-law', '法律、行政法规明确禁止共享', '相关法律、行政法规；《中华人民共和国数据安全法》第三十八条',
         '法律、行政法规规定不得向其他部门提供的数据', 'platform'),
        ('beyond-duty', '超出依法履职需要', '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第五条、第十四条',
         '申请的数据或数据项与申请方的法定职责无关，或超出履职所必需的范围', 'platform'),
        ('personal-information', '涉及个人信息且超出履行法定职责所必需的范围和限度', '《中华人民共和国个人信息保护法》第三十四条',
         '国家机关处理个人信息不得超出履行法定职责所必需的范围和限度', 'platform'),
        ('commercial-secret', '涉及商业秘密，依法应予保护', '《中华人民共和国反不正当竞争法》第九条',
         '申请的数据含有依法受保护的商业秘密', 'platform'),
        ('national-security', '危害国家安全、公共安全', '《中华人民共和国数据安全法》第二十一条、第二十四条',
         '共享将危害国家安全或公共安全的重要数据、核心数据', 'platform'),
        ('not-held', '申请的数据不属于本部门职责范围或本部门未采集', '《政务信息资源共享管理暂行办法》（国发〔2016〕51号）第五条「谁主管，谁提供，谁负责」',
         '提供方并不掌握所申请的数据（未编目数据的需求）', 'platform')`,
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

    // 审核流程: every step of an application, the same on both nodes.
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

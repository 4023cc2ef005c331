import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog entries, their versions and every transition; the classification code table; codes that
 * are never reused. A published version's content can never change in place (trigger).
 */
export class CreateCatalogEntries1763900000000 implements MigrationInterface {
  name = 'CreateCatalogEntries1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // 目录分类 — 类/项/目/细目. National codes are seeded below; a node may add 目 and 细目 under them.
    await q.query(`
      CREATE TABLE classification (
        code        text PRIMARY KEY CHECK (code ~ '^[1-3](\\d{2}(\\d{3}){0,2})?$'),
        parent_code text REFERENCES classification (code),
        level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        name        text NOT NULL,
        name_en     text,
        origin      text NOT NULL DEFAULT 'national' CHECK (origin IN ('national', 'node')),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // The last 后段 sequence handed out per node and 前段码; it only ever grows.
    await q.query(`
      CREATE TABLE code_sequence (
        node_code  text NOT NULL,
        prefix     text NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (node_code, prefix)
      )`);

    await q.query(`
      CREATE TABLE catalog_entry (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code                   text NOT NULL UNIQUE,
        node_code              text NOT NULL,
        organisation_id        uuid NOT NULL,
        head_version           integer NOT NULL,
        head_state             text NOT NULL,
        published_version      integer,
        retired_at             timestamptz,
        authoritative_entry_id uuid REFERENCES catalog_entry (id),
        created_by             text NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        first_published_at     timestamptz,
        CHECK (head_state IN ('draft', 'submitted', 'returned', 'approved', 'published'))
      )`);
    await q.query('CREATE INDEX catalog_entry_org ON catalog_entry (organisation_id, head_state)');

    // Every code ever assigned, including those of abandoned drafts: none is handed out twice.
    await q.query(`
      CREATE TABLE assigned_code (
        code        text PRIMARY KEY,
        entry_id    uuid NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE catalog_entry_version (
        entry_id       uuid NOT NULL REFERENCES catalog_entry (id),
        version        integer NOT NULL CHECK (version >= 1),
        state          text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'published', 'superseded')),
        content        jsonb NOT NULL,
        name           text NOT NULL,
        return_reasons jsonb,
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        submitted_at   timestamptz,
        approved_at    timestamptz,
        published_at   timestamptz,
        publish_date   date,
        PRIMARY KEY (entry_id, version)
      )`);
    // A published version never changes in place: not through the service, not through SQL.
    await q.query(`
      CREATE FUNCTION catalog_entry_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state IN ('published', 'superseded') AND
           (NEW.content IS DISTINCT FROM OLD.content OR NEW.name IS DISTINCT FROM OLD.name
            OR NEW.publish_date IS DISTINCT FROM OLD.publish_date) THEN
          RAISE EXCEPTION 'published version % of entry % is immutable', OLD.version, OLD.entry_id
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER catalog_entry_version_immutable BEFORE UPDATE ON catalog_entry_version
      FOR EACH ROW EXECUTE FUNCTION catalog_entry_version_immutable()`);
    await q.query(`
      CREATE FUNCTION catalog_entry_version_undeletable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'published version % of entry % cannot be deleted', OLD.version, OLD.entry_id
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER catalog_entry_version_undeletable BEFORE DELETE ON catalog_entry_version
      FOR EACH ROW WHEN (OLD.state IN ('published', 'superseded')) EXECUTE FUNCTION catalog_entry_version_undeletable()`);

    // Who did what, when and why — the history the lifecycle is audited by; also the change stream.
    await q.query(`
      CREATE TABLE entry_transition (
        seq                   bigserial PRIMARY KEY,
        entry_id              uuid NOT NULL REFERENCES catalog_entry (id),
        version               integer NOT NULL,
        action                text NOT NULL,
        from_state            text,
        to_state              text NOT NULL,
        actor_subject         text NOT NULL,
        actor_name            text,
        actor_organisation_id uuid,
        reason                text,
        field_reasons         jsonb,
        at                    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX entry_transition_entry ON entry_transition (entry_id, seq)');

    await q.query(SEED_CLASSIFICATION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE entry_transition');
    await q.query('DROP TABLE catalog_entry_version');
    await q.query('DROP FUNCTION catalog_entry_version_immutable');
    await q.query('DROP FUNCTION catalog_entry_version_undeletable');
    await q.query('DROP TABLE assigned_code');
    await q.query('DROP TABLE catalog_entry');
    await q.query('DROP TABLE code_sequence');
    await q.query('DROP TABLE classification');
  }
}

/**
 * 类 and 项 of the 资源属性 classification (政务信息资源目录编制指南): 1 基础, 2 主题, 3 部门 — the digits
 * are marked [verify] in STANDARDS.md, so they are data here, extendable per node. 部门 项 are the
 * node's departments; a node adds them with its own 目/细目.
 */
const SEED_CLASSIFICATION = `
  INSERT INTO classification (code, parent_code, level, name, name_en) VALUES
    ('1', NULL, 1, '基础信息资源', 'Base resources'),
    ('101', '1', 2, '人口', 'Population'),
    ('102', '1', 2, '法人单位', 'Legal entities'),
    ('103', '1', 2, '自然资源和空间地理', 'Natural resources and geospatial'),
    ('104', '1', 2, '社会信用', 'Social credit'),
    ('105', '1', 2, '电子证照', 'Electronic licences'),
    ('2', NULL, 1, '主题信息资源', 'Theme resources'),
    ('201', '2', 2, '公共服务', 'Public services'),
    ('202', '2', 2, '健康保障', 'Health'),
    ('203', '2', 2, '社会保障', 'Social security'),
    ('204', '2', 2, '食品药品安全', 'Food and drug safety'),
    ('205', '2', 2, '安全生产', 'Work safety'),
    ('206', '2', 2, '价格监管', 'Price supervision'),
    ('207', '2', 2, '能源安全', 'Energy security'),
    ('208', '2', 2, '信用体系', 'Credit system'),
    ('209', '2', 2, '城乡建设', 'Urban and rural construction'),
    ('210', '2', 2, '社区治理', 'Community governance'),
    ('211', '2', 2, '生态环保', 'Ecology and environment'),
    ('212', '2', 2, '应急维稳', 'Emergency and stability'),
    ('3', NULL, 1, '部门信息资源', 'Department resources'),
    ('101001', '101', 3, '人口基本信息', 'Basic population information'),
    ('101002', '101', 3, '户籍信息', 'Household registration'),
    ('101003', '101', 3, '婚姻登记信息', 'Marriage registration'),
    ('102001', '102', 3, '法人基本信息', 'Basic legal-entity information'),
    ('102002', '102', 3, '企业登记信息', 'Enterprise registration'),
    ('103001', '103', 3, '不动产登记信息', 'Real-estate registration'),
    ('103002', '103', 3, '自然资源调查信息', 'Natural-resource surveys'),
    ('104001', '104', 3, '信用评价信息', 'Credit ratings'),
    ('104002', '104', 3, '失信惩戒信息', 'Dishonesty sanctions'),
    ('105001', '105', 3, '证照目录信息', 'Licence catalogue'),
    ('201001', '201', 3, '政务服务事项', 'Government service items'),
    ('202001', '202', 3, '医疗保障结算', 'Medical insurance settlements'),
    ('202002', '202', 3, '医疗机构信息', 'Medical institutions'),
    ('203001', '203', 3, '社会保险参保', 'Social insurance enrolment'),
    ('203002', '203', 3, '住房公积金', 'Housing provident fund'),
    ('203003', '203', 3, '社会救助', 'Social assistance'),
    ('204001', '204', 3, '食品生产经营许可', 'Food production licences'),
    ('209001', '209', 3, '建设工程许可', 'Construction permits'),
    ('211001', '211', 3, '环境监测', 'Environmental monitoring'),
    ('212001', '212', 3, '应急资源', 'Emergency resources')`;

import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `('classification', 'data-element', 'grade-policy', 'calendar-year', 'directive')`;

/**
 * Standards flowing down the federation (标准下行): what this node issues (`standard_issue`, one row
 * per version, published as `catalog.standard.v1`), what it inherited from its ancestors
 * (`inherited_standard`, the highest version per origin and key), the conflicts met applying them,
 * and the 数据元 registry. Classification codes, loaded calendar years and campaigns learn where an
 * inherited one came from.
 */
export class CreateStandards1765100000000 implements MigrationInterface {
  name = 'CreateStandards1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard_issue (
        kind      text NOT NULL CHECK (kind IN ${KINDS}),
        key       text NOT NULL CHECK (length(key) BETWEEN 1 AND 64),
        version   integer NOT NULL CHECK (version >= 1),
        action    text NOT NULL CHECK (action IN ('upsert', 'remove')),
        body      jsonb NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (kind, key, version)
      )`);

    await q.query(`
      CREATE TABLE inherited_standard (
        origin_node text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ${KINDS}),
        key         text NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        action      text NOT NULL CHECK (action IN ('upsert', 'remove')),
        body        jsonb NOT NULL,
        -- the issuing node first, this node last
        path        text[] NOT NULL,
        issued_at   timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        -- what applying it did here: applied, waiting-for-parent, official-data, kept-local, rejected
        outcome     text NOT NULL,
        applied_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (origin_node, kind, key)
      )`);
    await q.query('CREATE INDEX inherited_standard_kind ON inherited_standard (kind, key)');

    await q.query(`
      CREATE TABLE standard_conflict (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        origin_node text NOT NULL,
        kind        text NOT NULL CHECK (kind IN ${KINDS}),
        key         text NOT NULL,
        version     integer NOT NULL,
        rule        text NOT NULL,
        resolution  text NOT NULL CHECK (resolution IN ('replaced-local', 'narrowed-local', 'kept-local', 'not-applied')),
        message     text NOT NULL,
        local       jsonb,
        inherited   jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX standard_conflict_recorded ON standard_conflict (recorded_at DESC)');

    // 数据元: the node's own and, read-only, its ancestors' (inherited_from names the issuing node).
    await q.query(`
      CREATE TABLE data_element (
        identifier     text PRIMARY KEY CHECK (identifier ~ '^[A-Za-z0-9._:-]{1,64}$'),
        name           text NOT NULL,
        name_en        text,
        definition     text NOT NULL,
        data_type      text NOT NULL CHECK (data_type IN ('C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F')),
        length         integer CHECK (length >= 1),
        value_domain   text,
        inherited_from text,
        created_by     text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_by     text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX data_element_name ON data_element (name)');

    await q.query('ALTER TABLE classification DROP CONSTRAINT classification_origin_check');
    await q.query(
      `ALTER TABLE classification ADD CONSTRAINT classification_origin_check CHECK (origin IN ('national', 'node', 'inherited'))`,
    );
    await q.query('ALTER TABLE classification ADD COLUMN inherited_from text');
    // A withdrawn code stays on the entries filed under it; no new entry may use it.
    await q.query('ALTER TABLE classification ADD COLUMN withdrawn_at timestamptz');
    await q.query(`ALTER TABLE classification ADD CONSTRAINT classification_inherited_from
      CHECK ((origin = 'inherited') = (inherited_from IS NOT NULL))`);

    await q.query('ALTER TABLE calendar_year ADD COLUMN inherited_from text');

    await q.query('ALTER TABLE review_campaign ADD COLUMN directive_origin text');
    await q.query('ALTER TABLE review_campaign ADD COLUMN directive_key text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE review_campaign DROP COLUMN directive_key');
    await q.query('ALTER TABLE review_campaign DROP COLUMN directive_origin');
    await q.query('ALTER TABLE calendar_year DROP COLUMN inherited_from');
    await q.query('ALTER TABLE classification DROP CONSTRAINT classification_inherited_from');
    await q.query('ALTER TABLE classification DROP COLUMN withdrawn_at');
    await q.query('ALTER TABLE classification DROP COLUMN inherited_from');
    await q.query(`UPDATE classification SET origin = 'national' WHERE origin = 'inherited'`);
    await q.query('ALTER TABLE classification DROP CONSTRAINT classification_origin_check');
    await q.query(
      `ALTER TABLE classification ADD CONSTRAINT classification_origin_check CHECK (origin IN ('national', 'node'))`,
    );
    await q.query('DROP TABLE data_element');
    await q.query('DROP TABLE standard_conflict');
    await q.query('DROP TABLE inherited_standard');
    await q.query('DROP TABLE standard_issue');
  }
}

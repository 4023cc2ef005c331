import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 数据—系统 (the register of government information systems), 目录—数据 (data sources and the
 * resources mounted to entries) and 一数一源 (fingerprints of registered entries and the conflicts
 * found between providers).
 */
export class CreateSystemsMountsSources1763900300000 implements MigrationInterface {
  name = 'CreateSystemsMountsSources1763900300000';

  async up(q: QueryRunner): Promise<void> {
    // 政务信息系统 — per organisation; `name_key` is the name as people compare it (width, case, spaces).
    await q.query(`
      CREATE TABLE information_system (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code               text NOT NULL,
        organisation_id         uuid NOT NULL,
        name                    text NOT NULL,
        name_key                text NOT NULL,
        description             text,
        construction_level      text NOT NULL CHECK (construction_level IN ('national', 'provincial', 'municipal', 'county')),
        construction_department text NOT NULL,
        deployment              text NOT NULL CHECK (deployment IN ('gov-cloud', 'own-data-centre', 'hosted', 'other')),
        deployment_detail       text,
        status                  text NOT NULL CHECK (status IN ('in-use', 'decommissioned')),
        contact_name            text NOT NULL,
        contact_phone           text NOT NULL,
        contact_email           text,
        version                 integer NOT NULL DEFAULT 1,
        created_by              text NOT NULL,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_by              text NOT NULL,
        updated_at              timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, name_key)
      )`);
    await q.query('CREATE INDEX information_system_node ON information_system (node_code, organisation_id, name)');

    // A database an organisation mounts tables from. The password is AES-256-GCM ciphertext; the key
    // lives in the node's data folder, never in the database.
    await q.query(`
      CREATE TABLE data_source (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code       text NOT NULL,
        organisation_id uuid NOT NULL,
        name            text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('postgresql')),
        host            text NOT NULL,
        port            integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
        database_name   text NOT NULL,
        username        text NOT NULL,
        password_cipher text,
        ssl             boolean NOT NULL DEFAULT false,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, name)
      )`);

    // 挂接 — a table, an API or a file behind an entry. `detail` never holds a credential.
    await q.query(`
      CREATE TABLE entry_mount (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        entry_id        uuid NOT NULL REFERENCES catalog_entry (id),
        node_code       text NOT NULL,
        organisation_id uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('table', 'api', 'file')),
        name            text NOT NULL,
        data_source_id  uuid REFERENCES data_source (id),
        detail          jsonb NOT NULL,
        secret_cipher   text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (entry_id, name),
        CHECK ((kind = 'table') = (data_source_id IS NOT NULL))
      )`);
    await q.query(
      'CREATE INDEX entry_mount_data_source ON entry_mount (data_source_id) WHERE data_source_id IS NOT NULL',
    );
    // An uploaded file or an API's OpenAPI document, apart so listing mounts never reads it; 2 MiB at most.
    await q.query(`
      CREATE TABLE entry_mount_content (
        mount_id   uuid PRIMARY KEY REFERENCES entry_mount (id) ON DELETE CASCADE,
        media_type text NOT NULL,
        content    bytea NOT NULL CHECK (octet_length(content) <= 2097152)
      )`);

    // 一数一源 — what each registered (submitted) entry claims to hold, for finding the same data
    // registered by another provider without reading every entry's content.
    await q.query(`
      CREATE TABLE source_fingerprint (
        entry_id            uuid PRIMARY KEY REFERENCES catalog_entry (id),
        node_code           text NOT NULL,
        organisation_id     uuid NOT NULL,
        version             integer NOT NULL,
        classification_code text NOT NULL,
        name                text NOT NULL,
        item_count          integer NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX source_fingerprint_class ON source_fingerprint (node_code, classification_code)');
    // One row per item key: `n:<normalised name>` or `e:<data element>`.
    await q.query(`
      CREATE TABLE source_fingerprint_key (
        entry_id  uuid NOT NULL REFERENCES source_fingerprint (entry_id) ON DELETE CASCADE,
        key       text NOT NULL,
        item_name text NOT NULL,
        PRIMARY KEY (entry_id, key)
      )`);
    await q.query('CREATE INDEX source_fingerprint_key_key ON source_fingerprint_key (key)');

    // One flag per pair of entries, whichever of the two was submitted last.
    await q.query(`
      CREATE TABLE source_conflict (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        node_code              text NOT NULL,
        entry_id               uuid NOT NULL REFERENCES catalog_entry (id),
        other_entry_id         uuid NOT NULL REFERENCES catalog_entry (id),
        pair_low               uuid GENERATED ALWAYS AS (LEAST(entry_id, other_entry_id)) STORED,
        pair_high              uuid GENERATED ALWAYS AS (GREATEST(entry_id, other_entry_id)) STORED,
        reasons                jsonb NOT NULL,
        score                  numeric(4, 3) NOT NULL,
        status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
        detected_at            timestamptz NOT NULL DEFAULT now(),
        last_detected_at       timestamptz NOT NULL DEFAULT now(),
        authoritative_entry_id uuid REFERENCES catalog_entry (id),
        note                   text,
        decided_by             text,
        decided_by_name        text,
        decided_at             timestamptz,
        CHECK (entry_id <> other_entry_id),
        CHECK ((status = 'open') = (decided_at IS NULL)),
        CHECK ((status = 'resolved') = (authoritative_entry_id IS NOT NULL)),
        UNIQUE (pair_low, pair_high)
      )`);
    await q.query(
      'CREATE INDEX source_conflict_status ON source_conflict (node_code, status, detected_at DESC, id DESC)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE source_conflict');
    await q.query('DROP TABLE source_fingerprint_key');
    await q.query('DROP TABLE source_fingerprint');
    await q.query('DROP TABLE entry_mount_content');
    await q.query('DROP TABLE entry_mount');
    await q.query('DROP TABLE data_source');
    await q.query('DROP TABLE information_system');
  }
}

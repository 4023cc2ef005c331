import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The exchange's own tables: the catalog entries it serves (a projection of catalog.entry.v1, for
 * each entry's owner, grade and items), the API resources providers register for them, the grants
 * issued from granted sharing applications, and one row per logged call for metering and for
 * finding a call's ledger entry. The audit ledger itself is CreateAuditLedger1766000000000.
 */
export class CreateExchange1766100000000 implements MigrationInterface {
  name = 'CreateExchange1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entry_ref (
        id              uuid PRIMARY KEY,
        code            text NOT NULL,
        node_code       text NOT NULL,
        organisation_id uuid NOT NULL,
        name            text NOT NULL,
        status          text NOT NULL,
        grade_category  text CHECK (grade_category IN ('core', 'important', 'general')),
        grade_level     smallint CHECK (grade_level BETWEEN 1 AND 4),
        items           jsonb NOT NULL DEFAULT '[]',
        sequence        bigint NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_resource (
        id                uuid PRIMARY KEY,
        node_code         text NOT NULL,
        organisation_id   uuid NOT NULL,
        entry_id          uuid NOT NULL UNIQUE REFERENCES entry_ref (id),
        name              text NOT NULL,
        base_url          text NOT NULL,
        openapi           jsonb NOT NULL,
        operations        jsonb NOT NULL,
        response_items    jsonb NOT NULL DEFAULT '[]',
        records_at        text,
        upstream          jsonb NOT NULL,
        credential_kind   text NOT NULL CHECK (credential_kind IN ('none', 'api-key', 'bearer', 'basic')),
        credential_meta   jsonb NOT NULL DEFAULT '{}',
        credential_cipher text,
        version           integer NOT NULL DEFAULT 1,
        created_by        text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((credential_kind = 'none') = (credential_cipher IS NULL))
      )`);
    await q.query('CREATE INDEX api_resource_by_organisation ON api_resource (node_code, organisation_id)');
    await q.query(`
      CREATE TABLE exchange_grant (
        id                       uuid PRIMARY KEY,
        application_id           uuid NOT NULL,
        application_version      integer NOT NULL,
        version                  integer NOT NULL,
        status                   text NOT NULL CHECK (status IN ('active', 'revoked', 'expired')),
        consumer_node            text NOT NULL,
        consumer_organisation_id uuid NOT NULL,
        service_accounts         text[] NOT NULL DEFAULT '{}',
        provider_node            text NOT NULL,
        provider_organisation_id uuid,
        entry_id                 uuid NOT NULL,
        entry_code               text,
        items                    text[] NOT NULL CHECK (cardinality(items) > 0),
        purpose                  text NOT NULL,
        valid_from               date NOT NULL,
        valid_until              date NOT NULL CHECK (valid_until >= valid_from),
        rate_per_second          double precision NOT NULL CHECK (rate_per_second > 0),
        burst                    integer NOT NULL CHECK (burst >= 1),
        quota_per_day            integer CHECK (quota_per_day >= 1),
        quota_per_month          integer CHECK (quota_per_month >= 1),
        revoked_reason           text,
        changed_by               text,
        created_at               timestamptz NOT NULL DEFAULT now(),
        changed_at               timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'CREATE INDEX exchange_grant_by_provider ON exchange_grant (provider_node, provider_organisation_id)',
    );
    await q.query(
      'CREATE INDEX exchange_grant_by_consumer ON exchange_grant (consumer_node, consumer_organisation_id)',
    );
    await q.query(`CREATE INDEX exchange_grant_to_expire ON exchange_grant (valid_until) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE exchange_call (
        call_id                  uuid PRIMARY KEY,
        leaf_index               bigint NOT NULL UNIQUE,
        at                       timestamptz NOT NULL,
        grant_id                 uuid NOT NULL,
        resource_id              uuid,
        entry_id                 uuid NOT NULL,
        consumer_node            text NOT NULL,
        consumer_organisation_id uuid NOT NULL,
        consumer_subject         text NOT NULL,
        provider_node            text NOT NULL,
        provider_organisation_id uuid NOT NULL,
        method                   text NOT NULL,
        operation_path           text NOT NULL,
        outcome                  text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
        status                   smallint NOT NULL,
        reason                   text,
        latency_ms               integer NOT NULL,
        bytes                    bigint NOT NULL,
        records                  integer NOT NULL
      )`);
    await q.query('CREATE INDEX exchange_call_by_time ON exchange_call (at)');
    await q.query('CREATE INDEX exchange_call_by_consumer ON exchange_call (consumer_organisation_id, at)');
    await q.query('CREATE INDEX exchange_call_by_provider ON exchange_call (provider_organisation_id, at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE exchange_call');
    await q.query('DROP TABLE exchange_grant');
    await q.query('DROP TABLE api_resource');
    await q.query('DROP TABLE entry_ref');
  }
}

import { randomBytes } from 'node:crypto';
import { PLATFORM_MIGRATIONS } from '@govdata/platform-persistence';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { catalogService } from './catalog.service-definition.js';

const SCHEMA = 'catalog';

/**
 * For repository integration tests: a fresh database with the catalog's schema as its migrations
 * make it and the catalog's entities registered — the same DataSource shape the node gives the
 * catalog, without starting one. `adminUrl` is a superuser connection (TEST_PG_ADMIN_URL).
 */
export async function createCatalogDatabase(adminUrl: string): Promise<{
  dataSource: DataSource;
  drop(): Promise<void>;
}> {
  const database = `govdata_catalog_t_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await setup.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await setup.query(`CREATE SCHEMA ${SCHEMA}`);
  } finally {
    await setup.end();
  }
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: SCHEMA,
    entities: catalogService.persistence.entities ?? [],
    migrations: [...PLATFORM_MIGRATIONS, ...(catalogService.persistence.migrations ?? [])],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    extra: { max: 4, options: `-c search_path=${SCHEMA},public` },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    async drop() {
      await dataSource.destroy();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Test set-up only: an entry with one version, written straight into `catalog_entry` and
 * `catalog_entry_version` for repositories that read entries (the catalog writes them through
 * `EntryRepository`). Returns the entry's id.
 */
export async function insertFixtureEntry(
  dataSource: DataSource,
  e: {
    nodeCode: string;
    organisationId: string;
    code: string;
    name: string;
    headState?: 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
    published?: boolean;
    retired?: boolean;
    content?: Record<string, unknown>;
  },
): Promise<string> {
  const headState = e.headState ?? (e.published ? 'published' : 'draft');
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO catalog_entry (code, node_code, organisation_id, head_version, head_state, published_version,
       retired_at, created_by)
     VALUES ($1, $2, $3, 1, $4, $5, $6, 'fixture') RETURNING id`,
    [e.code, e.nodeCode, e.organisationId, headState, e.published ? 1 : null, e.retired ? new Date() : null],
  );
  const id = rows[0]!.id;
  await dataSource.query(
    `INSERT INTO catalog_entry_version (entry_id, version, state, content, name, created_by)
     VALUES ($1, 1, $2, $3::jsonb, $4, 'fixture')`,
    [id, headState, JSON.stringify(e.content ?? { name: e.name, items: [] }), e.name],
  );
  return id;
}

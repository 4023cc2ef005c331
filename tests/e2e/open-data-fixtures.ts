import { queryNodeDatabase, waitFor } from '@govdata/platform-testing';
import pg from 'pg';
import { sampleEntry } from '../catalog/catalog-harness.js';
import type { PortalNode, PortalUser } from './portal-harness.js';

/**
 * A provider's own database beside a portal node (as tests/open-data/open-data-harness.ts makes one
 * for its API node): a login role that may read its tables and nothing more, registered as the
 * department's data source, so that a published entry has a mounted table to review column by column.
 */
export interface ProviderDatabase {
  role: string;
  /** Runs SQL in the provider's database as its owner (to create and fill tables). */
  sql(text: string, params?: unknown[]): Promise<void>;
  drop(): Promise<void>;
}

const SOURCE_PASSWORD = 'Source-Reader-2026!';

/** The node's outbound list must name the database server exactly (`127.0.0.1:5432`) for mounts to reach it. */
export const PROVIDER_DATABASE_OUTBOUND = { allow: ['127.0.0.1/32', '127.0.0.1:5432'] };

export async function createProviderDatabase(node: PortalNode): Promise<ProviderDatabase> {
  const url = new URL(node.config.postgres.adminUrl);
  const database = `${node.config.postgres.database}_src`;
  const role = `${node.config.postgres.database}_src_reader`;
  const cluster = new pg.Client({ connectionString: url.toString() });
  await cluster.connect();
  await cluster.query(`CREATE DATABASE "${database}"`);
  await cluster.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${SOURCE_PASSWORD}'`);
  await cluster.end();
  url.pathname = `/${database}`;
  const owner = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    role,
    async sql(text, params) {
      await owner.query(text, params);
    },
    async drop() {
      await owner.end();
      const cleanup = new pg.Client({ connectionString: node.config.postgres.adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.query(`DROP ROLE IF EXISTS "${role}"`);
      await cleanup.end();
    },
  };
}

/**
 * The department's editor registers the provider database, creates an entry that may be opened with
 * `table` mounted, and the authority's reviewer publishes it; waits until the open-data service has
 * put it in the opening review. The entry's id and the dataset's id.
 */
export async function publishOpenableEntry(
  node: PortalNode,
  people: { editor: PortalUser; reviewer: PortalUser },
  provider: ProviderDatabase,
  table: { schema: string; table: string; columnMapping: Array<{ column: string; item: string }> },
  content: Record<string, unknown> = {},
): Promise<{ entryId: string; datasetId: string }> {
  const [editor, reviewer] = await Promise.all([people.editor.token(), people.reviewer.token()]);
  const source = await node.api<{ id: string }>('POST', '/api/v1/catalog/data-sources', {
    token: editor,
    body: {
      name: `${people.editor.organisation.name}业务库`,
      kind: 'postgresql',
      host: '127.0.0.1',
      port: node.config.postgres.port,
      database: `${node.config.postgres.database}_src`,
      user: provider.role,
      password: SOURCE_PASSWORD,
    },
  });
  if (source.status !== 201) throw new Error(`registering the data source: ${JSON.stringify(source.body)}`);
  const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/entries', {
    token: editor,
    body: {
      content: sampleEntry({ open: { type: 'unconditional' }, grade: { category: 'general', level: 1 }, ...content }),
    },
  });
  if (created.status !== 201) throw new Error(`creating the entry: ${JSON.stringify(created.body)}`);
  const entryId = created.body.id;
  const mounted = await node.api('POST', `/api/v1/catalog/entries/${entryId}/mounts`, {
    token: editor,
    body: { kind: 'table', name: `${table.table}表`, dataSourceId: source.body.id, ...table },
  });
  if (mounted.status !== 201) throw new Error(`mounting the table: ${JSON.stringify(mounted.body)}`);
  for (const [action, token] of [
    ['submit', editor],
    ['approve', reviewer],
    ['publish', reviewer],
  ] as const) {
    const done = await node.api('POST', `/api/v1/catalog/entries/${entryId}/${action}`, { token, body: {} });
    if (done.status !== 200) throw new Error(`${action}: ${JSON.stringify(done.body)}`);
  }
  const datasetId = await waitFor(
    async () =>
      (
        await queryNodeDatabase<{ id: string }>(
          node.config,
          'open-data',
          'SELECT id FROM open_dataset WHERE entry_id = $1',
          [entryId],
        )
      )[0]?.id,
    30_000,
    `entry ${entryId} received by the open-data service`,
  );
  return { entryId, datasetId };
}

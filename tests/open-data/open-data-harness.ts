import { openDataService } from '@govdata/open-data-feature';
import type { NodeConfigInput } from '@govdata/platform-config';
import type { RunningService } from '@govdata/platform-service';
import { queryNodeDatabase, startTestNode, waitFor, type DeepPartial } from '@govdata/platform-testing';
import pg from 'pg';
import { sampleEntry, startCatalogNode, type CatalogNode, type TestOrganisation } from '../catalog/catalog-harness.js';

/** A provider's own database beside the node: a login role that may read its tables and nothing more. */
export interface SourceDatabase {
  database: string;
  role: string;
  password: string;
  /** Runs SQL in the source database as its owner (to create and fill tables). */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface OpenDataNode extends CatalogNode {
  openData: RunningService;
  source: SourceDatabase;
  /** Runs SQL in the open-data service's schema, behind its back. */
  openSql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The data source registered for `organisation` on the source database (one per organisation). */
  dataSourceOf(organisation: TestOrganisation): Promise<string>;
  /**
   * Creates an entry of `organisation` with a table mounted from the source database, publishes it,
   * and waits for the open-data service to receive it; its dataset id.
   */
  publishWithTable(
    organisation: TestOrganisation,
    table: { schema: string; table: string; columnMapping: Array<{ column: string; item: string }> },
    content?: Record<string, unknown>,
  ): Promise<{ entryId: string; datasetId: string }>;
  close(): Promise<void>;
}

const SOURCE_PASSWORD = 'Source-Reader-2026!';

/**
 * A node with gateway, catalog and open-data against the real PostgreSQL, Redis and Kafka, and a
 * provider database of its own on the same server (reached because the node's outbound list names
 * it exactly; the node's own database stays refused).
 */
export async function startOpenDataNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<OpenDataNode> {
  const node = await startCatalogNode({ outbound: { allow: ['127.0.0.1/32', '127.0.0.1:5432'] }, ...overrides });
  const [openData] = (await startTestNode({ services: [openDataService], config: node.config })).services as [
    RunningService,
  ];
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
  const source: SourceDatabase = {
    database,
    role,
    password: SOURCE_PASSWORD,
    sql: async <T extends pg.QueryResultRow>(text: string, params?: unknown[]) =>
      (await owner.query<T>(text, params)).rows,
  };

  const reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'catalog-reviewer');
  const editors = new Map<string, string>();
  const sources = new Map<string, string>();
  const editorOf = async (organisation: TestOrganisation) => {
    let editor = editors.get(organisation.id);
    if (!editor) {
      editor = await node.token(organisation, ['catalog-editor'], `catalog-editor@${organisation.name}`);
      editors.set(organisation.id, editor);
    }
    return editor;
  };
  const openSql = <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(node.config, 'open-data', text, params);

  const dataSourceOf = async (organisation: TestOrganisation) => {
    const known = sources.get(organisation.id);
    if (known) return known;
    const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/data-sources', {
      token: await editorOf(organisation),
      body: {
        name: `${organisation.name}业务库`,
        kind: 'postgresql',
        host: '127.0.0.1',
        port: node.config.postgres.port,
        database,
        user: role,
        password: SOURCE_PASSWORD,
      },
    });
    if (created.status !== 201) throw new Error(`registering a data source failed: ${JSON.stringify(created.body)}`);
    sources.set(organisation.id, created.body.id);
    return created.body.id;
  };

  return {
    ...node,
    openData,
    source,
    openSql,
    dataSourceOf,
    async publishWithTable(organisation, table, content = {}) {
      const editor = await editorOf(organisation);
      const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/entries', {
        token: editor,
        body: {
          content: sampleEntry({
            open: { type: 'unconditional' },
            grade: { category: 'general', level: 1 },
            ...content,
          }),
        },
      });
      if (created.status !== 201) throw new Error(`creating an entry failed: ${JSON.stringify(created.body)}`);
      const entryId = created.body.id;
      const mounted = await node.api('POST', `/api/v1/catalog/entries/${entryId}/mounts`, {
        token: editor,
        body: { kind: 'table', name: `${table.table}表`, dataSourceId: await dataSourceOf(organisation), ...table },
      });
      if (mounted.status !== 201) throw new Error(`mounting the table failed: ${JSON.stringify(mounted.body)}`);
      for (const [action, token] of [
        ['submit', editor],
        ['approve', reviewer],
        ['publish', reviewer],
      ] as const) {
        const res = await node.api('POST', `/api/v1/catalog/entries/${entryId}/${action}`, { token, body: {} });
        if (res.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(res.body)}`);
      }
      const datasetId = await waitFor(
        async () =>
          (await openSql<{ id: string }>('SELECT id FROM open_dataset WHERE entry_id = $1', [entryId]))[0]?.id,
        30_000,
        `entry ${entryId} received by the open-data service`,
      );
      return { entryId, datasetId };
    },
    async close() {
      await owner.end();
      await openData.close();
      await node.close();
      const cleanup = new pg.Client({ connectionString: node.config.postgres.adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await cleanup.query(`DROP ROLE IF EXISTS "${role}"`);
      await cleanup.end();
    },
  };
}

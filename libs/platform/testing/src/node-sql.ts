import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import { Client } from 'pg';

/**
 * Runs SQL in a test node's database as its owner, in one service's schema — for tests that look
 * behind a service's back (rows it wrote, or a row changed where the service would not).
 */
export async function queryNodeDatabase<T = Record<string, unknown>>(
  config: NodeConfig,
  service: ServiceName,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const url = new URL(config.postgres.adminUrl);
  url.pathname = `/${config.postgres.database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${service.replace(/-/g, '_')}, public`);
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

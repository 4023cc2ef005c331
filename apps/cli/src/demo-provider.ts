import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { NodeConfig } from '@govdata/platform-config';
import pg from 'pg';

/** DEMO ONLY — where the sample provider system listens, and the API key it wants. */
export const DEMO_PROVIDER_PORT = 8090;
export const DEMO_PROVIDER_API_KEY = 'demo-population-key';

/** The sample system's OpenAPI document (registered at the provider node's exchange in the README walk-through). */
export const DEMO_PROVIDER_OPENAPI = {
  openapi: '3.0.3',
  info: { title: '南昌市人口基本信息查询（演示）', version: '1.0' },
  paths: {
    '/persons': { get: { operationId: 'listPersons', responses: { '200': { description: '样例人员' } } } },
    '/persons/{gmsfhm}': { get: { operationId: 'getPerson', responses: { '200': { description: '人口基本信息' } } } },
  },
};

const COLUMNS = 'xm, gmsfhm, xbdm, mzdm, csrq::text AS csrq, hjdz, lxdh, djrq::text AS djrq';

/**
 * A sample provider system for the demo (南昌市公安局 人口信息管理系统's lookup API): answers over HTTP
 * from the node's sample table of synthetic residents (`<database>_sources.demo_population`, made by
 * the catalog's demo seed), wanting its API key in `X-Api-Key` — an upstream like a department's
 * own system, for the exchange to call.
 */
export async function startDemoProvider(config: NodeConfig): Promise<Server> {
  const url = new URL(config.postgres.adminUrl);
  url.pathname = `/${config.postgres.database}_sources`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const server = createServer((req, res) => {
    void answer(pool, req, res).catch((error: Error) => send(res, 503, { error: `样例库不可用：${error.message}` }));
  });
  server.on('close', () => void pool.end());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(DEMO_PROVIDER_PORT, '127.0.0.1', () => resolve());
  });
  return server;
}

async function answer(pool: pg.Pool, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://provider').pathname;
  if (req.method === 'GET' && path === '/openapi.json') return send(res, 200, DEMO_PROVIDER_OPENAPI);
  if (req.headers['x-api-key'] !== DEMO_PROVIDER_API_KEY) return send(res, 401, { error: '缺少或错误的 X-Api-Key' });
  if (req.method !== 'GET') return send(res, 405, { error: '只支持 GET' });
  if (path === '/persons') {
    const { rows } = await pool.query(`SELECT ${COLUMNS} FROM demo_population ORDER BY gmsfhm LIMIT 5`);
    return send(res, 200, { list: rows });
  }
  const match = /^\/persons\/([0-9]{17}[0-9X])$/.exec(path);
  if (!match) return send(res, 404, { error: '无此接口' });
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM demo_population WHERE gmsfhm = $1`, [match[1]]);
  if (rows.length === 0) return send(res, 404, { error: '查无此人' });
  return send(res, 200, rows[0]);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

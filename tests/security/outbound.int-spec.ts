import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { catalogService, FAILED_CHECK_MIN_MS } from '@govdata/catalog-feature';
import { exchangeService } from '@govdata/exchange-feature';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { freePort } from '@govdata/platform-testing';
import { sampleEntry, startCatalogNode, type CatalogNode } from '../catalog/catalog-harness.js';
import {
  PERSON_ITEMS,
  PERSON_MAPPING,
  PERSONS_OPENAPI,
  PersonsUpstream,
  startExchangeNode,
  type ExchangeNode,
} from '../exchange/exchange-harness.js';

/**
 * Issue 11, finding 3 — SSRF and port scanning. An editor could register a data source at any host
 * and port (and reached the node's own PostgreSQL as `postgres`), the connection check told a
 * closed port from a filtered one by its answer time, and exchange resources fetched
 * `http://169.254.169.254/…` and `http://127.0.0.1:5432`. Each is now refused by the node's
 * outbound policy (`outbound.allow`), on registration and again on every connection.
 */

type Answer = { status: number; body: any };
const rulesOf = (answer: Answer) =>
  (answer.body.errors ?? []).map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`);

/** A replica of a node's service on other ports with its own outbound list: a policy change. */
async function replicaWith<T extends typeof catalogService | typeof exchangeService>(
  service: T,
  config: NodeConfig,
  name: 'catalog' | 'exchange',
  allow: string[],
): Promise<RunningService> {
  const [http, grpc] = [await freePort(), await freePort()];
  return startService(
    service,
    { ...config, services: { ...config.services, [name]: { http, grpc } }, outbound: { allow } },
    { provision: false },
  );
}

async function at(service: RunningService, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${service.httpUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as any };
}

describe('outbound connections of catalog data sources', () => {
  let node: CatalogNode;
  /** The same catalog on a node that hosts source databases on its own server (listed exactly). */
  let sameServer: RunningService;
  let editor: string;
  let silent: Server;
  const held: Socket[] = [];
  let readerRole: string;

  const register = (body: Record<string, unknown>, service?: RunningService) => {
    const full = { kind: 'postgresql', database: 'postgres', user: 'postgres', ...body };
    return service
      ? at(service, 'POST', '/api/v1/catalog/data-sources', editor, full)
      : node.api('POST', '/api/v1/catalog/data-sources', { token: editor, body: full });
  };
  const check = (id: string, service?: RunningService) =>
    service
      ? at(service, 'POST', `/api/v1/catalog/data-sources/${id}/check`, editor)
      : node.api('POST', `/api/v1/catalog/data-sources/${id}/check`, { token: editor });

  beforeAll(async () => {
    node = await startCatalogNode();
    editor = await node.token(node.orgA, ['catalog-editor'], 'outbound-editor');
    const pgPort = node.config.postgres.port;
    sameServer = await replicaWith(catalogService, node.config, 'catalog', ['127.0.0.1/32', `127.0.0.1:${pgPort}`]);
    // A port that accepts and then says nothing: to the check, as silent as a filtered one.
    silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    readerRole = `${node.config.postgres.database}_outbound_reader`;
    const admin = new pg.Client({ connectionString: node.config.postgres.adminUrl });
    await admin.connect();
    // An ordinary role that may connect to the node's own database (as a careless grant would allow).
    await admin.query(`CREATE ROLE "${readerRole}" LOGIN`);
    await admin.query(`GRANT CONNECT ON DATABASE "${node.config.postgres.database}" TO "${readerRole}"`);
    await admin.end();
  });

  afterAll(async () => {
    held.forEach((s) => s.destroy());
    await new Promise((resolve) => silent?.close(resolve));
    await sameServer?.close();
    await node?.close();
    const admin = new pg.Client({ connectionString: node.config.postgres.adminUrl });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${readerRole}"`);
    await admin.end();
  });

  it("refuses a data source at the node's own PostgreSQL, however the address is spelled (422 host)", async () => {
    const pgPort = node.config.postgres.port;
    for (const host of ['127.0.0.1', 'localhost', '2130706433', '0x7f.1', '127.1', '127.0.0.2', '::ffff:127.0.0.1']) {
      const refused = await register({
        name: `本节点数据库 ${host}`,
        host,
        port: pgPort,
        database: node.config.postgres.database,
      });
      expect(refused.status, `${host}: ${JSON.stringify(refused.body)}`).toBe(422);
      expect(rulesOf(refused)).toEqual(['host outbound-not-allowed']);
    }
    // Nothing was stored, so nothing can be mounted from it.
    const stored = await node.sql<{ n: string }>(
      "SELECT count(*)::text AS n FROM data_source WHERE name LIKE '本节点数据库%'",
    );
    expect(stored[0]!.n).toBe('0');
  });

  it('refuses metadata and link-local addresses even though loopback test sources are allowed', async () => {
    for (const host of ['169.254.169.254', '::ffff:169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '127.0.0.1.']) {
      const refused = await register({ name: `元数据 ${host}`, host, port: 80 });
      // 127.0.0.1. is 127.0.0.1 (allowed for tests) — the trailing dot changes nothing.
      if (host === '127.0.0.1.') expect(refused.status).toBe(201);
      else expect(rulesOf(refused), host).toEqual(['host outbound-not-allowed']);
    }
  });

  it("refuses a superuser credential and the node's own database where the server is listed exactly", async () => {
    const [superuser, ownDatabase, entry] = await Promise.all([
      register({ name: '超级用户', host: '127.0.0.1', port: node.config.postgres.port }, sameServer),
      register(
        {
          name: '本节点库',
          host: '127.0.0.1',
          port: node.config.postgres.port,
          database: node.config.postgres.database,
          user: readerRole,
        },
        sameServer,
      ),
      node.api('POST', '/api/v1/catalog/entries', {
        token: editor,
        body: { content: sampleEntry({ name: '账号表' }) },
      }),
    ]);
    expect(superuser.status, JSON.stringify(superuser.body)).toBe(201);
    expect(ownDatabase.status).toBe(201);
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);

    // Every refused check and mount is held for FAILED_CHECK_MIN_MS: they are asked at once.
    // Mounting a table through either answers the same refusal — the identity schema's columns
    // (gateway.user_account.password_hash) never come back.
    const mount = (source: string) =>
      at(sameServer, 'POST', `/api/v1/catalog/entries/${entry.body.id}/mounts`, editor, {
        kind: 'table',
        name: '账号',
        dataSourceId: source,
        schema: 'gateway',
        table: 'user_account',
        columnMapping: [{ column: 'password_hash', item: '姓名' }],
      });
    const [checked, ownChecked, ...mountedBoth] = await Promise.all([
      check(superuser.body.id, sameServer),
      check(ownDatabase.body.id, sameServer),
      mount(superuser.body.id),
      mount(ownDatabase.body.id),
    ]);
    expect(checked.status).toBe(422);
    expect(rulesOf(checked)).toEqual(['id source-privileged-role']);
    expect(rulesOf(ownChecked)).toEqual(['id source-own-database']);
    for (const mounted of mountedBoth) {
      expect(mounted.status).toBe(422);
      expect(rulesOf(mounted)[0]).toMatch(/^dataSourceId source-(privileged-role|own-database)$/);
      expect(JSON.stringify(mounted.body)).not.toContain('character varying');
    }
    const mounts = await node.sql<{ n: string }>('SELECT count(*)::text AS n FROM entry_mount');
    expect(mounts[0]!.n).toBe('0');
  });

  it('answers a closed and a silent (filtered-like) port with the same status and message, the closed one not sooner', async () => {
    const closedPort = await freePort();
    const silentPort = (silent.address() as { port: number }).port;
    const closed = await register({ name: '关闭端口', host: '127.0.0.1', port: closedPort, user: 'nobody' });
    const filtered = await register({ name: '静默端口', host: '127.0.0.1', port: silentPort, user: 'nobody' });
    const unresolvable = await register({ name: '无此主机', host: 'no-such-host.invalid', port: 5432, user: 'nobody' });
    expect([closed.status, filtered.status, unresolvable.status]).toEqual([201, 201, 201]);

    // Each check is held for FAILED_CHECK_MIN_MS from its own start: the three are asked at once.
    const timed = async (id: string) => {
      const started = performance.now();
      const answer = await check(id);
      return { answer, ms: performance.now() - started };
    };
    const [{ answer: closedCheck, ms: closedMs }, { answer: filteredCheck }, { answer: unresolvableCheck }] =
      await Promise.all([timed(closed.body.id), timed(filtered.body.id), timed(unresolvable.body.id)]);

    const what = (a: Answer) => ({
      status: a.status,
      rules: rulesOf(a),
      // The message after the data source's own name and address.
      said: String(a.body.errors?.[0]?.message ?? '').replace(/^.*?\): /, ''),
    });
    expect(what(closedCheck)).toEqual(what(filteredCheck));
    expect(what(unresolvableCheck)).toEqual(what(filteredCheck));
    expect(what(closedCheck)).toMatchObject({ status: 422, rules: ['id source-unreachable'] });
    expect(what(closedCheck).said).not.toMatch(/ECONNREFUSED|timeout|ENOTFOUND/i);
    // A refused connection is answered no sooner than a silent one would time out (lower bound only).
    expect(closedMs).toBeGreaterThanOrEqual(FAILED_CHECK_MIN_MS - 5);
  });
});

describe('outbound connections of exchange upstreams', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;
  let dataAdmin: string;
  let entryId: string;
  let replica: RunningService | undefined;

  const register = (baseUrl: string, entry = entryId) =>
    node.api('POST', '/api/v1/exchange/resources', {
      token: dataAdmin,
      body: {
        entryId: entry,
        baseUrl,
        openapi: PERSONS_OPENAPI,
        operations: [{ operationId: 'listPersons', recordsAt: 'data.list' }],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'api-key', name: 'x-api-key', value: 'outbound-key' },
      },
    });

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: 'outbound-key', bearer: 'unused' }).start();
    node = await startExchangeNode();
    dataAdmin = await node.userToken(node.provider, ['data-admin']);
    entryId = await node.publishEntry({
      code: '101001/100000000901',
      grade: { category: 'general', level: 3 },
      items: PERSON_ITEMS,
    });
  });

  afterAll(async () => {
    await replica?.close();
    await node?.close();
    await upstream?.stop();
  });

  it("refuses the metadata service and the node's own PostgreSQL and ports as upstreams (422 baseUrl)", async () => {
    const pgPort = node.config.postgres.port;
    const gatewayPort = node.config.services.gateway.http;
    for (const baseUrl of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'http://100.100.100.200/latest/meta-data',
      `http://127.0.0.1:${pgPort}`,
      `http://2130706433:${pgPort}`,
      `http://[::ffff:127.0.0.1]:${pgPort}`,
      `http://localhost:${pgPort}`,
      `http://127.0.0.1:${gatewayPort}/api/v1`,
      `http://[::1]:${new URL(upstream.url).port}`,
    ]) {
      const refused = await register(baseUrl);
      expect(refused.status, `${baseUrl}: ${JSON.stringify(refused.body)}`).toBe(422);
      expect(rulesOf(refused)).toEqual(['baseUrl outbound-not-allowed']);
    }
    expect(await node.sql('SELECT 1 FROM api_resource')).toEqual([]);
  });

  it('refuses at call time an upstream whose name now resolves to a refused address, without fetching it', async () => {
    // Registered by name while the node's list allowed loopback (127.0.0.1/32, the test default)…
    const registered = await register(`http://localhost:${new URL(upstream.url).port}`);
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const account = await node.serviceAccount(node.consumer, ['api-consumer']);
    const grantId = await node.grant({ entryId, items: ['姓名'], serviceAccounts: [account.clientId] });
    expect((await at(node.exchange, 'GET', `/api/v1/exchange/calls/${grantId}/persons`, account.token)).status).toBe(
      200,
    );
    const fetched = upstream.seen.length;

    // …then the list changed to the default, which does not reach loopback: every call is refused.
    replica = await replicaWith(exchangeService, node.config, 'exchange', ['0.0.0.0/0', '::/0']);
    for (let i = 0; i < 3; i++) {
      const refused = await at(replica, 'GET', `/api/v1/exchange/calls/${grantId}/persons`, account.token);
      expect(refused.status, JSON.stringify(refused.body)).toBe(502);
      expect(refused.body.reason).toBe('upstream-not-allowed');
      expect(refused.body.detail).toMatch(/outbound/);
    }
    expect(upstream.seen.length).toBe(fetched);
  });
});

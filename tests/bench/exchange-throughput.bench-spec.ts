import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitFor } from '@govdata/platform-testing';
import {
  PERSON_ITEMS,
  PERSON_MAPPING,
  PERSONS_OPENAPI,
  startExchangeNode,
  type ExchangeNode,
} from '../exchange/exchange-harness.js';

/**
 * 接口服务吞吐 — requests/s and p50/p99 through the exchange with the whole policy on one node
 * (service-account token, grant, Redis token bucket sized not to limit, quota, upstream call,
 * permitted-items filter, masking by grade, audit ledger append with its metering row and
 * exchange.call.v1 event), against nginx (Debian package) proxying to the same upstream in the same
 * run. The upstream and the load generator (autocannon) run as processes of their own; the exchange
 * runs in this process, as in the other benches.
 *
 * The exchange is measured under each crypto profile of `BENCH_CRYPTO_PROFILES` (default
 * `international,sm`: one node per profile, same run, same upstream), so the 国密 profile's cost — SM3
 * ledger hashing, SM4-sealed upstream credentials — shows as a ratio to the international one.
 */
const PROFILES = (process.env['BENCH_CRYPTO_PROFILES'] ?? 'international,sm')
  .split(',')
  .map((p) => p.trim())
  .filter((p): p is 'international' | 'sm' => p === 'international' || p === 'sm');
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const NGINX = '/usr/sbin/nginx';
const API_KEY = 'bench-key-5d1e';
const run = promisify(execFile);

/** The upstream: one person list in an envelope, as a separate Node process. */
const UPSTREAM_SCRIPT = `
const http = require('node:http');
const person = (i) => ({ xm: '张三' + i, sfzh: '3601021990030712' + String(i).padStart(2, '0'), sjh: '138123412' + String(i).padStart(2, '0'),
  zz: '江西省南昌市东湖区八一大道' + i + '号', csrq: '1990-03-07', bz: '内部备注' });
const body = JSON.stringify({ code: 0, msg: 'ok', data: { total: 5, list: [0, 1, 2, 3, 4].map(person) } });
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers['x-api-key'] !== '${API_KEY}') { res.writeHead(401).end(); return; }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}).listen(Number(process.argv[1]), '127.0.0.1', () => process.stdout.write('ready\\n'));
`;

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

async function autocannon(url: string, headers: Record<string, string>): Promise<Load> {
  const args = [
    '-c',
    String(CONNECTIONS),
    '-d',
    String(SECONDS),
    '-j',
    '--warmup',
    '[',
    '-c',
    String(CONNECTIONS),
    '-d',
    '2',
    ']',
  ];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const { stdout } = await run(join(process.cwd(), 'node_modules/.bin/autocannon'), [...args, url], {
    maxBuffer: 16 * 1024 * 1024,
  });
  // With --warmup the warm-up's result comes first: the last line is the measured run.
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** With BENCH_CPU_PROFILE=<dir>, a CPU profile of this process (the exchange) while `load` runs. */
async function profiled<T>(name: string, load: () => Promise<T>): Promise<T> {
  const dir = process.env['BENCH_CPU_PROFILE'];
  if (!dir) return load();
  const session = new Session();
  session.connect();
  const post = promisify(session.post.bind(session)) as (method: string, params?: object) => Promise<any>;
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  try {
    return await load();
  } finally {
    const { profile } = await post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function ensureNginx(): Promise<void> {
  if (existsSync(NGINX)) return;
  await run('apt-get', ['install', '-y', 'nginx-light'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** An exchange node of one crypto profile, set up to serve the bench's call. */
interface ProfiledNode {
  profile: 'international' | 'sm';
  node: ExchangeNode;
  path: string;
  token: string;
}

async function exchangeNode(profile: 'international' | 'sm', upstreamPort: number): Promise<ProfiledNode> {
  const node = await startExchangeNode({ log: { level: 'error' }, postgres: { poolSize: 8 }, crypto: { profile } });
  const dataAdmin = await node.userToken(node.provider, ['data-admin']);
  const entryId = await node.publishEntry({
    code: '101001/100000000100',
    grade: { category: 'general', level: 3 },
    items: PERSON_ITEMS,
  });
  const registered = await node.api('POST', '/api/v1/exchange/resources', {
    token: dataAdmin,
    body: {
      entryId,
      baseUrl: `http://127.0.0.1:${upstreamPort}`,
      openapi: PERSONS_OPENAPI,
      operations: [{ operationId: 'listPersons', recordsAt: 'data.list' }],
      responseItems: PERSON_MAPPING,
      credentials: { kind: 'api-key', name: 'x-api-key', value: API_KEY },
      upstream: { connections: 64 },
    },
  });
  if (registered.status !== 201) throw new Error(JSON.stringify(registered.body));
  const account = await node.serviceAccount(node.consumer, ['api-consumer']);
  const grantId = await node.grant({
    entryId,
    items: ['姓名', '公民身份号码', '手机号码', '出生日期'],
    serviceAccounts: [account.clientId],
    ratePerSecond: 1_000_000,
    burst: 1_000_000,
    quotaPerDay: 1_000_000_000,
  });
  return { profile, node, path: `/api/v1/exchange/calls/${grantId}/persons`, token: account.token };
}

describe('bench: exchange calls vs nginx proxying to the same upstream', () => {
  let node: ExchangeNode;
  const nodes: ProfiledNode[] = [];
  let upstream: ChildProcess;
  let nginx: ChildProcess | undefined;
  let dir: string;

  beforeAll(async () => {
    await ensureNginx();
    dir = await mkdtemp(join(tmpdir(), 'exchange-bench-'));
    const upstreamPort = await freePort();
    upstream = spawn(process.execPath, ['-e', UPSTREAM_SCRIPT, String(upstreamPort)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => upstream.stdout!.once('data', () => resolve()));

    const nginxPort = await freePort();
    await writeFile(
      join(dir, 'nginx.conf'),
      `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # nginx closes a keep-alive connection after 1,000 requests by default; autocannon counts the
  # close as an error, and the reconnects are not what is being compared.
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream persons { server 127.0.0.1:${upstreamPort}; keepalive 64; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://persons;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Api-Key ${API_KEY};
    }
  }
}
`,
    );
    nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'inherit' });
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${nginxPort}/persons`).catch(() => null))?.status === 200 ? true : undefined,
      10_000,
      'nginx proxying',
    );
    process.env['BENCH_NGINX_URL'] = `http://127.0.0.1:${nginxPort}/persons`;

    // One node per profile, one after the other (each starts its own services).
    for (const profile of PROFILES.length > 0 ? PROFILES : (['international'] as const)) {
      nodes.push(await exchangeNode(profile, upstreamPort));
    }
    node = nodes[0]!.node;
    process.env['BENCH_EXCHANGE_PATH'] = nodes[0]!.path;
    process.env['BENCH_TOKEN'] = nodes[0]!.token;
  });

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    upstream?.kill();
    for (const { node: each } of nodes) await each.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const loggedCalls = async (on = node) =>
    (await on.sql<{ logged: number }>('SELECT count(*)::int AS logged FROM exchange_call'))[0]!.logged;

  it('measures requests/s and p50/p99 of each path in the same run', async () => {
    const auth = { authorization: `Bearer ${process.env['BENCH_TOKEN']}` };
    const path = process.env['BENCH_EXCHANGE_PATH']!;
    const sample = await fetch(`${node.exchange.httpUrl}${path}`, { headers: auth });
    const body = (await sample.json()) as { data: { list: Array<Record<string, string>> } };
    // The full policy ran: unpermitted 住址 and 备注 removed, the ID number and phone masked (general-3).
    expect(Object.keys(body.data.list[0]!).sort()).toEqual(['csrq', 'sfzh', 'sjh', 'xm']);
    expect(body.data.list[0]!['sfzh']).toMatch(/^360102\*+/);

    const baseline = await autocannon(process.env['BENCH_NGINX_URL']!, {});
    // CPU of this process (the exchange, its relay) per call logged: less at the mercy of a shared machine.
    const loggedBefore = await loggedCalls();
    const cpuBefore = process.cpuUsage();
    const exchange = await profiled('exchange', () => autocannon(`${node.exchange.httpUrl}${path}`, auth));
    const cpu = process.cpuUsage(cpuBefore);
    const exchangeCalls = (await loggedCalls()) - loggedBefore;
    const viaGateway = await autocannon(`${node.gateway.httpUrl}${path}`, auth);
    const logged = await loggedCalls();
    // The same call on each further profile's node, straight to its exchange as the first one above.
    const profiles: Record<string, Load & { exchangeCpuUsPerCall: number }> = {
      [nodes[0]!.profile]: { ...exchange, exchangeCpuUsPerCall: Math.round((cpu.user + cpu.system) / exchangeCalls) },
    };
    for (const other of nodes.slice(1)) {
      const otherAuth = { authorization: `Bearer ${other.token}` };
      const before = await loggedCalls(other.node);
      const cpuOther = process.cpuUsage();
      const load = await profiled(`exchange-${other.profile}`, () =>
        autocannon(`${other.node.exchange.httpUrl}${other.path}`, otherAuth),
      );
      const used = process.cpuUsage(cpuOther);
      const calls = (await loggedCalls(other.node)) - before;
      profiles[other.profile] = { ...load, exchangeCpuUsPerCall: Math.round((used.user + used.system) / calls) };
      expect(load.non2xx + load.errors).toBe(0);
    }
    const byProfile =
      profiles['international'] && profiles['sm']
        ? {
            smToInternational: Number(
              (profiles['sm'].requestsPerSecond / profiles['international'].requestsPerSecond).toFixed(3),
            ),
            smCpuPerCallToInternational: Number(
              (profiles['sm'].exchangeCpuUsPerCall / profiles['international'].exchangeCpuUsPerCall).toFixed(3),
            ),
          }
        : {};
    const result = {
      bench: 'exchange-throughput',
      connections: CONNECTIONS,
      seconds: SECONDS,
      nginx: baseline,
      exchange,
      exchangeViaGateway: viaGateway,
      callsLogged: logged,
      exchangeCpuUsPerCall: Math.round((cpu.user + cpu.system) / exchangeCalls),
      ratioExchangeToNginx: Number((exchange.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
      addedP99Ms: exchange.p99Ms - baseline.p99Ms,
      ratioViaGatewayToNginx: Number((viaGateway.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)),
      addedP99MsViaGateway: viaGateway.p99Ms - baseline.p99Ms,
      cryptoProfiles: profiles,
      ...byProfile,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // Every logged call is a ledger entry with its event in the outbox (one snapshot: calls answered
    // after autocannon stopped may still be committing).
    const [kept] = await node.sql<{ calls: number; leaves: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM exchange_call) AS calls,
              (SELECT tree_size::int FROM audit_log_head) AS leaves,
              (SELECT count(*)::int FROM outbox WHERE event_type = 'exchange.call.v1') AS events`,
    );
    expect(kept).toEqual({ calls: kept!.leaves, leaves: kept!.leaves, events: kept!.leaves });
    expect(exchange.non2xx + exchange.errors).toBe(0);
    expect(baseline.non2xx + baseline.errors).toBe(0);
  });
});

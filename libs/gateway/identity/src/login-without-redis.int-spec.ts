import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { NodeConfig } from '@govdata/platform-config';
import { gatewayService } from '@govdata/gateway-node';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, freePort, testNodeConfig, waitFor } from '@govdata/platform-testing';

/** fetch, with the JSON body typed loosely for assertions. */
const http = (url: string, init?: RequestInit) =>
  fetch(url, init) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

const PASSWORD = 'Node-Root-Pass-2026';

// Throttling lives in Redis; without it the gateway must not check passwords unthrottled. This node
// gets a Redis of its own (a real redis-server on a free port) so it can go down without touching
// the one other tests share.
describe('gateway identity: sign-in while Redis is down', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let port: number;
  let redis: ChildProcess | undefined;

  async function startRedis(): Promise<void> {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor(() => listening(port), 10_000, 'redis-server to listen');
  }

  async function stopRedis(): Promise<void> {
    if (!redis || redis.exitCode !== null) return;
    const exited = once(redis, 'exit');
    redis.kill('SIGTERM');
    await exited;
  }

  const login = () =>
    http(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password: PASSWORD }),
    });

  beforeAll(async () => {
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = PASSWORD;
    port = await freePort();
    await startRedis();
    config = await testNodeConfig({ redis: { url: `redis://127.0.0.1:${port}` } });
    gateway = await startService(gatewayService, config);
    await waitFor(async () => (await login()).status === 200, 30_000, 'a first sign-in');
  });

  afterAll(async () => {
    delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    await gateway?.close();
    await stopRedis();
    if (config) await dropTestNode(config);
  });

  it('refuses sign-in with 503 saying why, even with the right password, and signs in again once Redis is back', async () => {
    await stopRedis();
    const refused = await login();
    expect(refused.status).toBe(503);
    const problem = await refused.json();
    expect(problem.code).toBe('unavailable');
    expect(problem.detail).toMatch(/Redis/);

    // The portal's sign-in page says so too, in 中文, rather than failing.
    const page = await http(`${gateway.httpUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: PASSWORD }),
      redirect: 'manual',
    });
    expect(page.status).toBe(503);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('登录服务暂不可用，请稍后再试。');
    // A portal session cannot be looked up either: 503 naming the store, not a 500 or a 401.
    const withCookie = await http(`${gateway.httpUrl}/api/v1/me`, {
      headers: { cookie: `govdata_session=${'A'.repeat(43)}` },
    });
    expect(withCookie.status).toBe(503);
    expect((await withCookie.json()).detail).toMatch(/Redis/);

    // The public keys need no Redis.
    expect((await http(`${gateway.httpUrl}/.well-known/jwks.json`)).status).toBe(200);

    await startRedis();
    // The client reconnects with backoff (at most 5 s between tries).
    await waitFor(async () => (await login()).status === 200, 20_000, 'sign-in after Redis returns');
  });
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

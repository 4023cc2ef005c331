import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundPolicy } from '@govdata/platform-outbound';
import { freePort } from '@govdata/platform-testing';
import { UpstreamCaller, UpstreamCallers, type UpstreamSettings } from './upstream-caller.js';

/** A provider upstream on a real socket; it counts what reaches it, by method and path. */
class TestUpstream {
  readonly hits = new Map<string, number>();
  /** What /flaky answers: the test switches the upstream between healthy and failing. */
  flaky: 'ok' | 'fail' | 'slow' = 'ok';
  private readonly server: Server;
  private readonly pending = new Set<ServerResponse>();
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://upstream').pathname;
      const key = `${req.method} ${path}`;
      this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
      req.resume();
      // Resources may sit under a base path (/api/…); the same answers there.
      req.on('end', () => this.answer(path.replace(/^\/api\//, '/'), res, req.url ?? ''));
    });
  }

  private answer(path: string, res: ServerResponse, url: string): void {
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    // Never answers; destroyed when the test ends.
    const hang = (): void => {
      this.pending.add(res);
    };
    switch (path) {
      case '/persons':
        return json(200, { data: [{ xm: '张三' }], query: url });
      case '/missing':
        return json(404, { msg: 'no such person' });
      case '/fail':
        return json(500, { msg: 'database down' });
      case '/slow':
        return hang();
      case '/reset':
        res.socket?.destroy();
        return;
      case '/big-declared':
        return json(200, { blob: 'x'.repeat(4_096) });
      case '/big-streamed': {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        for (let i = 0; i < 8; i++) res.write(Buffer.alloc(1_024, 65));
        res.end();
        return;
      }
      case '/flaky':
        if (this.flaky === 'slow') return hang();
        return this.flaky === 'ok' ? json(200, { ok: true }) : json(503, { msg: 'busy' });
      default:
        return json(404, {});
    }
  }

  count(method: string, path: string): number {
    return this.hits.get(`${method} ${path}`) ?? 0;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.pending) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The test upstreams listen on loopback, which a node reaches only when its list names it. */
const outbound = new OutboundPolicy({ allow: ['127.0.0.1/32'], infrastructure: [] });

describe('upstream caller against a real HTTP upstream', () => {
  let upstream: TestUpstream;
  const callers: UpstreamCaller[] = [];
  const caller = (settings: Partial<UpstreamSettings> = {}) => {
    const c = new UpstreamCaller(
      'population',
      { baseUrl: `${upstream.url}/`, timeoutMs: 2_000, ...settings },
      outbound,
    );
    callers.push(c);
    return c;
  };

  beforeEach(async () => {
    upstream = await new TestUpstream().start();
  });

  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(callers.splice(0).map((c) => c.close()));
    await upstream.stop();
  });

  it('passes the upstream answer through, 2xx and 4xx alike', async () => {
    const c = caller({ baseUrl: `${upstream.url}/api/` });
    const ok = await c.call({
      method: 'GET',
      path: '/persons?id=1',
      headers: { connection: 'close', 'x-grant': 'g1' },
    });
    expect(ok).toMatchObject({ ok: true, status: 200, attempts: 1 });
    if (!ok.ok) return;
    expect(JSON.parse(ok.body.toString())).toEqual({ data: [{ xm: '张三' }], query: '/api/persons?id=1' });
    expect(ok.headers['content-type']).toBe('application/json');
    expect(ok.headers['content-length']).toBeUndefined();
    expect(upstream.count('GET', '/api/persons')).toBe(1);

    expect(await c.call({ method: 'GET', path: '/missing' })).toMatchObject({ ok: true, status: 404 });
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    const outcome = await caller({ timeoutMs: 150 }).call({ method: 'GET', path: '/slow' });
    expect(outcome).toMatchObject({ ok: false, status: 504, reason: 'timeout', attempts: 1 });
  });

  it('answers 502 when the upstream is down, and for its 5xx', async () => {
    const down = new UpstreamCaller('down', { baseUrl: `http://127.0.0.1:${await freePort()}` }, outbound);
    callers.push(down);
    const refused = await down.call({ method: 'GET', path: '/persons' });
    expect(refused).toMatchObject({ ok: false, status: 502, reason: 'unreachable' });
    if (!refused.ok) expect(refused.message).toContain('ECONNREFUSED');

    expect(await caller().call({ method: 'GET', path: '/fail' })).toMatchObject({
      ok: false,
      status: 502,
      reason: 'upstream-error',
      upstreamStatus: 500,
    });
  });

  it('repeats a GET after a dropped connection but never a POST', async () => {
    const c = caller({ retries: 1 });
    expect(await c.call({ method: 'GET', path: '/reset' })).toMatchObject({ ok: false, status: 502, attempts: 2 });
    expect(upstream.count('GET', '/reset')).toBe(2);

    const post = await c.call({
      method: 'POST',
      path: '/reset',
      body: '{"id":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(post).toMatchObject({ ok: false, status: 502, reason: 'unreachable', attempts: 1 });
    expect(upstream.count('POST', '/reset')).toBe(1);

    // Nor after a 5xx or a timeout.
    await c.call({ method: 'POST', path: '/fail', body: '{}' });
    expect(upstream.count('POST', '/fail')).toBe(1);
    await c.call({ method: 'GET', path: '/fail' });
    expect(upstream.count('GET', '/fail')).toBe(1);
  });

  it('refuses an answer over the size limit with 502, declared or streamed', async () => {
    const c = caller({ maxResponseBytes: 2_048 });
    expect(await c.call({ method: 'GET', path: '/big-declared' })).toMatchObject({
      ok: false,
      status: 502,
      reason: 'too-large',
    });
    expect(await c.call({ method: 'GET', path: '/big-streamed' })).toMatchObject({
      ok: false,
      status: 502,
      reason: 'too-large',
    });
    expect(await c.call({ method: 'GET', path: '/persons' })).toMatchObject({ ok: true, status: 200 });
  });

  it('opens the circuit after N failures, answers 503 with Retry-After without calling, and half-opens later', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const c = caller({ breaker: { consecutiveFailures: 3, halfOpenAfterMs: 30_000 } });
    upstream.flaky = 'fail';
    for (let i = 0; i < 3; i++) {
      expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ ok: false, status: 502 });
    }
    expect(c.circuit).toBe('open');
    const paused = await c.call({ method: 'GET', path: '/flaky' });
    expect(paused).toMatchObject({
      ok: false,
      status: 503,
      reason: 'circuit-open',
      retryAfterSeconds: 30,
      attempts: 0,
    });
    expect(upstream.count('GET', '/flaky')).toBe(3);

    vi.setSystemTime(Date.now() + 20_000);
    expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ status: 503, retryAfterSeconds: 10 });

    // After the pause one probe goes through; a failing probe opens the circuit again…
    vi.setSystemTime(Date.now() + 10_001);
    expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ ok: false, status: 502 });
    expect(upstream.count('GET', '/flaky')).toBe(4);
    expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ status: 503, retryAfterSeconds: 30 });

    // …a good one closes it.
    upstream.flaky = 'ok';
    vi.setSystemTime(Date.now() + 30_001);
    expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ ok: true, status: 200 });
    expect(c.circuit).toBe('closed');
    expect(await c.call({ method: 'GET', path: '/flaky' })).toMatchObject({ ok: true, status: 200 });
  });

  it('counts timeouts towards the circuit but not answers that were merely too large or 4xx', async () => {
    const c = caller({
      timeoutMs: 100,
      maxResponseBytes: 2_048,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    for (let i = 0; i < 3; i++) await c.call({ method: 'GET', path: '/big-declared' });
    for (let i = 0; i < 3; i++) await c.call({ method: 'GET', path: '/missing' });
    expect(c.circuit).toBe('closed');
    upstream.flaky = 'slow';
    await c.call({ method: 'GET', path: '/flaky' });
    await c.call({ method: 'GET', path: '/flaky' });
    expect(c.circuit).toBe('open');
    expect(await c.call({ method: 'GET', path: '/persons' })).toMatchObject({ status: 503 });
  });

  it('throws on a malformed request instead of blaming the upstream', async () => {
    const c = caller({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } });
    await expect(c.call({ method: 'GET', path: '/persons', headers: { 'x-note': 'a\r\nb' } })).rejects.toThrow();
    expect(upstream.count('GET', '/persons')).toBe(0);
    expect(c.circuit).toBe('closed');
  });

  it('refuses an upstream the outbound policy does not allow, without reaching it or blaming it', async () => {
    const strict = new OutboundPolicy({ allow: ['0.0.0.0/0', '::/0'], infrastructure: [] });
    const port = new URL(upstream.url).port;
    for (const baseUrl of [`${upstream.url}/`, `http://localhost:${port}/`, `http://2130706433:${port}/`]) {
      const c = new UpstreamCaller(
        'refused',
        { baseUrl, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } },
        strict,
      );
      callers.push(c);
      const outcome = await c.call({ method: 'GET', path: '/persons' });
      expect(outcome).toMatchObject({ ok: false, status: 502, reason: 'not-allowed', attempts: 1 });
      expect(c.circuit).toBe('closed');
    }
    expect(upstream.count('GET', '/persons')).toBe(0);
  });

  it('keeps one circuit per upstream', async () => {
    const registry = new UpstreamCallers(outbound);
    const broken = { baseUrl: `${upstream.url}/`, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } };
    const healthy = { baseUrl: `${upstream.url}/` };
    try {
      await registry.get('a', broken).call({ method: 'GET', path: '/fail' });
      expect(await registry.get('a', broken).call({ method: 'GET', path: '/persons' })).toMatchObject({ status: 503 });
      expect(await registry.get('b', healthy).call({ method: 'GET', path: '/persons' })).toMatchObject({ status: 200 });
      expect(registry.get('a', broken)).toBe(registry.get('a', broken));
    } finally {
      await registry.closeAll();
    }
  });
});

import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { callApi, dropTestNode, testNodeConfig, waitFor, type ApiResponse } from '@govdata/platform-testing';
import { Writable } from 'node:stream';

/** Everything a service logs, as text (pino writes one JSON line per call). */
function logCapture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

const METRICS_TOKEN = 'monitoring-token-for-headers-test';
const ADMIN_PASSWORD = 'Headers-And-Exposure-2026!';
const WRONG_PASSWORD = 'Wrong-Pa55word-Never-Logged!';

/** The headers every answer carries, whatever its status or which service wrote it. */
function expectSecurityHeaders(response: ApiResponse, what: string): void {
  const header = (name: string) => response.headers.get(name);
  expect(header('x-content-type-options'), what).toBe('nosniff');
  expect(header('x-frame-options'), what).toBe('DENY');
  expect(header('referrer-policy'), what).toBe('no-referrer');
  expect(header('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(header('cross-origin-resource-policy'), what).toBe('same-origin');
  expect(header('x-powered-by'), what).toBeNull();
}

function expectApiPolicy(response: ApiResponse, what: string): void {
  expect(response.headers.get('content-security-policy'), what).toBe("default-src 'none';frame-ancestors 'none'");
}

describe('security headers, /metrics, /api/docs and what the logs hold', () => {
  let previousPassword: string | undefined;
  // A node reached over plain HTTP, API docs on (the default), with a monitoring token.
  let config: NodeConfig;
  let gateway: RunningService;
  let catalog: RunningService;
  const gatewayLog = logCapture();
  // A node whose public URL is https, API docs off, no monitoring token.
  let tlsConfig: NodeConfig;
  let tlsGateway: RunningService;

  beforeAll(async () => {
    previousPassword = process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = ADMIN_PASSWORD;
    config = await testNodeConfig({ http: { metricsToken: METRICS_TOKEN }, log: { level: 'trace' } });
    gateway = await startService(gatewayService, config, { logDestination: gatewayLog.stream });
    catalog = await startService(catalogService, config);
    tlsConfig = await testNodeConfig({ identity: { issuer: 'https://data.example.gov.cn' }, http: { apiDocs: false } });
    tlsGateway = await startService(gatewayService, tlsConfig);
    await waitFor(
      async () =>
        (await gateway.readiness.evaluate()).ready &&
        (await catalog.readiness.evaluate()).ready &&
        (await tlsGateway.readiness.evaluate()).ready,
      60_000,
      'ready',
    );
  });

  afterAll(async () => {
    if (previousPassword === undefined) delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    else process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = previousPassword;
    await catalog?.close();
    await gateway?.close();
    await tlsGateway?.close();
    if (config) await dropTestNode(config);
    if (tlsConfig) await dropTestNode(tlsConfig);
  });

  const api = (method: string, path: string, options: Parameters<typeof callApi>[3] = {}) =>
    callApi(gateway.httpUrl, method, path, options);

  it('sends them on a gateway route, a proxied service route, a 404 and error answers', async () => {
    const answers: Array<[string, ApiResponse, number]> = [
      ['gateway route', await api('GET', '/api/v1/node'), 200],
      ['proxied service route', await api('GET', '/api/v1/catalog/openapi.json'), 200],
      ['proxied service error', await api('GET', '/api/v1/catalog/providers'), 401],
      ['unknown route', await api('GET', '/api/v1/no-such-thing'), 404],
      // Paths outside /api are the portal's (its own CSP, checked in portal-files.int-spec.ts).
      ['unknown path under /api', await api('GET', '/api/wp-admin/'), 404],
      ['malformed JSON', await api('POST', '/api/v1/auth/token', { body: '{"grant_type":', headers: json }), 400],
      ['service port itself', await callApi(catalog.httpUrl, 'GET', '/api/v1/catalog/providers'), 401],
    ];
    for (const [what, response, status] of answers) {
      expect(response.status, what).toBe(status);
      expectSecurityHeaders(response, what);
      expectApiPolicy(response, what);
      // Plain HTTP node: no HSTS (a browser would ignore it there anyway).
      expect(response.headers.get('strict-transport-security'), what).toBeNull();
    }
  });

  it("sends them on the gateway's own 503 for a service it cannot reach", async () => {
    // demand is not started on this node: the gateway answers for it.
    const response = await api('GET', '/api/v1/demand/applications');
    expect(response.status).toBe(503);
    expectSecurityHeaders(response, 'unreachable service');
    expectApiPolicy(response, 'unreachable service');
  });

  it('sends HSTS when the node is reached over TLS (https issuer)', async () => {
    for (const path of ['/api/v1/node', '/api/v1/no-such-thing', '/healthz']) {
      const response = await callApi(tlsGateway.httpUrl, 'GET', path);
      expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains');
      expectSecurityHeaders(response, path);
    }
  });

  it('serves Swagger UI under a CSP that lets it load its own scripts and styles, and nothing else', async () => {
    const page = await api('GET', '/api/docs/');
    expect(page.status).toBe(200);
    expectSecurityHeaders(page, 'Swagger UI');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = String(page.body);
    // Every script is a same-origin file ('self'): an inline one would be blocked.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThanOrEqual(3);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const url = new URL(asset, `${gateway.httpUrl}/api/docs/`);
      expect(url.origin, asset).toBe(new URL(gateway.httpUrl).origin);
      expect((await fetch(url)).status, asset).toBe(200);
    }
    // What the page fetches once loaded: the OpenAPI documents (connect-src 'self').
    const init = await api('GET', '/api/docs/swagger-ui-init.js');
    expect(String(init.body)).toContain('/api/v1/catalog/openapi.json');
  });

  it('answers 404 for Swagger UI and every OpenAPI document when http.apiDocs is false', async () => {
    for (const path of [
      '/api/docs',
      '/api/docs/',
      '/api/docs/swagger-ui-init.js',
      '/api/docs-json',
      '/api/v1/gateway/openapi.json',
    ]) {
      const response = await callApi(tlsGateway.httpUrl, 'GET', path);
      expect(response.status, path).toBe(404);
      expectApiPolicy(response, path);
    }
    // The node with the default keeps them (the OpenAPI fuzz test reads them).
    expect((await api('GET', '/api/v1/gateway/openapi.json')).status).toBe(200);
  });

  it('refuses /metrics without the monitoring token, on the public port and on every service port', async () => {
    for (const base of [gateway.httpUrl, catalog.httpUrl]) {
      const anonymous = await callApi(base, 'GET', '/metrics');
      expect(anonymous.status, base).toBe(401);
      expect(String(JSON.stringify(anonymous.body))).not.toContain('govdata_');
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
      expect((await callApi(base, 'GET', '/metrics', { token: 'not-the-monitoring-token' })).status).toBe(401);
      // A user's access token is not a monitoring token either.
      expect((await callApi(base, 'GET', '/metrics', { token: await adminToken() })).status).toBe(401);
    }
    // Through the gateway's routing it is not reachable either.
    expect((await api('GET', '/api/v1/catalog/metrics')).status).toBe(404);
    // Without a configured token, /metrics does not exist.
    expect((await callApi(tlsGateway.httpUrl, 'GET', '/metrics')).status).toBe(404);
  });

  it('serves /metrics to Prometheus with the monitoring token', async () => {
    const scraped = await callApi(catalog.httpUrl, 'GET', '/metrics', { token: METRICS_TOKEN });
    expect(scraped.status).toBe(200);
    expect(String(scraped.body)).toMatch(/govdata_ready\{node="100000",service="catalog"\} 1/);
  });

  it('tells anonymous probes ready or not, and the check details only to the monitoring token', async () => {
    const probe = await callApi(gateway.httpUrl, 'GET', '/readyz');
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual({ status: 'ready' });
    expect((await callApi(gateway.httpUrl, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const monitored = await callApi(gateway.httpUrl, 'GET', '/readyz', { token: METRICS_TOKEN });
    expect(monitored.body.checks.map((c: { name: string }) => c.name)).toEqual([
      'postgres',
      'schema',
      'redis',
      'kafka',
    ]);
  });

  it('keeps a wrong password out of the logs, even at trace level', async () => {
    const refused = await api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'admin', password: WRONG_PASSWORD },
    });
    expect(refused.status).toBe(401);
    await adminToken();
    const logged = gatewayLog.text();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(WRONG_PASSWORD);
    expect(logged).not.toContain(ADMIN_PASSWORD);
  });

  async function adminToken(): Promise<string> {
    const response = await api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(response.status).toBe(200);
    return response.body.access_token as string;
  }
});

const json = { 'content-type': 'application/json' };

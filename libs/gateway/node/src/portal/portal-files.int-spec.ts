import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { gatewayService } from '../gateway.service-definition.js';

const PORTAL_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;" +
  "connect-src 'self';frame-ancestors 'none';base-uri 'self';form-action 'self';object-src 'none'";
const INDEX =
  '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-B3x9.js"></script></head><body><div id="app"></div></body></html>';
const SCRIPT = 'console.log("门户");';

/** A GET exactly as written: fetch would normalise `..` away, and adds no-cache to conditional requests. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The built portal as the gateway serves it at `/`, from a folder laid out as `npm run build:portal` leaves it.
describe('gateway: the portal’s files at /', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let base: string;
  let folder: string;

  beforeAll(async () => {
    const outside = mkdtempSync(join(tmpdir(), 'govdata-portal-'));
    folder = join(outside, 'portal');
    mkdirSync(join(folder, 'assets'), { recursive: true });
    writeFileSync(join(folder, 'index.html'), INDEX);
    writeFileSync(join(folder, 'assets', 'index-B3x9.js'), SCRIPT);
    writeFileSync(join(folder, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(folder, '.env'), 'SECRET=in-the-portal-folder');
    writeFileSync(join(outside, 'secret.txt'), 'SECRET=beside-the-portal-folder');
    config = await testNodeConfig({ http: { portalDir: folder } });
    gateway = await startService(gatewayService, config);
    base = gateway.httpUrl;
    await waitFor(async () => (await fetch(`${base}/healthz`)).ok, 30_000, 'gateway HTTP');
  });

  afterAll(async () => {
    await gateway?.close();
    if (config) await dropTestNode(config);
  });

  it('serves index.html at / to be revalidated on each use, under the strict portal CSP', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(PORTAL_CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toBe(INDEX);
    const etag = response.headers.get('etag')!;
    expect((await rawGet(config.services.gateway.http, '/', { 'if-none-match': etag })).status).toBe(304);
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves hashed assets cached for a year as immutable, and a missing one as 404, never as the page', async () => {
    const script = await fetch(`${base}/assets/index-B3x9.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript; charset=utf-8$/i);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toBe(SCRIPT);
    const missing = await fetch(`${base}/assets/index-Old1.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers index.html for the SPA’s history routes, and the API’s 404 problem for unknown /api paths', async () => {
    for (const path of [
      '/catalog/entries/0b6a0c1e-5a6c-4f0e-9d0e-0f3e3c1e2d4b',
      '/demand/applications?status=pending',
      '/登录后',
    ]) {
      const response = await fetch(`${base}${encodeURI(path)}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(await response.text(), path).toBe(INDEX);
    }
    const api = await fetch(`${base}/api/v1/no-such-thing?x=1`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(await api.json()).toMatchObject({ code: 'not_found', detail: 'Cannot GET /api/v1/no-such-thing?x=1' });
    expect((await fetch(`${base}/login/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('never serves a file outside the portal folder, nor a hidden one inside it', async () => {
    const port = config.services.gateway.http;
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/.env',
      '/%2eenv',
      '/assets/..%5c..%5csecret.txt',
    ]) {
      const { status, body } = await rawGet(port, path);
      expect(body, path).not.toContain('SECRET=');
      expect([200, 400, 404], `${path}: ${status}`).toContain(status);
    }
  });

  it('answers a short 中文 page (503) while the portal is not built, and serves it once it is', async () => {
    renameSync(join(folder, 'index.html'), join(folder, 'index.html.away'));
    try {
      const response = await fetch(`${base}/catalog`);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toBe(PORTAL_CSP);
      const html = await response.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<h1>共享门户尚未构建</h1>');
      expect(html).not.toMatch(/<script/i);
      // The API does not depend on the portal.
      expect((await fetch(`${base}/api/v1/node`)).status).toBe(200);
    } finally {
      renameSync(join(folder, 'index.html.away'), join(folder, 'index.html'));
    }
    expect((await fetch(`${base}/catalog`)).status).toBe(200);
  });
});

import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import { jwksUriFor, TokenVerifier } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { callApi, dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { decodeJwt } from 'jose';
import { createClient } from 'redis';
import { gatewayService } from './gateway.service-definition.js';

/** fetch, with the JSON body typed loosely for assertions. */
const http = (url: string, init?: RequestInit) =>
  fetch(url, init) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

const ADMIN_PASSWORD = 'Portal-Root-2026!';
const USER_PASSWORD = 'Portal-User-2026-Strong!';
const IDLE_SECONDS = 3;
const MAX_FAILURES = 3;
const PORTAL_CSP =
  "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;" +
  "connect-src 'self';frame-ancestors 'none';base-uri 'self';form-action 'self';object-src 'none'";

/** What the stand-in upstream service saw of each request the gateway relayed. */
interface Relayed {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

// The portal's sign-in as a browser uses it: the gateway's form, the session cookie turned into a
// bearer token for its own routes and for a service behind it (a recording stand-in on the analytics
// port), CSRF, idle timeout, lifetime, renewal, sign-out and cut-offs — real PostgreSQL and Redis.
describe('gateway: portal sign-in (backend-for-frontend sessions)', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let base: string;
  let upstream: Server;
  const relayed: Relayed[] = [];
  const redis = createClient({ url: process.env['GOVDATA_REDIS_URL'] ?? 'redis://127.0.0.1:6379' });

  beforeAll(async () => {
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = ADMIN_PASSWORD;
    delete process.env['GOVDATA_DEMO'];
    config = await testNodeConfig({
      identity: {
        sessionIdleSeconds: IDLE_SECONDS,
        sessionMaxSeconds: 120,
        accessTokenTtlSeconds: 600,
        loginMaxFailures: MAX_FAILURES,
        loginLockSeconds: 5,
      },
    });
    upstream = createServer((req, res) => {
      relayed.push({ method: req.method!, url: req.url!, headers: req.headers });
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.end('{"relayed":true}');
    });
    upstream.listen(config.services.analytics.http, '127.0.0.1');
    await once(upstream, 'listening');
    await redis.connect();
    gateway = await startService(gatewayService, config);
    base = gateway.httpUrl;
    await waitFor(async () => (await http(`${base}/healthz`)).ok, 30_000, 'gateway HTTP');
  });

  afterAll(async () => {
    delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    await gateway?.close();
    upstream?.close();
    if (redis.isOpen) await redis.close();
    if (config) await dropTestNode(config);
  });

  const postForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    http(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });

  /** Signs in with the form; the session cookie's value. */
  async function signIn(username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
    const response = await postForm({ username, password, next: '/' });
    expect(response.status).toBe(303);
    return /govdata_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1]!;
  }

  const withCookie = (path: string, id: string, init: RequestInit = {}) =>
    http(`${base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { cookie: `theme=dark; govdata_session=${id}`, ...(init.headers as Record<string, string>) },
    });

  const sessionKey = (id: string) =>
    `${config.redis.keyPrefix}gateway:browser-session:${createHash('sha256').update(id).digest('base64url')}`;

  /** The token the gateway relayed for the session, as the stand-in service saw it. */
  async function relayedToken(id: string): Promise<string> {
    relayed.length = 0;
    const response = await withCookie('/api/v1/analytics/figures', id);
    expect(response.status).toBe(200);
    return /^Bearer (\S+)$/.exec(relayed[0]!.headers.authorization ?? '')![1]!;
  }

  const adminToken = async () =>
    (
      await callApi(base, 'POST', '/api/v1/auth/token', {
        body: { grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD },
      })
    ).body.access_token as string;

  it('serves its own sign-in page: 中文, labelled fields, no script, the strict portal CSP, not cached', async () => {
    const response = await http(`${base}/login?next=/catalog`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(PORTAL_CSP);
    const html = await response.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<label for="username">用户名</label>');
    expect(html).toContain('<label for="password">密码</label>');
    expect(html).toMatch(/<input id="password" name="password" type="password" autocomplete="current-password"/);
    expect(html).toContain('<form method="post" action="/login">');
    expect(html).toContain('<input type="hidden" name="next" value="/catalog">');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(config.node.name);
    const english = await (await http(`${base}/login?lang=en`)).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<label for="username">Username</label>');
  });

  it('signs in with the form: 303 to next, an HttpOnly SameSite=Strict cookie holding only an opaque id', async () => {
    const response = await postForm({ username: 'ADMIN', password: ADMIN_PASSWORD, next: '/catalog/entries?q=人口' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/catalog/entries?q=%E4%BA%BA%E5%8F%A3');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^govdata_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const id = /govdata_session=([^;]+)/.exec(cookie)![1]!;
    // The store knows the session by a hash of the id: its contents cannot be replayed as a cookie.
    expect(await redis.exists(sessionKey(id))).toBe(1);
    expect(await redis.keys(`${config.redis.keyPrefix}*${id}*`)).toEqual([]);
    const ttl = await redis.pTTL(sessionKey(id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(IDLE_SECONDS * 1000);
  });

  it('turns the cookie into a bearer token for the gateway’s routes and for a service behind it, which never sees the cookie', async () => {
    const id = await signIn();
    const me = await withCookie('/api/v1/me', id);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { username: 'admin' }, principal: { roles: ['node-admin'] } });

    const token = await relayedToken(id);
    expect(relayed[0]!.url).toBe('/api/v1/analytics/figures');
    expect(relayed[0]!.headers.cookie).toBe('theme=dark');
    // A token every service of the node accepts: signed by the gateway, for the signed-in account.
    const verifier = new TokenVerifier([
      { issuer: config.identity.issuer, jwksUri: jwksUriFor(config.identity.issuer) },
    ]);
    const principal = await verifier.verify(token);
    expect(principal).toMatchObject({ kind: 'user', roles: ['node-admin'], name: '平台管理员' });
    const [admin] = await gateway.dataSource.query("SELECT id FROM user_account WHERE username = 'admin'");
    expect(principal.subject).toBe(admin.id);
  });

  it('refuses an unsafe request authenticated by the cookie without X-Requested-With (403 naming it), and relays it with the header', async () => {
    const id = await signIn();
    relayed.length = 0;
    const forged = await withCookie('/api/v1/analytics/reports', id, { method: 'POST', body: '{}' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    const problem = await forged.json();
    expect(problem).toMatchObject({ code: 'forbidden', reason: 'csrf-header-required', header: 'X-Requested-With' });
    expect(problem.detail).toContain('X-Requested-With: govdata-portal');
    expect(relayed).toEqual([]);
    const wrongValue = await withCookie('/api/v1/me/password', id, {
      method: 'POST',
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(wrongValue.status).toBe(403);

    const sent = await withCookie('/api/v1/analytics/reports', id, {
      method: 'POST',
      headers: { 'x-requested-with': 'govdata-portal', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(sent.status).toBe(200);
    expect(relayed).toEqual([
      expect.objectContaining({ method: 'POST', headers: expect.objectContaining({ cookie: 'theme=dark' }) }),
    ]);
    expect(relayed[0]!.headers.authorization).toMatch(/^Bearer /);
    // A bearer client needs no such header: the cookie is what makes a request forgeable.
    const bearer = await callApi(base, 'POST', '/api/v1/analytics/reports', { token: await adminToken(), body: {} });
    expect(bearer.status).toBe(200);
  });

  it('sends a signed-in browser only to a path of this origin (no open redirect)', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await postForm({ username: 'admin', password: ADMIN_PASSWORD, next });
      expect(response.status, next).toBe(303);
      expect(response.headers.get('location'), next).toBe('/');
    }
    const page = await (await http(`${base}/login?next=${encodeURIComponent('https://evil.example/')}`)).text();
    expect(page).toContain('<input type="hidden" name="next" value="/">');
  });

  it('answers a wrong password with the page again (401, the reason, the name kept), then 429 with Retry-After once throttled', async () => {
    const wrong = await postForm({ username: 'no<b>body', password: 'Wrong-Guess-1', next: '/exchange' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const html = await wrong.text();
    expect(html).toContain('<p id="login-message" class="message" role="alert">用户名或密码错误。</p>');
    expect(html).toContain('value="no&#60;b&#62;body"');
    expect(html).toContain('aria-describedby="login-message" aria-invalid="true"');
    expect(html).toContain('<input type="hidden" name="next" value="/exchange">');
    for (let i = 2; i <= MAX_FAILURES; i++) {
      expect((await postForm({ username: 'no<b>body', password: `Wrong-Guess-${i}` })).status).toBe(401);
    }
    const throttled = await postForm({ username: 'no<b>body', password: 'Wrong-Guess-9' });
    expect(throttled.status).toBe(429);
    const seconds = Number(throttled.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(await throttled.text()).toContain(`登录失败次数过多，请 ${seconds} 秒后再试。`);
    // The same throttle as the password grant: the token endpoint refuses this account too.
    const grant = await callApi(base, 'POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'no<b>body', password: 'x' },
    });
    expect(grant.status).toBe(429);

    const incomplete = await postForm({ username: 'admin' });
    expect(incomplete.status).toBe(400);
    expect(await incomplete.text()).toContain('请输入用户名和密码。');
  });

  it('refuses a sign-in form posted from another site (login CSRF)', async () => {
    const response = await postForm(
      { username: 'admin', password: ADMIN_PASSWORD },
      { origin: 'https://evil.example' },
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    const sameSite = await postForm({ username: 'admin', password: ADMIN_PASSWORD }, { origin: base });
    expect(sameSite.status).toBe(303);
    // Browsers also say it in Sec-Fetch-Site; an opaque origin is not this site.
    const forged: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site', origin: base },
      { origin: 'null' },
    ];
    for (const headers of forged) {
      const refused = await postForm({ username: 'admin', password: ADMIN_PASSWORD }, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
    }
    const fromOwnPage = await postForm(
      { username: 'admin', password: ADMIN_PASSWORD },
      { 'sec-fetch-site': 'same-origin', origin: base },
    );
    expect(fromOwnPage.status).toBe(303);
    // The page asks the browser to name its origin when the form is posted.
    expect((await http(`${base}/login`)).headers.get('referrer-policy')).toBe('same-origin');
  });

  it(`ends a session after ${IDLE_SECONDS} s without a request (each request restarts the clock): 401, cookie cleared`, async () => {
    const id = await signIn();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, (IDLE_SECONDS * 1000) / 2));
      expect((await withCookie('/api/v1/me', id)).status, `request ${i + 1}`).toBe(200);
    }
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000 + 300));
    const ended = await withCookie('/api/v1/me', id);
    expect(ended.status).toBe(401);
    expect(await ended.json()).toMatchObject({ code: 'unauthenticated', reason: 'session-ended' });
    expect(ended.headers.get('set-cookie')).toBe('govdata_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
  });

  it('ends a session at its lifetime however busy, and renews its token inside the session before it expires', async () => {
    const id = await signIn();
    const first = await relayedToken(id);
    const stored = JSON.parse((await redis.get(sessionKey(id)))!);
    await redis.set(sessionKey(id), JSON.stringify({ ...stored, tokenExpiresAt: Date.now() + 1_000 }), {
      KEEPTTL: true,
    });
    const renewed = await relayedToken(id);
    expect(decodeJwt(renewed).jti).not.toBe(decodeJwt(first).jti);
    const kept = JSON.parse((await redis.get(sessionKey(id)))!);
    expect(kept.token).toBe(renewed);
    expect(kept.tokenExpiresAt).toBeGreaterThan(Date.now() + 500_000);
    expect(await relayedToken(id)).toBe(renewed);

    await redis.set(sessionKey(id), JSON.stringify({ ...stored, createdAt: Date.now() - 121_000 }), { KEEPTTL: true });
    expect((await withCookie('/api/v1/me', id)).status).toBe(401);
    expect(await redis.exists(sessionKey(id))).toBe(0);
  });

  it('signs out: 403 without the header, then 204 clearing the cookie; the old cookie and its token are refused', async () => {
    const id = await signIn();
    const token = await relayedToken(id);
    const forged = await withCookie('/logout', id, { method: 'POST' });
    expect(forged.status).toBe(403);
    expect((await forged.json()).reason).toBe('csrf-header-required');
    expect((await withCookie('/api/v1/me', id)).status).toBe(200);

    const out = await withCookie('/logout', id, { method: 'POST', headers: { 'x-requested-with': 'govdata-portal' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toBe('govdata_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    const after = await withCookie('/api/v1/me', id);
    expect(after.status).toBe(401);
    expect((await after.json()).reason).toBe('session-ended');
    // The session's token was revoked too, at every service of the node.
    expect((await callApi(base, 'GET', '/api/v1/me', { token })).status).toBe(401);
    const [{ count }] = await gateway.dataSource.query(
      'SELECT count(*)::int AS count FROM revoked_token WHERE jti = $1',
      [decodeJwt(token).jti],
    );
    expect(count).toBe(1);
    // Without a session there is nothing to end: still 204.
    expect((await http(`${base}/logout`, { method: 'POST' })).status).toBe(204);
  });

  it('ends every portal session of a person who is deactivated or signed out everywhere', async () => {
    const admin = await adminToken();
    const me = await callApi(base, 'GET', '/api/v1/me', { token: admin });
    const created = await callApi(base, 'POST', '/api/v1/users', {
      token: admin,
      body: {
        organisationId: me.body.organisation.id,
        username: 'wangfang',
        displayName: '王芳',
        password: USER_PASSWORD,
        roles: ['auditor'],
      },
    });
    expect(created.status).toBe(201);
    const userId = created.body.id as string;

    const [a, b] = [await signIn('wangfang', USER_PASSWORD), await signIn('wangfang', USER_PASSWORD)];
    expect((await withCookie('/api/v1/me', a)).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/v1/users/${userId}/revoke-sessions`, { token: admin })).status).toBe(204);
    // The sessions themselves end (not only their tokens, whose cut-off expires from Redis before a session would).
    for (const id of [a, b]) {
      const refused = await withCookie('/api/v1/me', id);
      expect(refused.status).toBe(401);
      expect((await refused.json()).reason).toBe('session-ended');
    }

    const c = await signIn('wangfang', USER_PASSWORD);
    expect((await withCookie('/api/v1/me', c)).status).toBe(200);
    expect((await callApi(base, 'POST', `/api/v1/users/${userId}/deactivate`, { token: admin })).status).toBe(200);
    const ended = await withCookie('/api/v1/me', c);
    expect(ended.status).toBe(401);
    expect((await ended.json()).reason).toBe('session-ended');
    expect(await redis.keys(`${config.redis.keyPrefix}gateway:browser-sessions-of:${userId}`)).toEqual([]);
  });
});

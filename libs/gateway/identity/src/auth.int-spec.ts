import { readFileSync, statSync } from 'node:fs';
import { GrantRule, TOKEN_AUDIENCE, TokenVerifier, jwksUriFor } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { gatewayService } from '@govdata/gateway-node';
import { problemCodesOf, startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { MemberRule } from './access/member.exception.js';
import { PER_ADDRESS_FACTOR } from './auth/login-throttle.js';
import { bootstrapPasswordPath } from './bootstrap/bootstrap-admin.js';
import { OrganisationRule } from './organisations/organisation.exception.js';
import { SessionRule } from './sessions/session.exception.js';
import { NodeSigningKey, signingKeyPath } from './signing/node-signing-key.js';
import { UserRule } from './users/user.exception.js';

/** fetch, with the JSON body typed loosely for assertions. */
const http = (url: string, init?: RequestInit) =>
  fetch(url, init) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

// Sign-in, tokens and keys, as a user and another service of the node see them.
describe('gateway identity: tokens', () => {
  const MAX_FAILURES = 3;
  const LOCK_SECONDS = 4;
  let config: NodeConfig;
  let gateway: RunningService;
  let base: string;
  let adminPassword: string;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    http(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const login = (username: string, password: string) =>
    post('/api/v1/auth/token', { grant_type: 'password', username, password });
  const me = (token: string) => http(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    delete process.env['GOVDATA_DEMO'];
    config = await testNodeConfig({
      identity: { loginMaxFailures: MAX_FAILURES, loginLockSeconds: LOCK_SECONDS, accessTokenTtlSeconds: 600 },
    });
    gateway = await startService(gatewayService, config);
    base = gateway.httpUrl;
    await waitFor(async () => (await http(`${base}/healthz`)).ok, 30_000, 'gateway HTTP');
    adminPassword = readFileSync(bootstrapPasswordPath(config), 'utf8').trim();
  });

  afterAll(async () => {
    await gateway?.close();
    if (config) await dropTestNode(config);
  });

  it('creates the root organisation, the admin and a 0600 password file and key file on first start', async () => {
    expect(statSync(bootstrapPasswordPath(config)).mode & 0o777).toBe(0o600);
    expect(statSync(signingKeyPath(config.node.dataDir)).mode & 0o777).toBe(0o600);
    const roots = await gateway.dataSource.query('SELECT name, uscc, is_root FROM organisation WHERE is_root');
    expect(roots).toEqual([
      { name: config.node.name, uscc: expect.stringMatching(/^11100000000000000/), is_root: true },
    ]);
    const grants = await gateway.dataSource.query(
      "SELECT g.role FROM role_grant g JOIN user_account u ON u.id = g.user_id WHERE u.username = 'admin'",
    );
    expect(grants).toEqual([{ role: 'node-admin' }]);
    const [{ password_hash }] = await gateway.dataSource.query(
      "SELECT password_hash FROM user_account WHERE username = 'admin'",
    );
    expect(password_hash).toMatch(/^scrypt\$N=131072,r=8,p=1\$/);
    expect(password_hash).not.toContain(adminPassword);
  });

  it('lists the problem codes each identity operation can answer in the gateway OpenAPI document', async () => {
    const document = await (await http(`${base}/api/v1/gateway/openapi.json`)).json();
    const listed = problemCodesOf(document);
    expect(listed.get('POST /api/v1/users')).toEqual(
      [
        MemberRule.OrganisationExists,
        MemberRule.OrganisationActive,
        GrantRule.NodeAdminInRootOrganisation,
        GrantRule.NodeRoleInAuthorityOrganisation,
      ].sort(),
    );
    expect(listed.get('PATCH /api/v1/organisations/{id}')).toEqual(Object.values(OrganisationRule).sort());
    expect(listed.get('POST /api/v1/me/password')).toEqual([UserRule.CurrentPassword]);
    expect(listed.get('POST /api/v1/auth/revoke')).toEqual([SessionRule.IssuedByThisNode]);
    expect(listed.has('GET /api/v1/organisations')).toBe(false);
    const everyListed = new Set([...listed.values()].flat());
    const grant422 = [GrantRule.NodeAdminInRootOrganisation, GrantRule.NodeRoleInAuthorityOrganisation];
    for (const rule of [OrganisationRule, UserRule, MemberRule, SessionRule].flatMap((e) => Object.values(e))) {
      expect(everyListed, rule).toContain(rule);
    }
    for (const rule of grant422) expect(everyListed, rule).toContain(rule);
  });

  it('issues a signed access token for the right password', async () => {
    const response = await login('ADMIN', adminPassword);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
    const claims = decodeJwt(body.access_token);
    const [root] = await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root');
    expect(claims).toMatchObject({
      iss: config.identity.issuer,
      aud: TOKEN_AUDIENCE,
      kind: 'user',
      org: root.id,
      node: '100000',
      roles: ['node-admin'],
      name: '平台管理员',
    });
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(claims.jti).toEqual(expect.any(String));
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    const [{ last_login_at }] = await gateway.dataSource.query(
      "SELECT last_login_at FROM user_account WHERE username = 'admin'",
    );
    expect(last_login_at).not.toBeNull();
  });

  it('accepts a form-encoded token request', async () => {
    const response = await http(`${base}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'admin', password: adminPassword }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).token_type).toBe('Bearer');
  });

  it('refuses a wrong password with 401, saying the same whether or not the user exists', async () => {
    const wrong = await login('admin', 'Not-The-Password-1');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    const wrongBody = await wrong.json();
    const unknown = await login('nobody-here', 'Not-The-Password-1');
    expect(unknown.status).toBe(401);
    const unknownBody = await unknown.json();
    expect(wrongBody).toMatchObject({ status: 401, code: 'unauthenticated', error: 'invalid_grant' });
    expect(unknownBody.detail).toBe(wrongBody.detail);
    // A later success clears the failures of the account.
    expect((await login('admin', adminPassword)).status).toBe(200);
  });

  it('names the field of a malformed request and refuses unknown grant types', async () => {
    const noPassword = await post('/api/v1/auth/token', { grant_type: 'password', username: 'admin' });
    expect(noPassword.status).toBe(400);
    expect((await noPassword.json()).errors).toEqual([expect.objectContaining({ path: 'password' })]);
    const implicit = await post('/api/v1/auth/token', { grant_type: 'implicit' });
    expect(implicit.status).toBe(400);
    expect(await implicit.json()).toMatchObject({
      error: 'unsupported_grant_type',
      errors: [{ path: 'grant_type', rule: 'unsupported_grant_type' }],
    });
  });

  it(`after ${MAX_FAILURES} failures of an account from one address, that address waits — 429 with Retry-After even for the right password — then may try again`, async () => {
    const create = await post(
      '/api/v1/users',
      {
        organisationId: (await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root'))[0].id,
        username: 'lisi',
        displayName: '李四',
        password: 'Strong-Pass-2026',
        roles: ['auditor'],
      },
      { authorization: `Bearer ${(await (await login('admin', adminPassword)).json()).access_token}` },
    );
    expect(create.status).toBe(201);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await login('lisi', `Wrong-Guess-${i}x`)).status).toBe(401);
    const locked = await login('lisi', 'Strong-Pass-2026');
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_SECONDS);
    expect((await locked.json()).code).toBe('too_many_requests');
    // Other accounts are not affected.
    expect((await login('admin', adminPassword)).status).toBe(200);
    await new Promise((r) => setTimeout(r, (retryAfter + 0.5) * 1000));
    expect((await login('lisi', 'Strong-Pass-2026')).status).toBe(200);
  });

  it('publishes JWKS and OpenID discovery, and another service accepts the token through them', async () => {
    const discovery = await (await http(`${base}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: config.identity.issuer,
      jwks_uri: jwksUriFor(config.identity.issuer),
      token_endpoint: `${config.identity.issuer}/api/v1/auth/token`,
      grant_types_supported: ['password', 'client_credentials'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    const jwks = await (await http(discovery.jwks_uri)).json();
    const key = await NodeSigningKey.loadOrCreate(config.node.dataDir);
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: key.kid }),
    ]);
    expect(jwks.keys[0].d).toBeUndefined();

    const { access_token } = await (await login('admin', adminPassword)).json();
    // Exactly what another service of the node builds at start (start-service.ts).
    const verifier = new TokenVerifier([
      { issuer: config.identity.issuer, jwksUri: jwksUriFor(config.identity.issuer) },
    ]);
    const principal = await verifier.verify(access_token);
    const [root] = await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root');
    expect(principal).toEqual({
      subject: expect.any(String),
      kind: 'user',
      organisationId: root.id,
      nodeCode: '100000',
      roles: ['node-admin'],
      // The root organisation is an authority organisation: the issuer says so in the token.
      authority: true,
      name: '平台管理员',
    });
  });

  it('shows the caller on GET /api/v1/me and refuses tampered and expired tokens with 401', async () => {
    const { access_token } = await (await login('admin', adminPassword)).json();
    const ok = await me(access_token);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      principal: { kind: 'user', roles: ['node-admin'] },
      user: { username: 'admin', displayName: '平台管理员', roles: ['node-admin'], active: true },
      organisation: { isRoot: true, name: config.node.name },
    });

    const [header, payload, signature] = access_token.split('.');
    const flipped = payload[10] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload.slice(0, 10)}${flipped}${payload.slice(11)}.${signature}`;
    const refusedTampered = await me(tampered);
    expect(refusedTampered.status).toBe(401);
    // A well-formed payload granting more than was issued fails on the signature.
    const escalated = Buffer.from(
      JSON.stringify({ ...decodeJwt(access_token), roles: ['node-admin', 'auditor'] }),
    ).toString('base64url');
    const refusedEscalated = await me(`${header}.${escalated}.${signature}`);
    expect(refusedEscalated.status).toBe(401);
    expect((await refusedEscalated.json()).detail).toMatch(/signature/);

    const key = await NodeSigningKey.loadOrCreate(config.node.dataDir);
    const claims = decodeJwt(access_token);
    const expired = await key.sign({
      issuer: config.identity.issuer,
      subject: claims.sub!,
      claims: { kind: 'user', org: claims['org'] as string, node: '100000', roles: ['node-admin'] },
      issuedAt: new Date(Date.now() - 3_600_000),
      expiresAt: new Date(Date.now() - 60_000),
    });
    const refusedExpired = await me(expired);
    expect(refusedExpired.status).toBe(401);
    expect((await refusedExpired.json()).detail).toMatch(/expired/);

    expect((await http(`${base}/api/v1/me`)).status).toBe(401);
  });

  it('issues tokens to service accounts for client credentials; the secret is shown once and stored hashed', async () => {
    const admin = (await (await login('admin', adminPassword)).json()).access_token;
    const [root] = await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root');
    const created = await post(
      '/api/v1/service-accounts',
      { organisationId: root.id, name: '数据交换前置机', roles: ['api-consumer'] },
      { authorization: `Bearer ${admin}` },
    );
    expect(created.status).toBe(201);
    const account = await created.json();
    expect(account).toMatchObject({
      name: '数据交换前置机',
      roles: ['api-consumer'],
      client_id: account.clientId,
      client_secret: expect.any(String),
    });
    const [row] = await gateway.dataSource.query('SELECT secret_hash FROM service_account WHERE client_id = $1', [
      account.client_id,
    ]);
    expect(row.secret_hash).toMatch(/^scrypt\$/);
    expect(row.secret_hash).not.toContain(account.client_secret);

    const viaBody = await post('/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: account.client_id,
      client_secret: account.client_secret,
    });
    expect(viaBody.status).toBe(200);
    const basic = Buffer.from(`${account.client_id}:${account.client_secret}`).toString('base64');
    const viaBasic = await post(
      '/api/v1/auth/token',
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${basic}` },
    );
    expect(viaBasic.status).toBe(200);
    const token = (await viaBasic.json()).access_token;
    expect(decodeJwt(token)).toMatchObject({
      sub: `service:${account.client_id}`,
      kind: 'service',
      roles: ['api-consumer'],
      org: root.id,
    });
    expect(await (await me(token)).json()).toMatchObject({
      serviceAccount: { clientId: account.client_id },
      user: null,
    });

    const wrong = await post('/api/v1/auth/token', {
      grant_type: 'client_credentials',
      client_id: account.client_id,
      client_secret: 'guess',
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBe('invalid_client');
  });

  // Last: it locks the test's own address for the rest of the window.
  it(`slows a client address down after ${MAX_FAILURES * PER_ADDRESS_FACTOR} failures across accounts, even for another account's right password`, async () => {
    // In parallel and a few more than the threshold, so the delay (doubling per failure past the
    // threshold) outlasts the test's next request however slow the machine is.
    const sprayed = await Promise.all(
      Array.from({ length: MAX_FAILURES * PER_ADDRESS_FACTOR + 4 }, (_, i) => login(`spray-${i}`, 'Spray-Guess-2026')),
    );
    const statuses = sprayed.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(MAX_FAILURES * PER_ADDRESS_FACTOR);
    const locked = await login('admin', adminPassword);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

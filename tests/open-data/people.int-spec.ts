import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VerificationCodeSender } from '@govdata/open-data-feature';
import { callApi, freePort, type ApiResponse } from '@govdata/platform-testing';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

const CSRF = { 'x-requested-with': 'govdata-open-portal' };
const PASSWORD = 'Kaifang-Menhu-2026!';

/**
 * 开放门户用户 on a real node: a member of the public registers with a phone number or e-mail,
 * proves it with the code sent there, signs in to the open portal (its own cookie, through the
 * open portal's port too), passes 实名认证 and creates an API key a program reads rows with —
 * within its daily quota, and not once it is revoked.
 */
describe('open data: the people of the open portal', () => {
  let node: OpenDataNode;
  let portalPort: number;
  /** The codes "sent", by recipient, as the service's sender was asked to send them. */
  const sent = new Map<string, string[]>();

  const codeFor = (recipient: string) => sent.get(recipient)?.at(-1) ?? '';
  const portal = (method: string, path: string, options: Parameters<typeof callApi>[3] = {}) =>
    callApi(`http://127.0.0.1:${portalPort}`, method, path, options);
  const cookieOf = (res: ApiResponse) => /govdata_open_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({
    cookie: `govdata_open_session=${cookie}`,
    ...extra,
  });

  /** One small open table for the API key to read (its column mapped to the sample entry's 性别). */
  async function openSmallTable(): Promise<string> {
    const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    await node.source.sql('CREATE SCHEMA people_t');
    await node.source.sql('CREATE TABLE people_t.station (mc varchar(50) NOT NULL, dz varchar(100))');
    for (let i = 0; i < 5; i++)
      await node.source.sql('INSERT INTO people_t.station VALUES ($1, $2)', [`站点${i}`, `南昌${i}`]);
    await node.source.sql(`GRANT USAGE ON SCHEMA people_t TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON people_t.station TO "${node.source.role}"`);
    const { datasetId } = await node.publishWithTable(node.orgA, {
      schema: 'people_t',
      table: 'station',
      columnMapping: [{ column: 'mc', item: '性别' }],
    });
    const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    const mountId = review.body.review.columns[0].mountId;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'livelihood',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [{ mountId, column: 'mc', decision: 'open' }],
      },
    });
    expect(opened.status).toBe(200);
    const resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
    return `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows`;
  }

  async function registerAndSignIn(identifier: string): Promise<string> {
    expect(
      (await node.api('POST', '/api/v1/open-data/accounts', { body: { identifier, password: PASSWORD } })).status,
    ).toBe(201);
    const verified = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier, code: codeFor(identifier) },
    });
    expect(verified.status).toBe(200);
    const signedIn = await node.api('POST', '/api/v1/open-data/session', { body: { identifier, password: PASSWORD } });
    expect(signedIn.status).toBe(200);
    return cookieOf(signedIn);
  }

  beforeAll(async () => {
    portalPort = await freePort();
    node = await startOpenDataNode({ services: { gateway: { openPortal: portalPort } } });
    const sender = node.openData.app.get(VerificationCodeSender);
    const send = sender.send.bind(sender);
    vi.spyOn(sender, 'send').mockImplementation(async (channel, recipient, code) => {
      sent.set(recipient, [...(sent.get(recipient) ?? []), code]);
      await send(channel, recipient, code);
    });
  }, 240_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await node?.close();
  });

  it('registers with a phone number, refuses a weak password or a bad identifier — naming the field', async () => {
    const bad = await node.api('POST', '/api/v1/open-data/accounts', {
      body: { identifier: '12345678901', password: PASSWORD },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'identifier', rule: 'phone-or-email' })]);
    const weak = await node.api('POST', '/api/v1/open-data/accounts', {
      body: { identifier: '13800138000', password: 'password' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toContain('password');

    const registered = await node.api('POST', '/api/v1/open-data/accounts', {
      body: { identifier: '13800138000', password: PASSWORD },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ identifier: '138****8000', codeValidSeconds: 600 });
    expect(codeFor('13800138000')).toMatch(/^\d{6}$/);
    const stored = await node.openSql<{ code_hash: string }>(
      'SELECT c.code_hash FROM open_verification_code c JOIN open_account a ON a.id = c.account_id WHERE a.identifier = $1',
      ['13800138000'],
    );
    expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.code_hash).not.toContain(codeFor('13800138000'));
    // Not verified yet: signing in is refused.
    const early = await node.api('POST', '/api/v1/open-data/session', {
      body: { identifier: '13800138000', password: PASSWORD },
    });
    expect(early.status).toBe(401);
  });

  it('refuses a wrong code naming `code`, then a code tried too often, and accepts a fresh one', async () => {
    const right = codeFor('13800138000');
    const wrong = right === '000000' ? '111111' : '000000';
    const first = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier: '13800138000', code: wrong },
    });
    expect(first.status).toBe(400);
    expect(first.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'code-wrong' })]);
    for (let i = 0; i < 4; i++) {
      await node.api('POST', '/api/v1/open-data/accounts/verify', { body: { identifier: '13800138000', code: wrong } });
    }
    // Five tries spent: even the right code no longer works.
    const spent = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier: '13800138000', code: right },
    });
    expect(spent.status).toBe(400);
    expect(spent.body.errors).toEqual([expect.objectContaining({ path: 'code', rule: 'code-expired' })]);

    const resent = await node.api('POST', '/api/v1/open-data/accounts/verification-code', {
      body: { identifier: '13800138000' },
    });
    expect(resent.status).toBe(202);
    expect(sent.get('13800138000')).toHaveLength(2);
    // An expired code is refused too.
    await node.openSql(
      `UPDATE open_verification_code SET expires_at = now() - interval '1 second'
       WHERE account_id = (SELECT id FROM open_account WHERE identifier = $1)`,
      ['13800138000'],
    );
    const expired = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier: '13800138000', code: codeFor('13800138000') },
    });
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0]).toMatchObject({ path: 'code', rule: 'code-expired' });

    await node.api('POST', '/api/v1/open-data/accounts/verification-code', { body: { identifier: '13800138000' } });
    const verified = await node.api('POST', '/api/v1/open-data/accounts/verify', {
      body: { identifier: '13800138000', code: codeFor('13800138000') },
    });
    expect(verified.status).toBe(200);
    expect(await node.openSql('SELECT 1 FROM open_verification_code')).toEqual([]);
  });

  it('signs in with its own HttpOnly SameSite=Strict cookie, through the open portal’s port too, and signs out', async () => {
    const signedIn = await portal('POST', '/api/v1/open-data/session', {
      body: { identifier: '13800138000', password: PASSWORD },
    });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('set-cookie')).toMatch(
      /^govdata_open_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    expect(signedIn.body).toMatchObject({ identifier: '138****8000', class: 'registered', realName: null });
    const cookie = cookieOf(signedIn);
    const stored = await node.openSql<{ token_hash: string }>('SELECT token_hash FROM open_session');
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie);

    // The portal's port relays exactly this cookie, beside a staff session cookie it drops.
    const me = await portal('GET', '/api/v1/open-data/me', {
      headers: { cookie: `govdata_session=${'a'.repeat(43)}; govdata_open_session=${cookie}` },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ channel: 'phone', class: 'registered', limits: { rows: { limit: 1200 } } });
    expect((await portal('GET', '/api/v1/open-data/me')).status).toBe(401);

    // Signing out is state-changing and cookie-authenticated: it needs the CSRF header.
    const noHeader = await portal('DELETE', '/api/v1/open-data/session', { headers: withCookie(cookie) });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body).toMatchObject({ reason: 'csrf-header-required', header: 'X-Requested-With' });
    const out = await portal('DELETE', '/api/v1/open-data/session', { headers: withCookie(cookie, CSRF) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^govdata_open_session=; Path=\/; Max-Age=0/);
    expect((await portal('GET', '/api/v1/open-data/me', { headers: withCookie(cookie) })).status).toBe(401);
  });

  it('records a company’s 实名认证 by its credit code’s check digit, and refuses a bad check digit naming the field', async () => {
    const cookie = await registerAndSignIn('kaifang@example.cn');
    const bad = await node.api('POST', '/api/v1/open-data/me/real-name', {
      headers: withCookie(cookie, CSRF),
      body: { kind: 'company', name: '示例科技有限公司', creditCode: '91310110666007217A' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'creditCode', rule: 'uscc' })]);
    // A person cannot be verified on a node without the population verification call: 503, said plainly.
    const person = await node.api('POST', '/api/v1/open-data/me/real-name', {
      headers: withCookie(cookie, CSRF),
      body: { kind: 'person', name: '张三', idNumber: '11010519491231002X' },
    });
    expect(person.status).toBe(503);
    expect(person.body.detail).toContain('尚未配置人口信息核验接口');
    const badId = await node.api('POST', '/api/v1/open-data/me/real-name', {
      headers: withCookie(cookie, CSRF),
      body: { kind: 'person', name: '张三', idNumber: '110105194912310021' },
    });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject({ path: 'idNumber', rule: 'id-number' });

    const ok = await node.api('POST', '/api/v1/open-data/me/real-name', {
      headers: withCookie(cookie, CSRF),
      body: { kind: 'company', name: '示例科技有限公司', creditCode: '91310110666007217T' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: 'company', name: '示例科技有限公司', method: 'uscc-check-digit' });
    const me = await node.api('GET', '/api/v1/open-data/me', { headers: withCookie(cookie) });
    expect(me.body).toMatchObject({ class: 'realName', limits: { rows: { limit: 6000 } } });
  });

  it('creates an API key only after real name; it reads rows within its daily quota, then 429, and 401 once revoked', async () => {
    const registered = await registerAndSignIn('13900139000');
    const refused = await node.api('POST', '/api/v1/open-data/me/api-keys', {
      headers: withCookie(registered, CSRF),
      body: { name: '我的应用' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ reason: 'real-name-required' });

    const rowsPath = await openSmallTable();

    const signedIn = await node.api('POST', '/api/v1/open-data/session', {
      body: { identifier: 'kaifang@example.cn', password: PASSWORD },
    });
    const cookie = cookieOf(signedIn);
    const created = await node.api('POST', '/api/v1/open-data/me/api-keys', {
      headers: withCookie(cookie, CSRF),
      body: { name: '公交站点应用', dailyQuota: 2 },
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^gdk_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({ name: '公交站点应用', dailyQuota: 2, usedToday: 0, revokedAt: null });
    const stored = await node.openSql<{ key_hash: string }>('SELECT key_hash FROM open_api_key');
    expect(JSON.stringify(stored)).not.toContain(key.slice(4));

    const page = await node.api('GET', `${rowsPath}?limit=10`, { headers: { 'x-api-key': key } });
    expect(page.status).toBe(200);
    expect(page.body.rows).toHaveLength(5);
    expect((await node.api('GET', rowsPath, { headers: { 'x-api-key': key } })).status).toBe(200);
    const over = await node.api('GET', rowsPath, { headers: { 'x-api-key': key } });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ reason: 'api-key-quota' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const listed = await node.api('GET', '/api/v1/open-data/me/api-keys', { headers: withCookie(cookie) });
    expect(listed.body.items[0]).toMatchObject({ id: created.body.id, usedToday: 3 });
    expect(listed.body.items[0]).not.toHaveProperty('key');

    const revoked = await node.api('DELETE', `/api/v1/open-data/me/api-keys/${created.body.id}`, {
      headers: withCookie(cookie, CSRF),
    });
    expect(revoked.status).toBe(204);
    const after = await node.api('GET', rowsPath, { headers: { 'x-api-key': key } });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ reason: 'api-key-invalid' });
    // Anonymous reading goes on as before.
    expect((await node.api('GET', rowsPath)).status).toBe(200);
  }, 120_000);
});

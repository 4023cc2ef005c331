import { existsSync } from 'node:fs';
import type { NodeConfig } from '@govdata/platform-config';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, seedDemoIdentity, withDemoSeed } from '@govdata/demo-seed';
import { bootstrapPasswordPath } from '@govdata/gateway-identity';
import { gatewayService } from '@govdata/gateway-node';
import { EventPublisher } from '@govdata/platform-messaging';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import { decodeJwt } from 'jose';

/** fetch, with the JSON body typed loosely for assertions. */
const http = (url: string, init?: RequestInit) =>
  fetch(url, init) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

// People and service accounts on a demo provincial node (江西 360000), managed 分域分级. The demo
// seed (the gateway with the demo's identity seed, as `npm start` runs it) gives the organisations.
describe('gateway identity: users and service accounts (分域分级)', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let admin: string;
  const orgId: Record<string, string> = {};

  async function login(username: string, password: string) {
    return http(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username, password }),
    });
  }
  const tokenOf = async (username: string, password: string) =>
    (await (await login(username, password)).json()).access_token as string;
  const call = (method: string, path: string, token: string, body?: unknown) =>
    http(`${gateway.httpUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    config = await testNodeConfig({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: 'http://127.0.0.1:9', federation: '127.0.0.1:9' },
      },
    });
    gateway = await startService(withDemoSeed(gatewayService), config);
    for (const row of await gateway.dataSource.query('SELECT id, name FROM organisation')) orgId[row.name] = row.id;
    admin = await tokenOf('admin', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await gateway?.close();
    if (config) await dropTestNode(config);
  });

  it('seeds the demo organisations (with events) and accounts, each signing in with the demo password', async () => {
    const expected = DEMO_ORGANISATIONS['360000']!;
    const rows = await gateway.dataSource.query(
      'SELECT name, uscc, region_code, is_root FROM organisation ORDER BY created_at',
    );
    expect(rows).toHaveLength(expected.length + 1);
    expect(rows[0]).toMatchObject({ name: '江西省政务数据共享平台', is_root: true });
    expect(rows.slice(1).map((r: { uscc: string }) => r.uscc)).toEqual(expected.map((o) => o.uscc));
    const events = await gateway.dataSource.query(
      "SELECT count(*)::int AS n FROM outbox WHERE event_type = 'identity.organisation.v1'",
    );
    expect(events).toEqual([{ n: expected.length + 1 }]);
    // The demo admin has the demo password, so no generated one was written.
    expect(existsSync(bootstrapPasswordPath(config))).toBe(false);

    const placement = {
      root: '江西省政务数据共享平台',
      authority: '江西省政务服务管理办公室',
      provider: '江西省公安厅',
      consumer: '江西省人力资源和社会保障厅',
    };
    for (const account of DEMO_ACCOUNTS) {
      const response = await login(account.username, account.password);
      expect(response.status, account.username).toBe(200);
      const claims = decodeJwt((await response.json()).access_token);
      expect(claims, account.username).toMatchObject({
        roles: account.roles,
        org: orgId[placement[account.organisation]],
        node: '360000',
      });
    }
  });

  it('seeds idempotently', async () => {
    const publisher = new EventPublisher({
      nodeCode: config.node.code,
      service: 'gateway',
      topicPrefix: config.kafka.topicPrefix,
    });
    expect(await seedDemoIdentity(gateway.dataSource, publisher, config)).toEqual({
      organisationsCreated: 0,
      usersCreated: 0,
    });
    expect(await gateway.dataSource.query('SELECT count(*)::int AS n FROM user_account')).toEqual([
      { n: DEMO_ACCOUNTS.length },
    ]);
  });

  it('keeps a data-admin inside their own organisation (分域): 403 for another organisation', async () => {
    const police = orgId['江西省公安厅']!;
    const market = orgId['江西省市场监督管理局']!;
    const created = await call('POST', '/api/v1/users', admin, {
      organisationId: police,
      username: 'Zhao.Min',
      displayName: '赵敏',
      password: 'Shuju-Guanli-2026',
      roles: ['data-admin'],
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      username: 'zhao.min',
      organisationId: police,
      roles: ['data-admin'],
      active: true,
    });
    const dataAdmin = await tokenOf('zhao.min', 'Shuju-Guanli-2026');

    const own = await call('POST', '/api/v1/users', dataAdmin, {
      organisationId: police,
      username: 'qian',
      displayName: '钱编目',
      password: 'Bianmu-Yuan-2026',
      roles: ['catalog-editor'],
    });
    expect(own.status).toBe(201);
    const other = await call('POST', '/api/v1/users', dataAdmin, {
      organisationId: market,
      username: 'sun',
      displayName: '孙越权',
      password: 'Yuequan-Test-2026',
      roles: ['catalog-editor'],
    });
    expect(other.status).toBe(403);
    expect(
      await gateway.dataSource.query("SELECT count(*)::int AS n FROM user_account WHERE username = 'sun'"),
    ).toEqual([{ n: 0 }]);

    const escalate = await call('POST', '/api/v1/users', dataAdmin, {
      organisationId: police,
      username: 'li',
      displayName: '李提权',
      password: 'Tiquan-Test-2026',
      roles: ['node-admin'],
    });
    expect(escalate.status).toBe(403);

    const ownAccount = await call('POST', '/api/v1/service-accounts', dataAdmin, {
      organisationId: police,
      name: '公安厅前置机',
      roles: ['api-consumer'],
    });
    expect(ownAccount.status).toBe(201);
    const otherAccount = await call('POST', '/api/v1/service-accounts', dataAdmin, {
      organisationId: market,
      name: '越权前置机',
      roles: ['api-consumer'],
    });
    expect(otherAccount.status).toBe(403);

    const editor = await tokenOf('editor', DEMO_PASSWORD);
    expect(
      (
        await call('POST', '/api/v1/users', editor, {
          organisationId: police,
          username: 'zhou',
          displayName: '周',
          password: 'Zhou-Test-Pass-2026',
          roles: [],
        })
      ).status,
    ).toBe(403);
  });

  it('grants the demand roles (申请人, 部门审核人, 提供方审核人) and signs their holder in with them', async () => {
    const police = orgId['江西省公安厅']!;
    const created = await call('POST', '/api/v1/users', admin, {
      organisationId: police,
      username: 'li.shenqing',
      displayName: '李申请',
      password: 'Shenqing-Ren-2026',
      roles: ['demand-applicant', 'demand-approver', 'provider-reviewer'],
    });
    expect(created.status).toBe(201);
    const token = await tokenOf('li.shenqing', 'Shenqing-Ren-2026');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims.roles).toEqual(['demand-applicant', 'demand-approver', 'provider-reviewer']);
  });

  it('refuses a weak password with 400 naming each rule broken', async () => {
    const root = orgId['江西省政务数据共享平台']!;
    const attempt = (username: string, password: string) =>
      call('POST', '/api/v1/users', admin, {
        organisationId: root,
        username,
        displayName: '测试',
        password,
        roles: [],
      });
    const cases: Array<[string, string, string[]]> = [
      ['wu', 'Ab1!short', ['password-min-length']],
      ['zheng', 'onlylowercaseletters', ['password-character-classes']],
      ['feng', 'Feng-Is-My-Name-2026', ['password-contains-username']],
      [
        'chen',
        'chen',
        ['password-min-length', 'password-character-classes', 'password-contains-username', 'password-common'],
      ],
      ['zhao', 'Password123', ['password-common']],
    ];
    for (const [username, password, rules] of cases) {
      const response = await attempt(username, password);
      expect(response.status, password).toBe(400);
      const problem = await response.json();
      expect(
        problem.errors.map((e: { rule: string }) => e.rule),
        password,
      ).toEqual(rules);
      expect(problem.errors.every((e: { path: string }) => e.path === 'password')).toBe(true);
    }
    expect(
      await gateway.dataSource.query(
        "SELECT count(*)::int AS n FROM user_account WHERE username IN ('wu','zheng','feng','chen','zhao')",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('refuses a taken username whatever its case (409), and node-admin outside the root organisation (422)', async () => {
    const police = orgId['江西省公安厅']!;
    const taken = await call('POST', '/api/v1/users', admin, {
      organisationId: police,
      username: 'EDITOR',
      displayName: '重名',
      password: 'Chongming-2026',
      roles: [],
    });
    expect(taken.status).toBe(409);
    expect((await taken.json()).errors[0]).toMatchObject({ path: 'username', rule: 'unique' });
    const misplaced = await call('POST', '/api/v1/users', admin, {
      organisationId: police,
      username: 'admin2',
      displayName: '错位管理员',
      password: 'Cuowei-Guanli-2026',
      roles: ['node-admin'],
    });
    expect(misplaced.status).toBe(422);
    expect((await misplaced.json()).errors[0]).toMatchObject({
      path: 'roles',
      rule: 'node-admin-in-root-organisation',
    });
  });

  it('lists accounts to node-admins, and to data-admins and auditors for their own organisation only', async () => {
    const police = orgId['江西省公安厅']!;
    const all = await (await call('GET', '/api/v1/users?limit=200', admin)).json();
    expect(all.items.length).toBe((await gateway.dataSource.query('SELECT count(*)::int AS n FROM user_account'))[0].n);
    expect(all.items[0].passwordHash).toBeUndefined();
    const dataAdmin = await tokenOf('zhao.min', 'Shuju-Guanli-2026');
    const own = await (await call('GET', '/api/v1/users', dataAdmin)).json();
    expect(new Set(own.items.map((u: { organisationId: string }) => u.organisationId))).toEqual(new Set([police]));
    expect((await call('GET', `/api/v1/users?organisationId=${orgId['江西省市场监督管理局']}`, dataAdmin)).status).toBe(
      403,
    );
    expect((await call('GET', '/api/v1/users', await tokenOf('editor', DEMO_PASSWORD))).status).toBe(403);
  });

  it('lists service accounts without their secrets: node-wide to node-admins, own organisation to data-admins', async () => {
    const police = orgId['江西省公安厅']!;
    const market = orgId['江西省市场监督管理局']!;
    const created = await call('POST', '/api/v1/service-accounts', admin, {
      organisationId: market,
      name: '市场监管局前置机',
      roles: ['api-consumer'],
    });
    expect(created.status).toBe(201);
    const all = await (await call('GET', '/api/v1/service-accounts?limit=200', admin)).json();
    expect(all.items.length).toBe(
      (await gateway.dataSource.query('SELECT count(*)::int AS n FROM service_account'))[0].n,
    );
    expect(all.items.map((a: { name: string }) => a.name)).toEqual(
      expect.arrayContaining(['公安厅前置机', '市场监管局前置机']),
    );
    for (const account of all.items) {
      expect(Object.keys(account).sort()).toEqual(
        ['active', 'clientId', 'createdAt', 'id', 'name', 'organisationId', 'roles'].sort(),
      );
    }
    const dataAdmin = await tokenOf('zhao.min', 'Shuju-Guanli-2026');
    const own = await (await call('GET', '/api/v1/service-accounts', dataAdmin)).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(new Set(own.items.map((a: { organisationId: string }) => a.organisationId))).toEqual(new Set([police]));
    expect((await call('GET', `/api/v1/service-accounts?organisationId=${market}`, dataAdmin)).status).toBe(403);
    expect((await call('GET', '/api/v1/service-accounts', await tokenOf('editor', DEMO_PASSWORD))).status).toBe(403);
    const paged = await (await call('GET', '/api/v1/service-accounts?limit=1', admin)).json();
    expect(paged.items).toHaveLength(1);
    const next = await (await call('GET', `/api/v1/service-accounts?limit=1&cursor=${paged.nextCursor}`, admin)).json();
    expect(next.items[0].id).toBe(all.items[1].id);
  });

  it('lets a person change their own password after proving the current one', async () => {
    const token = await tokenOf('reviewer', DEMO_PASSWORD);
    const wrong = await call('POST', '/api/v1/me/password', token, {
      currentPassword: 'not-it',
      newPassword: 'Shenhe-Yuan-2027',
    });
    expect(wrong.status).toBe(422);
    const weak = await call('POST', '/api/v1/me/password', token, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'weak',
    });
    expect(weak.status).toBe(400);
    expect((await weak.json()).errors[0].path).toBe('newPassword');
    const changed = await call('POST', '/api/v1/me/password', token, {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Shenhe-Yuan-2027',
    });
    expect(changed.status).toBe(204);
    expect((await login('reviewer', DEMO_PASSWORD)).status).toBe(401);
    expect((await login('reviewer', 'Shenhe-Yuan-2027')).status).toBe(200);
  });

  it('stops the people of a deactivated organisation from signing in', async () => {
    const market = orgId['江西省市场监督管理局']!;
    expect(
      (
        await call('POST', '/api/v1/users', admin, {
          organisationId: market,
          username: 'tao',
          displayName: '陶',
          password: 'Market-Regulator-26',
          roles: [],
        })
      ).status,
    ).toBe(201);
    const signedIn = await tokenOf('tao', 'Market-Regulator-26');
    const account = await call('POST', '/api/v1/service-accounts', admin, {
      organisationId: market,
      name: '市场监管前置机',
      roles: ['api-consumer'],
    });
    expect(account.status).toBe(201);
    const credentials = (await account.json()) as { client_id: string; client_secret: string };
    const clientToken = await http(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credentials.client_id,
        client_secret: credentials.client_secret,
      }),
    });
    const serviceToken = ((await clientToken.json()) as { access_token: string }).access_token;
    expect((await call('GET', '/api/v1/me', signedIn)).status).toBe(200);
    expect((await call('GET', '/api/v1/me', serviceToken)).status).toBe(200);

    expect((await call('PATCH', `/api/v1/organisations/${market}`, admin, { active: false })).status).toBe(200);
    expect((await login('tao', 'Market-Regulator-26')).status).toBe(401);
    // What they held before ends with the organisation, not when it would have expired.
    expect((await call('GET', '/api/v1/me', signedIn)).status).toBe(401);
    expect((await call('GET', '/api/v1/me', serviceToken)).status).toBe(401);
    // Every account of the organisation, the demo's own included, is cut off; no one else's.
    const cutoffs = await gateway.dataSource.query(
      "SELECT subject FROM session_cutoff WHERE reason = 'organisation-deactivated' ORDER BY subject",
    );
    const members = await gateway.dataSource.query(
      `SELECT id::text AS subject FROM user_account WHERE organisation_id = $1
       UNION ALL SELECT 'service:' || client_id FROM service_account WHERE organisation_id = $1 ORDER BY subject`,
      [market],
    );
    expect(cutoffs).toEqual(members);
    expect(cutoffs.map((c: { subject: string }) => c.subject)).toEqual(
      expect.arrayContaining([`service:${credentials.client_id}`, decodeJwt(signedIn).sub]),
    );
  });
});

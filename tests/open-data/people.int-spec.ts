import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VerificationCodeSender } from '@govdata/open-data-feature';
import { callApi, freePort, TEST_KAFKA_BROKERS, waitFor, type ApiResponse } from '@govdata/platform-testing';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

const CSRF = { 'x-requested-with': 'govdata-open-portal' };
const PASSWORD = 'Kaifang-Menhu-2026!';

/**
 * 开放门户用户 on a real node: a member of the public registers with a phone number or e-mail,
 * proves it with the code sent there, signs in to the open portal (its own cookie, through the
 * open portal's port too), passes 实名认证 and creates an API key a program reads rows with —
 * within its daily quota, and not once it is revoked. Then 有条件开放: a real-name person applies to
 * use a dataset opened on conditions, the providing department approves (or refuses), the person
 * signs the agreement and reads only the granted fields — until the department revokes the grant.
 */
describe('open data: the people of the open portal', () => {
  let node: OpenDataNode;
  let portalPort: number;
  /** The codes "sent", by recipient, as the service's sender was asked to send them. */
  const sent = new Map<string, string[]>();
  let applicationEvents: Consumer | undefined;
  /** `open-data.application.v1` events as they arrive on the node's topic. */
  const events: Array<{ action: string; application: Record<string, unknown> }> = [];

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
    await applicationEvents?.disconnect();
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

  describe('有条件开放: applications to use data opened on conditions', () => {
    let datasetId: string;
    let rowsPath: string;
    let downloadPath: string;
    let resourceId: string;
    let applicant: string;
    const provider = () => node.token(node.orgA, ['provider-reviewer'], 'provider-reviewer@orgA');
    const application = (fields: string[] = ['单位名称', '行业'], validUntil = inDays(90)) => ({
      purpose: '研究本市中小企业的行业分布，为营商环境评价提供依据',
      scenario: '高校课题组内部统计分析，结果以汇总表形式发表，不公开单条记录',
      fields,
      commitments: [
        'purpose-only',
        'no-reidentification',
        'no-onward-transfer',
        'security-measures',
        'delete-on-expiry',
        'report-use',
      ],
      validUntil,
    });
    const apply = (cookie: string, body: unknown, headers: Record<string, string> = CSRF) =>
      node.api('POST', `/api/v1/open-data/datasets/${datasetId}/applications`, {
        headers: withCookie(cookie, headers),
        body,
      });

    beforeAll(async () => {
      const kafka = new Kafka({
        clientId: 'open-applications-test',
        brokers: TEST_KAFKA_BROKERS,
        logLevel: logLevel.NOTHING,
      });
      const topic = `${node.config.kafka.topicPrefix}open-data.application.v1`;
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic }] });
      await admin.disconnect();
      applicationEvents = kafka.consumer({ groupId: `open-applications-${randomUUID()}` });
      await applicationEvents.connect();
      await applicationEvents.subscribe({ topics: [topic], fromBeginning: true });
      await applicationEvents.run({
        eachMessage: async ({ message }) => {
          events.push(JSON.parse(message.value!.toString()));
        },
      });

      // A table of companies behind an entry opened on conditions: three published columns.
      await node.source.sql('CREATE SCHEMA cond_t');
      await node.source.sql(
        'CREATE TABLE cond_t.company (dwmc varchar(100) NOT NULL, hy varchar(50), zczb numeric(14, 2))',
      );
      for (let i = 0; i < 4; i++) {
        await node.source.sql('INSERT INTO cond_t.company VALUES ($1, $2, $3)', [`示例企业${i}`, '软件业', 100 + i]);
      }
      await node.source.sql(`GRANT USAGE ON SCHEMA cond_t TO "${node.source.role}"`);
      await node.source.sql(`GRANT SELECT ON cond_t.company TO "${node.source.role}"`);
      const published = await node.publishWithTable(
        node.orgA,
        {
          schema: 'cond_t',
          table: 'company',
          columnMapping: [
            { column: 'dwmc', item: '单位名称' },
            { column: 'hy', item: '行业' },
            { column: 'zczb', item: '注册资本' },
          ],
        },
        {
          name: '中小企业登记信息',
          open: { type: 'conditional', conditions: '仅限科研和公益用途' },
          items: [
            { name: '单位名称', dataType: 'C', length: 100 },
            { name: '行业', dataType: 'C', length: 50 },
            { name: '注册资本', dataType: 'N', length: 16 },
          ],
        },
      );
      datasetId = published.datasetId;
      const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
      const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
      const mountId = review.body.review.columns[0].mountId;
      const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
        token: authority,
        body: {
          decision: 'open',
          domain: 'economy',
          licence: 'cc-by',
          confidentialityChecked: true,
          personalInformationChecked: true,
          columns: ['dwmc', 'hy', 'zczb'].map((column) => ({ mountId, column, decision: 'open' })),
        },
      });
      expect(opened.status).toBe(200);
      resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
      rowsPath = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows`;
      downloadPath = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download`;
      applicant = cookieOf(
        await node.api('POST', '/api/v1/open-data/session', {
          body: { identifier: 'kaifang@example.cn', password: PASSWORD },
        }),
      );
    }, 120_000);

    it('serves nothing of it without a grant, and takes an application only from a real-name person, naming each bad field', async () => {
      const anonymous = await node.api('GET', rowsPath);
      expect(anonymous.status).toBe(403);
      expect(anonymous.body.errors).toEqual([expect.objectContaining({ path: 'id', rule: 'conditional-opening' })]);
      expect((await node.api('GET', `${downloadPath}?format=csv`)).status).toBe(403);
      expect((await node.api('GET', `/api/3/action/datastore_search?resource_id=${resourceId}`)).status).toBe(403);

      const registered = cookieOf(
        await node.api('POST', '/api/v1/open-data/session', {
          body: { identifier: '13900139000', password: PASSWORD },
        }),
      );
      const notRealName = await apply(registered, application());
      expect(notRealName.status).toBe(403);
      expect(notRealName.body).toMatchObject({ reason: 'real-name-required' });
      expect(
        (await node.api('POST', `/api/v1/open-data/datasets/${datasetId}/applications`, { body: application() }))
          .status,
      ).toBe(401);
      expect((await apply(applicant, application(), {})).status).toBe(403);

      const unknownField = await apply(applicant, application(['单位名称', '法定代表人']));
      expect(unknownField.status).toBe(400);
      expect(unknownField.body.errors).toEqual([
        expect.objectContaining({ path: 'fields.1', rule: 'field-of-dataset' }),
      ]);
      const fewerCommitments = await apply(applicant, { ...application(), commitments: ['purpose-only'] });
      expect(fewerCommitments.status).toBe(400);
      expect(fewerCommitments.body.errors).toEqual([
        expect.objectContaining({ path: 'commitments', rule: 'every-commitment' }),
      ]);
      const tooLong = await apply(applicant, application(undefined, inDays(400)));
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'validUntil', rule: 'period' })]);
      const short = await apply(applicant, { ...application(), purpose: '研究' });
      expect(short.status).toBe(400);
      expect(short.body.errors.map((e: { path: string }) => e.path)).toEqual(['purpose']);
      expect(await node.openSql('SELECT 1 FROM open_application')).toEqual([]);
    });

    it('goes to the providing department with a working-day due date; approved, signed, it serves the granted fields only', async () => {
      const submitted = await apply(applicant, application());
      expect(submitted.status).toBe(201);
      expect(submitted.body).toMatchObject({
        state: 'submitted',
        stateLabel: { zh: '待审核' },
        dataset: { id: datasetId, name: '中小企业登记信息' },
        fields: ['单位名称', '行业'],
        agreement: null,
      });
      expect(submitted.body.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const id: string = submitted.body.id;
      const again = await apply(applicant, application());
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ reason: 'application-exists' });

      // Another department neither sees nor decides it; the node authority sees it but decides nothing.
      const otherDepartment = await node.token(node.orgB, ['provider-reviewer'], 'provider-reviewer@orgB');
      expect((await node.api('GET', `/api/v1/open-data/applications/${id}`, { token: otherDepartment })).status).toBe(
        404,
      );
      const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
      const seen = await node.api('GET', '/api/v1/open-data/applications', { token: authority });
      expect(seen.body.items.map((a: { id: string }) => a.id)).toContain(id);
      const byAuthority = await node.api('POST', `/api/v1/open-data/applications/${id}/decision`, {
        token: authority,
        body: { decision: 'approve' },
      });
      expect(byAuthority.status).toBe(403);

      const reviewer = await provider();
      const queue = await node.api('GET', '/api/v1/open-data/applications?status=submitted', { token: reviewer });
      expect(queue.body.items).toEqual([
        expect.objectContaining({
          id,
          applicant: { kind: 'company', name: '示例科技有限公司', idMasked: '91310110666007217T' },
          overdue: false,
        }),
      ]);
      const beyond = await node.api('POST', `/api/v1/open-data/applications/${id}/decision`, {
        token: reviewer,
        body: { decision: 'approve', fields: ['单位名称', '注册资本'] },
      });
      expect(beyond.status).toBe(400);
      expect(beyond.body.errors).toEqual([expect.objectContaining({ path: 'fields.1', rule: 'within-request' })]);
      const approved = await node.api('POST', `/api/v1/open-data/applications/${id}/decision`, {
        token: reviewer,
        body: { decision: 'approve', fields: ['单位名称'], conditions: '成果发表前报数据提供部门审阅' },
      });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ state: 'approved', grantedFields: ['单位名称'] });
      const agreement = approved.body.agreement;
      expect(agreement.text).toContain('公共数据有条件开放使用协议');
      expect(agreement.text).toContain('数据使用方：示例科技有限公司');
      expect(agreement.text).toContain('开放字段：单位名称。');
      expect(agreement.text).toContain('仅限科研和公益用途；成果发表前报数据提供部门审阅');
      expect(agreement.signedAt).toBeNull();
      const twice = await node.api('POST', `/api/v1/open-data/applications/${id}/decision`, {
        token: reviewer,
        body: { decision: 'refuse', reason: '重复审核' },
      });
      expect(twice.status).toBe(409);

      // Approved but not signed: still nothing.
      expect((await node.api('GET', rowsPath, { headers: withCookie(applicant) })).status).toBe(403);
      const wrongText = await node.api('POST', `/api/v1/open-data/me/applications/${id}/signature`, {
        headers: withCookie(applicant, CSRF),
        body: { agreementSha256: '0'.repeat(64) },
      });
      expect(wrongText.status).toBe(400);
      expect(wrongText.body.errors).toEqual([
        expect.objectContaining({ path: 'agreementSha256', rule: 'agreement-changed' }),
      ]);
      const signed = await node.api('POST', `/api/v1/open-data/me/applications/${id}/signature`, {
        headers: withCookie(applicant, CSRF),
        body: { agreementSha256: agreement.sha256 },
      });
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({ state: 'active', stateLabel: { zh: '使用中' } });

      const rows = await node.api('GET', `${rowsPath}?sort=单位名称`, { headers: withCookie(applicant) });
      expect(rows.status).toBe(200);
      expect(rows.body.fields).toEqual(['单位名称']);
      expect(rows.body.rows).toEqual(
        ['示例企业0', '示例企业1', '示例企业2', '示例企业3'].map((n) => ({ 单位名称: n })),
      );
      const csv = await node.api('GET', `${downloadPath}?format=csv`, { headers: withCookie(applicant) });
      expect(csv.status).toBe(200);
      expect(
        String(csv.body)
          .replace(/^\uFEFF/, '')
          .split('\n')[0],
      ).toBe('单位名称');
      const datastore = await node.api('GET', `/api/3/action/datastore_search?resource_id=${resourceId}`, {
        headers: withCookie(applicant),
      });
      expect(datastore.status).toBe(200);
      expect(datastore.body.result.fields.map((f: { id: string }) => f.id)).toEqual(['单位名称']);
      // Somebody else with real name but no grant: still refused.
      const stranger = await registerAndSignIn('yanjiu@example.cn');
      await node.api('POST', '/api/v1/open-data/me/real-name', {
        headers: withCookie(stranger, CSRF),
        body: { kind: 'company', name: '另一家科技有限公司', creditCode: '91310110666007217T' },
      });
      expect((await node.api('GET', rowsPath, { headers: withCookie(stranger) })).status).toBe(403);

      const mine = await node.api('GET', '/api/v1/open-data/me/applications', { headers: withCookie(applicant) });
      expect(mine.body.items).toEqual([expect.objectContaining({ id, state: 'active', grantedFields: ['单位名称'] })]);
      await waitFor(() => events.filter((e) => e.application.id === id).length >= 3, 30_000, 'application events');
      expect(events.filter((e) => e.application.id === id).map((e) => e.action)).toEqual([
        'submitted',
        'approved',
        'signed',
      ]);
      // The event names the applicant's kind, never who they are.
      expect(JSON.stringify(events)).not.toContain('示例科技有限公司');
    }, 120_000);

    it('stops serving at once when the department revokes the grant; a refusal says why; an application can be withdrawn', async () => {
      const reviewer = await provider();
      const [active] = (await node.api('GET', '/api/v1/open-data/applications?status=active', { token: reviewer })).body
        .items;
      const noReason = await node.api('POST', `/api/v1/open-data/applications/${active.id}/revocation`, {
        token: reviewer,
        body: { reason: '' },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
      const revoked = await node.api('POST', `/api/v1/open-data/applications/${active.id}/revocation`, {
        token: reviewer,
        body: { reason: '使用方将数据用于申请之外的用途' },
      });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ state: 'revoked', endedReason: '使用方将数据用于申请之外的用途' });
      const refusedNow = await node.api('GET', rowsPath, { headers: withCookie(applicant) });
      expect(refusedNow.status).toBe(403);

      const second = await apply(applicant, application(['行业']));
      expect(second.status).toBe(201);
      const refused = await node.api('POST', `/api/v1/open-data/applications/${second.body.id}/decision`, {
        token: reviewer,
        body: { decision: 'refuse', reason: '申请用途与开放条件不符' },
      });
      expect(refused.status).toBe(200);
      const seen = await node.api('GET', `/api/v1/open-data/me/applications/${second.body.id}`, {
        headers: withCookie(applicant),
      });
      expect(seen.body).toMatchObject({ state: 'refused', decisionNote: '申请用途与开放条件不符', agreement: null });

      const third = await apply(applicant, application(['行业']));
      expect(third.status).toBe(201);
      const withdrawn = await node.api('POST', `/api/v1/open-data/me/applications/${third.body.id}/withdrawal`, {
        headers: withCookie(applicant, CSRF),
      });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ state: 'withdrawn', endedBy: 'applicant' });
      const decideWithdrawn = await node.api('POST', `/api/v1/open-data/applications/${third.body.id}/decision`, {
        token: reviewer,
        body: { decision: 'approve' },
      });
      expect(decideWithdrawn.status).toBe(409);
      const states = await node.openSql<{ status: string }>(
        'SELECT status FROM open_application ORDER BY submitted_at',
      );
      expect(states.map((s) => s.status)).toEqual(['revoked', 'refused', 'withdrawn']);
    }, 120_000);
  });

  describe('数据需求征集 and 纠错: what the public asks of the departments', () => {
    let datasetId: string;
    let resourceId: string;
    let asker: string;
    const reportEvents: Array<{ action: string; report: Record<string, unknown> }> = [];
    let reportConsumer: Consumer | undefined;

    beforeAll(async () => {
      const kafka = new Kafka({
        clientId: 'open-feedback-test',
        brokers: TEST_KAFKA_BROKERS,
        logLevel: logLevel.NOTHING,
      });
      const topic = `${node.config.kafka.topicPrefix}open-data.error-report.v1`;
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic }] });
      await admin.disconnect();
      reportConsumer = kafka.consumer({ groupId: `open-feedback-${randomUUID()}` });
      await reportConsumer.connect();
      await reportConsumer.subscribe({ topics: [topic], fromBeginning: true });
      await reportConsumer.run({
        eachMessage: async ({ message }) => {
          reportEvents.push(JSON.parse(message.value!.toString()));
        },
      });
      await node.source.sql('CREATE SCHEMA fb_t');
      await node.source.sql('CREATE TABLE fb_t.library (mc varchar(100) NOT NULL, dz varchar(200))');
      await node.source.sql(`INSERT INTO fb_t.library VALUES ('市图书馆', '红谷滩区'), ('少儿图书馆', '东湖区')`);
      await node.source.sql(`GRANT USAGE ON SCHEMA fb_t TO "${node.source.role}"`);
      await node.source.sql(`GRANT SELECT ON fb_t.library TO "${node.source.role}"`);
      ({ datasetId } = await node.publishWithTable(
        node.orgA,
        {
          schema: 'fb_t',
          table: 'library',
          columnMapping: [
            { column: 'mc', item: '名称' },
            { column: 'dz', item: '地址' },
          ],
        },
        {
          name: '公共图书馆名录',
          open: { type: 'unconditional' },
          items: [
            { name: '名称', dataType: 'C', length: 100 },
            { name: '地址', dataType: 'C', length: 200 },
          ],
        },
      ));
      const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
      const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
      const mountId = review.body.review.columns[0].mountId;
      const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
        token: authority,
        body: {
          decision: 'open',
          domain: 'culture',
          licence: 'cc-by',
          confidentialityChecked: true,
          personalInformationChecked: true,
          columns: ['mc', 'dz'].map((column) => ({ mountId, column, decision: 'open' })),
        },
      });
      expect(opened.status).toBe(200);
      resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
      asker = cookieOf(
        await node.api('POST', '/api/v1/open-data/session', {
          body: { identifier: '13900139000', password: PASSWORD },
        }),
      );
    }, 120_000);

    afterAll(async () => {
      await reportConsumer?.disconnect();
    });

    it('takes a demand from a signed-in person, routed by the authority, answered by the department — in public', async () => {
      const post = (body: unknown, headers: Record<string, string> = CSRF) =>
        node.api('POST', '/api/v1/open-data/demands', { headers: withCookie(asker, headers), body });
      expect(
        (
          await node.api('POST', '/api/v1/open-data/demands', {
            body: { title: '公交线路', description: '需要全市公交线路和站点数据' },
          })
        ).status,
      ).toBe(401);
      const short = await post({ title: '公交', description: '要数据' });
      expect(short.status).toBe(400);
      expect(short.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['description', 'title']);
      const unknownDepartment = await post({
        title: '公交线路数据',
        description: '需要全市公交线路和站点数据，用于出行应用',
        organisationId: randomUUID(),
      });
      expect(unknownDepartment.status).toBe(400);
      expect(unknownDepartment.body.errors).toEqual([
        expect.objectContaining({ path: 'organisationId', rule: 'department' }),
      ]);

      const asked = await post({
        title: '公交线路数据',
        description: '需要全市公交线路和站点数据，用于出行应用',
        domain: 'transport',
      });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ status: 'open', department: null, due: null, domain: { code: 'transport' } });
      expect(JSON.stringify(asked.body)).not.toContain('13900139000');

      // Not routed yet: the department does not see it; the authority routes it to the department.
      const department = await node.token(node.orgA, ['provider-reviewer'], 'provider-reviewer@orgA');
      const before = await node.api('GET', '/api/v1/open-data/demand-queue', { token: department });
      expect(before.body.items).toEqual([]);
      const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
      const unrouted = await node.api('GET', '/api/v1/open-data/demand-queue?unrouted=true', { token: authority });
      expect(unrouted.body.items.map((d: { id: string }) => d.id)).toEqual([asked.body.id]);
      expect(
        (
          await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/routing`, {
            token: department,
            body: { organisationId: node.orgA.id },
          })
        ).status,
      ).toBe(403);
      const routed = await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/routing`, {
        token: authority,
        body: { organisationId: node.orgA.id },
      });
      expect(routed.status).toBe(200);
      expect(routed.body.department).toEqual({ organisationId: node.orgA.id, name: expect.any(String) });
      expect(routed.body.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // Another department cannot answer it; the department asked answers, and everybody sees the answer.
      const other = await node.token(node.orgB, ['provider-reviewer'], 'provider-reviewer@orgB');
      const wrongDepartment = await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/answer`, {
        token: other,
        body: { outcome: 'not-held', text: '本部门未掌握' },
      });
      expect(wrongDepartment.status).toBe(404);
      const noDataset = await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/answer`, {
        token: department,
        body: { outcome: 'already-open', text: '已经开放' },
      });
      expect(noDataset.status).toBe(400);
      expect(noDataset.body.errors).toEqual([expect.objectContaining({ path: 'datasetId', rule: 'required' })]);
      const answered = await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/answer`, {
        token: department,
        body: { outcome: 'already-open', text: '相关数据已开放，见公共图书馆名录', datasetId },
      });
      expect(answered.status).toBe(200);
      const again = await node.api('POST', `/api/v1/open-data/demand-queue/${asked.body.id}/answer`, {
        token: department,
        body: { outcome: 'not-held', text: '重复答复' },
      });
      expect(again.status).toBe(409);
      const shown = await node.api('GET', `/api/v1/open-data/demands/${asked.body.id}`);
      expect(shown.body).toMatchObject({
        status: 'answered',
        statusLabel: '已答复',
        answer: {
          outcome: 'already-open',
          outcomeLabel: '已经开放',
          dataset: { id: datasetId, name: '公共图书馆名录' },
        },
      });
      expect(shown.body).not.toHaveProperty('answeredBy');
      const listed = await node.api('GET', '/api/v1/open-data/demands?status=answered');
      expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([asked.body.id]);
      const mine = await node.api('GET', '/api/v1/open-data/me/demands', { headers: withCookie(asker) });
      expect(mine.body.items).toEqual([expect.objectContaining({ id: asked.body.id, status: 'answered' })]);
    });

    it('takes an error report on an open dataset to its department, which answers it; both ends go out as events', async () => {
      const report = (body: unknown) =>
        node.api('POST', `/api/v1/open-data/datasets/${datasetId}/error-reports`, {
          headers: withCookie(asker, CSRF),
          body,
        });
      const badItem = await report({ item: '电话', description: '电话号码已经停用，请更新' });
      expect(badItem.status).toBe(400);
      expect(badItem.body.errors).toEqual([expect.objectContaining({ path: 'item', rule: 'item-of-dataset' })]);
      const badResource = await report({ resourceId: randomUUID(), description: '地址写错了，应为红谷滩区' });
      expect(badResource.status).toBe(400);
      expect(badResource.body.errors).toEqual([expect.objectContaining({ path: 'resourceId' })]);
      const filed = await report({
        resourceId,
        item: '地址',
        rowHint: '少儿图书馆',
        description: '少儿图书馆已搬迁到红谷滩区，地址需要更新',
      });
      expect(filed.status).toBe(201);
      expect(filed.body).toMatchObject({ status: 'open', statusLabel: '待核实', item: '地址', overdue: false });

      const department = await node.token(node.orgA, ['provider-reviewer'], 'provider-reviewer@orgA');
      const other = await node.token(node.orgB, ['provider-reviewer'], 'provider-reviewer@orgB');
      expect((await node.api('GET', `/api/v1/open-data/error-reports/${filed.body.id}`, { token: other })).status).toBe(
        404,
      );
      const queue = await node.api('GET', '/api/v1/open-data/error-reports', { token: department });
      expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([filed.body.id]);
      const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
      const byAuthority = await node.api('POST', `/api/v1/open-data/error-reports/${filed.body.id}/answer`, {
        token: authority,
        body: { outcome: 'corrected', answer: '已更正' },
      });
      expect(byAuthority.status).toBe(403);
      const answered = await node.api('POST', `/api/v1/open-data/error-reports/${filed.body.id}/answer`, {
        token: department,
        body: { outcome: 'corrected', answer: '已核实并更正为新地址' },
      });
      expect(answered.status).toBe(200);
      const mine = await node.api('GET', '/api/v1/open-data/me/error-reports', { headers: withCookie(asker) });
      expect(mine.body.items).toEqual([
        expect.objectContaining({ id: filed.body.id, status: 'corrected', answer: '已核实并更正为新地址' }),
      ]);
      await waitFor(
        () => reportEvents.filter((e) => e.report.id === filed.body.id).length >= 2,
        30_000,
        'report events',
      );
      expect(reportEvents.map((e) => [e.action, e.report.status])).toEqual([
        ['submitted', 'open'],
        ['answered', 'corrected'],
      ]);
      expect(JSON.stringify(reportEvents)).not.toContain('13900139000');
      const stored = await node.openSql<{ status: string; organisation_id: string }>(
        'SELECT status, organisation_id FROM open_error_report',
      );
      expect(stored).toEqual([{ status: 'corrected', organisation_id: node.orgA.id }]);
    });
  });
});

/** The Beijing date `days` from today. */
function inDays(days: number): string {
  const now = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return now.toISOString().slice(0, 10);
}

import { randomUUID } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { EXCHANGE_V1, type ExchangeCallEventV1, type ExchangeGrantEventV1, type GrantTerms } from '@govdata/contracts';
import { createGrpcClient } from '@govdata/platform-grpc';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import {
  PERSON_ITEMS,
  PERSON_MAPPING,
  PERSONS_OPENAPI,
  PersonsUpstream,
  startExchangeNode,
  type ExchangeNode,
  type ServiceAccount,
} from './exchange-harness.js';

const API_KEY = 'upstream-key-9f3b';
const BEARER = 'upstream-bearer-71c2';

/**
 * The exchange on one node, through the gateway, against a real upstream: API resources, grants from
 * sharing applications, the call policy in its order (grant → rate → quota → upstream → items →
 * masking → audit) and each refusal as the consumer sees it.
 */
describe('exchange calls through the gateway', () => {
  let node: ExchangeNode;
  let upstream: PersonsUpstream;
  let dataAdmin: string;
  let named: ServiceAccount;
  let unnamed: ServiceAccount;
  let strangerAccount: ServiceAccount;
  let noRole: ServiceAccount;
  let general3: string;
  let core: string;
  let downEntry: string;
  let resourceId: string;
  let grantId: string;
  const events: { calls: ExchangeCallEventV1[]; grants: ExchangeGrantEventV1[] } = { calls: [], grants: [] };
  let eventConsumer: Consumer;

  const call = (
    token: string | undefined,
    grant: string,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ) =>
    node.api(init.method ?? 'GET', `/api/v1/exchange/calls/${grant}${path}`, {
      ...(token ? { token } : {}),
      ...(init.body !== undefined ? { body: init.body } : {}),
    });

  async function register(entryId: string, overrides: Record<string, unknown> = {}) {
    return node.api('POST', '/api/v1/exchange/resources', {
      token: dataAdmin,
      body: {
        entryId,
        baseUrl: upstream.url,
        openapi: PERSONS_OPENAPI,
        operations: [
          { operationId: 'listPersons', recordsAt: 'data.list' },
          { operationId: 'getPerson', recordsAt: '' },
          { method: 'POST', path: '/persons/search', recordsAt: 'data.list' },
          { operationId: 'slow' },
          { operationId: 'failing' },
          { operationId: 'report' },
        ],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', value: API_KEY },
        upstream: { timeoutMs: 800, breaker: { consecutiveFailures: 50, halfOpenAfterMs: 1_000 } },
        ...overrides,
      },
    });
  }

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: BEARER }).start();
    node = await startExchangeNode();
    const kafka = new Kafka({
      clientId: 'exchange-events-test',
      brokers: TEST_KAFKA_BROKERS,
      logLevel: logLevel.NOTHING,
    });
    eventConsumer = kafka.consumer({ groupId: `exchange-test-${randomUUID()}` });
    await eventConsumer.connect();
    const prefix = node.config.kafka.topicPrefix;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [`${prefix}exchange.call.v1`, `${prefix}exchange.grant.v1`].map((topic) => ({ topic })),
    });
    await admin.disconnect();
    await eventConsumer.subscribe({
      topics: [`${prefix}exchange.call.v1`, `${prefix}exchange.grant.v1`],
      fromBeginning: true,
    });
    await eventConsumer.run({
      eachMessage: async ({ topic, message }) => {
        // Binary-mode CloudEvents: the value is the data, the attributes are headers.
        const data = JSON.parse(message.value!.toString());
        if (topic.endsWith('exchange.call.v1')) events.calls.push(data);
        else events.grants.push(data);
      },
    });
    dataAdmin = await node.userToken(node.provider, ['data-admin']);
    [named, unnamed, strangerAccount, noRole] = await Promise.all([
      node.serviceAccount(node.consumer, ['api-consumer']),
      node.serviceAccount(node.consumer, ['api-consumer']),
      node.serviceAccount(node.stranger, ['api-consumer']),
      node.serviceAccount(node.consumer, ['demand-applicant']),
    ]);
    general3 = await node.publishEntry({
      code: '101001/100000000001',
      grade: { category: 'general', level: 3 },
      items: PERSON_ITEMS,
    });
    core = await node.publishEntry({ code: '101001/100000000002', grade: { category: 'core' }, items: PERSON_ITEMS });
    downEntry = await node.publishEntry({
      code: '101001/100000000003',
      grade: { category: 'general', level: 1 },
      items: PERSON_ITEMS,
    });
  });

  afterAll(async () => {
    await eventConsumer?.disconnect();
    await node?.close();
    await upstream?.stop();
  });

  describe('API resources', () => {
    it('registers an API resource for an entry of the data-admin’s organisation, never answering the credential', async () => {
      const res = await register(general3);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      resourceId = res.body.id;
      expect(res.body).toMatchObject({
        entryId: general3,
        organisationId: node.provider.id,
        credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', hasSecret: true },
      });
      expect(res.body.operations.map((o: { method: string; path: string }) => `${o.method} ${o.path}`)).toContain(
        'GET /persons/{sfzh}',
      );
      expect(JSON.stringify(res.body)).not.toContain(API_KEY);
      const listed = await node.api('GET', '/api/v1/exchange/resources', { token: dataAdmin });
      expect(JSON.stringify(listed.body)).not.toContain(API_KEY);
      // Encrypted at rest (AES-256-GCM, sealed with the node's credential key).
      const [row] = await node.sql<{ credential_cipher: string }>(
        'SELECT credential_cipher FROM api_resource WHERE id = $1',
        [resourceId],
      );
      expect(row!.credential_cipher).toMatch(/^v2\.A256GCM\./);
      expect(row!.credential_cipher).not.toContain(API_KEY);

      const coreRes = await register(core, { credentials: { kind: 'bearer', token: BEARER } });
      expect(coreRes.status, JSON.stringify(coreRes.body)).toBe(201);
      const down = await register(downEntry, { baseUrl: 'http://127.0.0.1:9' });
      expect(down.status, JSON.stringify(down.body)).toBe(201);
    });

    it('refuses what cannot be served, naming the field and rule', async () => {
      const other = await node.api('POST', '/api/v1/exchange/resources', {
        token: await node.userToken(node.consumer, ['data-admin']),
        body: {
          entryId: general3,
          baseUrl: upstream.url,
          openapi: PERSONS_OPENAPI,
          operations: [{ operationId: 'listPersons' }],
        },
      });
      expect(other.status).toBe(403);
      const missing = await register(general3, {
        operations: [{ operationId: 'deletePerson' }],
        responseItems: [{ item: '车牌号', field: 'cph' }],
      });
      expect(missing.status).toBe(422);
      expect(missing.body.errors.map((e: { path: string; rule: string }) => `${e.path} ${e.rule}`)).toEqual([
        'operations.0 operation-exists',
        'responseItems.0.item entry-item',
      ]);
      const malformed = await register(general3, { baseUrl: 'ftp://x', credentials: { kind: 'basic', password: 'p' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'baseUrl',
        'credentials.username',
      ]);
      const twice = await register(general3);
      expect(twice.status).toBe(409);
    });
  });

  describe('grants from sharing applications', () => {
    it('issues a grant from a granted application and announces it as exchange.grant.v1', async () => {
      grantId = await node.grant({
        entryId: general3,
        items: ['姓名', '公民身份号码', '手机号码', '出生日期'],
        serviceAccounts: [named.clientId],
      });
      const listed = await node.api('GET', '/api/v1/exchange/grants?side=provider', { token: dataAdmin });
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id: grantId,
          status: 'active',
          consumerOrganisationId: node.consumer.id,
          serviceAccounts: [named.clientId],
        }),
      ]);
      await waitFor(
        async () => (events.grants.some((e) => e.grant.id === grantId && e.action === 'issued') ? true : undefined),
        30_000,
        'grant event',
      );
    });

    it('answers the permitted items only, masked for a general-3 entry, with the call named in the ledger', async () => {
      const res = await call(named.token, grantId, '/persons?sfzh=36010219900307123X');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Envelope kept as metadata; unpermitted 住址 and 备注 removed; the nested debug member dropped.
      expect(res.body).toEqual({
        code: 0,
        msg: 'ok',
        data: { total: 1, list: [{ xm: '张三', sfzh: '360102********123X', sjh: '138****1234', csrq: '1990-03-07' }] },
      });
      expect(res.headers.get('x-govdata-call-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(res.headers.get('x-govdata-ledger-index'))).toBeGreaterThanOrEqual(0);
      // The upstream got the provider's key, not the consumer's token, and the query as sent.
      const seen = upstream.seen.at(-1)!;
      expect(seen.headers['x-api-key']).toBe(API_KEY);
      expect(seen.headers['authorization']).toBeUndefined();
      expect(seen.url).toBe('/persons?sfzh=36010219900307123X');

      const one = await call(named.token, grantId, '/persons/360102199511110026');
      expect(one.body).toEqual({ xm: '欧阳娜娜', sfzh: '360102********0026', sjh: '139****5432', csrq: '1995-11-11' });
      const upstream404 = await call(named.token, grantId, '/persons/000');
      expect(upstream404.status).toBe(404);
    });

    it('masks more for a core entry with the same items permitted', async () => {
      const coreGrant = await node.grant({ entryId: core, items: ['姓名', '公民身份号码', '手机号码', '住址'] });
      const res = await call(named.token, coreGrant, '/persons/36010219900307123X');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ xm: '**', sfzh: '3****************X', sjh: '*******1234', zz: '江西省南昌市****' });
      expect(upstream.seen.at(-1)!.headers['authorization']).toBe(`Bearer ${BEARER}`);
    });

    it('passes a POST body on and filters its answer; gRPC does the same call', async () => {
      const res = await call(named.token, grantId, '/persons/search', {
        method: 'POST',
        body: { sfzh: '36010219900307123X' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(upstream.seen.at(-1)!.body).toBe(JSON.stringify({ sfzh: '36010219900307123X' }));
      expect(res.body.data.list[0]).not.toHaveProperty('zz');

      const client = createGrpcClient(EXCHANGE_V1, node.exchange.grpcAddress);
      const metadata = new Metadata();
      metadata.set('authorization', `Bearer ${named.token}`);
      const answer = await client.call<{ callId: string; ledgerIndex: number; status: number; body: Buffer }>(
        'Call',
        { grantId, method: 'GET', path: '/persons/36010219900307123X' },
        metadata,
      );
      expect(answer.status).toBe(200);
      expect(answer.ledgerIndex).toBeGreaterThanOrEqual(0);
      expect(JSON.parse(Buffer.from(answer.body).toString('utf8'))).toEqual({
        xm: '张三',
        sfzh: '360102********123X',
        sjh: '138****1234',
        csrq: '1990-03-07',
      });
      const stranger = new Metadata();
      stranger.set('authorization', `Bearer ${strangerAccount.token}`);
      await expect(client.call('Call', { grantId, method: 'GET', path: '/persons' }, stranger)).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(client.call('Call', { grantId, method: 'GET', path: '/persons' })).rejects.toMatchObject({
        code: 'unauthenticated',
      });
      client.close();
    });
  });

  describe('who may call: grant scope × role', () => {
    it('refuses every caller the grant does not cover, with the reason', async () => {
      const cases: Array<[string, string | undefined, string, number, string | undefined]> = [
        ['no token', undefined, grantId, 401, undefined],
        ['a service account without api-consumer', noRole.token, grantId, 403, undefined],
        [
          'a user token with api-consumer',
          await node.userToken(node.consumer, ['api-consumer']),
          grantId,
          403,
          'service-account-required',
        ],
        [
          'a service account of the organisation the grant does not name',
          unnamed.token,
          grantId,
          403,
          'service-account-not-granted',
        ],
        ['a service account of another organisation', strangerAccount.token, grantId, 403, 'not-grantee'],
        ['an unknown grant', named.token, randomUUID(), 403, 'no-grant'],
      ];
      const outcomes = [];
      for (const [name, token, grant, ,] of cases) {
        const res = await call(token, grant, '/persons');
        outcomes.push([name, res.status, res.body.reason]);
      }
      expect(outcomes).toEqual(cases.map(([name, , , status, reason]) => [name, status, reason]));
      // A grant naming no service account admits any of the organisation's.
      const open = await node.grant({ entryId: general3, items: ['姓名'] });
      expect((await call(unnamed.token, open, '/persons')).status).toBe(200);
    });

    it('refuses calls under a grant not yet valid, expired, revoked or ended with its application', async () => {
      const future = await node.grant({ entryId: general3, items: ['姓名'], validFrom: '2098-01-01' });
      expect((await call(named.token, future, '/persons')).body.reason).toBe('grant-not-yet-valid');
      const past = await node.grant({
        entryId: general3,
        items: ['姓名'],
        validFrom: '2020-01-01',
        validUntil: '2021-12-31',
      });
      expect((await call(named.token, past, '/persons')).body).toMatchObject({ status: 403, reason: 'grant-expired' });

      const revocable = await node.grant({ entryId: general3, items: ['姓名'] });
      expect((await call(named.token, revocable, '/persons')).status).toBe(200);
      const bad = await node.api('POST', `/api/v1/exchange/grants/${revocable}/revoke`, { token: dataAdmin, body: {} });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('reason');
      const notProvider = await node.api('POST', `/api/v1/exchange/grants/${revocable}/revoke`, {
        token: await node.userToken(node.consumer, ['data-admin']),
        body: { reason: '不再需要' },
      });
      expect(notProvider.status).toBe(403);
      const revoked = await node.api('POST', `/api/v1/exchange/grants/${revocable}/revoke`, {
        token: dataAdmin,
        body: { reason: '超出用途使用' },
      });
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
      expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: '超出用途使用' });
      const refused = await call(named.token, revocable, '/persons');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ reason: 'grant-revoked' });
      expect(refused.body.detail).toContain('超出用途使用');
      await waitFor(
        async () =>
          events.grants.some((e) => e.grant.id === revocable && e.action === 'revoked' && e.actor !== null)
            ? true
            : undefined,
        30_000,
        'revocation event',
      );

      const terms = (entryId: string): GrantTerms => ({
        consumerOrganisationId: node.consumer.id,
        consumerNode: node.config.node.code,
        providerNode: node.config.node.code,
        entryId,
        items: ['姓名'],
        purpose: 'x',
        validFrom: '2020-01-01',
        validUntil: '2099-12-31',
        ratePerSecond: 10,
        burst: 10,
      });
      const withdrawn = await node.grant({ entryId: general3, items: ['姓名'] });
      await node.applicationEvent(withdrawn, 2, 'withdrawn', terms(general3));
      expect((await call(named.token, withdrawn, '/persons')).body.reason).toBe('grant-revoked');
    });

    it('answers 503 provider-unreachable at once for a grant another node enforces', async () => {
      const remote = await node.grant({ entryId: randomUUID(), items: ['姓名'], providerNode: '360000' });
      const res = await call(named.token, remote, '/persons');
      expect(res.status).toBe(503);
      expect(res.body.reason).toBe('provider-unreachable');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe('rate, quota and the upstream', () => {
    it('answers 429 with Retry-After past the grant’s burst', async () => {
      const slowGrant = await node.grant({ entryId: general3, items: ['姓名'], burst: 2, ratePerSecond: 0.01 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await call(named.token, slowGrant, '/persons'));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(statuses[2]!.body.reason).toBe('rate-limited');
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('answers 429 once the daily quota is used up', async () => {
      const quotaGrant = await node.grant({ entryId: general3, items: ['姓名'], quotaPerDay: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await call(named.token, quotaGrant, '/persons'));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(statuses[2]!.body).toMatchObject({ reason: 'quota-exceeded' });
      expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });

    it('answers 502 when the upstream is down or fails, 504 when it is too slow, and never repeats a POST', async () => {
      const downGrant = await node.grant({ entryId: downEntry, items: ['姓名'] });
      const down = await call(named.token, downGrant, '/persons');
      expect(down.status).toBe(502);
      expect(down.body).toMatchObject({ code: 'bad_gateway', reason: 'upstream-unreachable' });

      const slow = await call(named.token, grantId, '/slow');
      expect(slow.status).toBe(504);
      expect(slow.body).toMatchObject({ code: 'gateway_timeout', reason: 'upstream-timeout' });

      const before = upstream.count('POST', '/failing');
      const failing = await call(named.token, grantId, '/failing', { method: 'POST', body: {} });
      expect(failing.status).toBe(502);
      expect(failing.body).toMatchObject({ reason: 'upstream-upstream-error', upstreamStatus: 500 });
      expect(upstream.count('POST', '/failing') - before).toBe(1);

      // An answer the grant cannot police (not JSON) is not passed on.
      const csv = await call(named.token, grantId, '/report');
      expect(csv.status).toBe(502);
      expect(csv.body.reason).toBe('upstream-not-json');
    });
  });

  describe('malformed calls', () => {
    it('answers 400 naming the part at fault, and 404 for an operation the resource does not expose', async () => {
      const badGrant = await call(named.token, 'not-a-uuid', '/persons');
      expect(badGrant.status).toBe(400);
      expect(badGrant.body.errors[0]).toMatchObject({ path: 'grantId', rule: 'uuid' });
      const empty = await call(named.token, grantId, '/persons//x');
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0]).toMatchObject({ path: 'path', rule: 'operation-path' });
      const undecodable = await call(named.token, grantId, '/persons/%zz');
      expect(undecodable.status).toBe(400);
      expect(undecodable.body.detail).toMatch(/decode/i);
      const text = await node.api('POST', `/api/v1/exchange/calls/${grantId}/persons/search`, {
        token: named.token,
        body: 'sfzh=1',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(400);
      expect(text.body.errors[0]).toMatchObject({ path: '(body)', rule: 'media-type' });
      const brokenJson = await node.api('POST', `/api/v1/exchange/calls/${grantId}/persons/search`, {
        token: named.token,
        body: '{"sfzh":',
        headers: { 'content-type': 'application/json' },
      });
      expect(brokenJson.status).toBe(400);
      const hidden = await call(named.token, grantId, '/admin');
      expect(hidden.status).toBe(404);
      expect(hidden.body.reason).toBe('operation-not-exposed');
      expect(upstream.count('GET', '/admin')).toBe(0);
    });
  });

  describe('metering', () => {
    it('emits exchange.call.v1 per logged call and aggregates by grant, resource, consumer and provider', async () => {
      const metered = await node.grant({ entryId: general3, items: ['姓名'], burst: 3, ratePerSecond: 0.01 });
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await call(named.token, metered, '/persons'));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      const ids = answers.map((a) => a.headers.get('x-govdata-call-id'));
      await waitFor(
        async () => (ids.every((id) => events.calls.some((e) => e.callId === id)) ? true : undefined),
        30_000,
        'call events',
      );
      const mine = events.calls.filter((e) => e.grantId === metered);
      expect(mine.map((e) => [e.outcome, e.status, e.reason])).toEqual([
        ['ok', 200, null],
        ['ok', 200, null],
        ['ok', 200, null],
        ['denied', 429, 'rate-limited'],
      ]);
      expect(mine[0]).toMatchObject({
        consumer: { organisationId: node.consumer.id, subject: `service:${named.clientId}` },
        provider: { organisationId: node.provider.id },
        resource: { id: resourceId, entryId: general3 },
        operation: { method: 'GET', path: '/persons' },
        records: 2,
      });
      expect(mine[0]!.bytes).toBeGreaterThan(0);

      const byGrant = await node.api('GET', '/api/v1/exchange/metering?by=grant', { token: dataAdmin });
      expect(byGrant.status).toBe(200);
      expect(byGrant.body.items.find((r: { key: string }) => r.key === metered)).toMatchObject({
        calls: 4,
        ok: 3,
        denied: 1,
        failed: 0,
        errors: 1,
        records: 6,
      });
      const byProvider = await node.api('GET', '/api/v1/exchange/metering?by=provider', { token: dataAdmin });
      const providerRow = byProvider.body.items.find((r: { key: string }) => r.key === node.provider.id);
      const [{ n }] = await node.sql<{ n: number }>('SELECT count(*)::int AS n FROM exchange_call');
      expect(providerRow.calls).toBe(n);
      expect(providerRow.failed).toBeGreaterThanOrEqual(4);
      const byConsumer = await node.api('GET', '/api/v1/exchange/metering?by=consumer', {
        token: await node.userToken(node.stranger, []),
      });
      // The stranger's own refused call is all it sees.
      expect(byConsumer.body.items).toEqual([expect.objectContaining({ key: node.stranger.id, denied: 2 })]);
      const byResource = await node.api('GET', '/api/v1/exchange/metering?by=resource', { token: node.adminToken });
      expect(byResource.body.items.map((r: { key: string }) => r.key)).toContain(resourceId);
      const bad = await node.api('GET', '/api/v1/exchange/metering?by=region', { token: dataAdmin });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('by');
    });
  });
});

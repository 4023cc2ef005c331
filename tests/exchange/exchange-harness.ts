import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { CatalogEntryEventV1, DemandApplicationEventV1, DemandTimelineStep, GrantTerms } from '@govdata/contracts';
import { exchangeService } from '@govdata/exchange-feature';
import { NodeSigningKey } from '@govdata/gateway-identity';
import { gatewayService } from '@govdata/gateway-node';
import type { Role } from '@govdata/platform-auth';
import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import { encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import type { RunningService } from '@govdata/platform-service';
import {
  queryNodeDatabase,
  TEST_KAFKA_BROKERS,
  startTestNode,
  waitFor,
  type DeepPartial,
  callApi,
  type ApiRequestOptions,
  type ApiResponse,
} from '@govdata/platform-testing';

export type { ApiResponse } from '@govdata/platform-testing';

export interface TestOrganisation {
  id: string;
  name: string;
}

export interface ServiceAccount {
  clientId: string;
  token: string;
}

/**
 * A node with its gateway and exchange on the real PostgreSQL, Redis and Kafka: a provider and two
 * consumer organisations created through the gateway, service accounts that log in with client
 * credentials, and a Kafka producer that writes catalog and demand events as those services would.
 */
export interface ExchangeNode {
  config: NodeConfig;
  gateway: RunningService;
  exchange: RunningService;
  provider: TestOrganisation;
  consumer: TestOrganisation;
  stranger: TestOrganisation;
  adminToken: string;
  api<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** A user token signed by the node's key. */
  userToken(organisation: TestOrganisation, roles: Role[]): Promise<string>;
  /** Creates a service account with the roles and logs it in with client credentials. */
  serviceAccount(organisation: TestOrganisation, roles: Role[]): Promise<ServiceAccount>;
  /** A published catalog entry of the provider, as catalog.entry.v1, consumed by the exchange. */
  publishEntry(entry: {
    id?: string;
    code: string;
    grade: { category: string; level?: number };
    items: unknown[];
  }): Promise<string>;
  /**
   * The provider's data-admin registers the persons API (PERSONS_OPENAPI, PERSON_MAPPING) for an entry,
   * with its API key sealed at the exchange. Returns the resource id; throws unless 201.
   */
  registerPersonsResource(resource: {
    entryId: string;
    baseUrl: string;
    apiKey: string;
    operations: Array<{ operationId: string; recordsAt: string }>;
  }): Promise<string>;
  /** A granted sharing application, as demand.application.v1, consumed by the exchange. Returns the grant id. */
  grant(
    terms: Partial<GrantTerms> & { entryId: string; items: string[] },
    applicationId?: string,
    version?: number,
  ): Promise<string>;
  /** An application event of another state (withdrawn …; revoked with its revocation step in the timeline). */
  applicationEvent(
    applicationId: string,
    version: number,
    state: 'withdrawn' | 'expired' | 'revoked',
    terms: GrantTerms,
    timeline?: DemandTimelineStep[],
  ): Promise<void>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const ADMIN_PASSWORD = 'Exchange-Harness-2026!';

export async function startExchangeNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<ExchangeNode> {
  const node = await startTestNode({
    services: [gatewayService, exchangeService],
    overrides,
    env: { GOVDATA_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  const { config } = node;
  const [gateway, exchange] = node.services as [RunningService, RunningService];
  const key = await NodeSigningKey.loadOrCreate(config.node.dataDir, config.crypto.profile);
  const kafka = new Kafka({ clientId: 'exchange-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer();
  await producer.connect();
  const nodeCode = config.node.code;

  function api<T>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<T>> {
    return callApi<T>(gateway.httpUrl, method, path, options);
  }

  const login = await api<{ access_token: string }>('POST', '/api/v1/auth/token', {
    body: { grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD },
  });
  if (login.status !== 200) throw new Error(`bootstrap admin login failed: ${JSON.stringify(login.body)}`);
  const adminToken = login.body.access_token;

  async function organisation(name: string, uscc: string): Promise<TestOrganisation> {
    const created = await api<{ id: string }>('POST', '/api/v1/organisations', {
      token: adminToken,
      body: { name, uscc, regionCode: '360000', kind: 'department' },
    });
    if (created.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, name };
  }
  const provider = await organisation('江西省公安厅', '11360000014500002N');
  const consumer = await organisation('江西省市场监督管理局', '11360000MB17195879');
  const stranger = await organisation('江西省自然资源厅', '11360000014501000P');

  async function send(type: string, service: string, subject: string, data: unknown): Promise<void> {
    const id = randomUUID();
    const message = encodeCloudEvent(
      {
        specversion: '1.0',
        id,
        type,
        source: eventSource(nodeCode, service),
        subject,
        datacontenttype: 'application/json',
        data,
      },
      subject,
    );
    await producer.send({ topic: `${config.kafka.topicPrefix}${type}`, messages: [message] });
    await waitFor(
      async () =>
        (await queryNodeDatabase(config, 'exchange', 'SELECT 1 FROM inbox WHERE event_id = $1', [id])).length > 0
          ? true
          : undefined,
      30_000,
      `${type} ${subject} consumed by the exchange`,
    );
  }

  let sequence = 0;
  const application = (
    id: string,
    version: number,
    action: DemandApplicationEventV1['action'],
    state: DemandApplicationEventV1['application']['state'],
    grant?: GrantTerms,
    timeline?: DemandTimelineStep[],
  ): DemandApplicationEventV1 => ({
    action,
    application: {
      id,
      nodeCode,
      version,
      state,
      applicant: { organisationId: grant?.consumerOrganisationId ?? consumer.id, nodeCode, subject: 'user:applicant' },
      target: { kind: 'entry', entryId: grant?.entryId ?? randomUUID(), providerNode: grant?.providerNode ?? nodeCode },
      requestedItems: grant?.items ?? [],
      purpose: '市场主体登记核验',
      legalBasis: '《市场主体登记管理条例》',
      validUntil: grant?.validUntil ?? '2099-12-31',
      at: new Date().toISOString(),
      ...(grant ? { grant } : {}),
      ...(timeline ? { timeline } : {}),
    },
  });

  const userToken = (org: TestOrganisation, roles: Role[]): Promise<string> =>
    key.sign({
      issuer: config.identity.issuer,
      subject: `user:${roles.join('+') || 'reader'}@${org.id.slice(0, 8)}`,
      claims: { kind: 'user', org: org.id, node: nodeCode, roles, name: roles.join('+') },
      expiresAt: new Date(Date.now() + 3_600_000),
    });

  return {
    config,
    gateway,
    exchange,
    provider,
    consumer,
    stranger,
    adminToken,
    api,
    userToken,
    async serviceAccount(org, roles) {
      const created = await api<{ client_id: string; client_secret: string }>('POST', '/api/v1/service-accounts', {
        token: adminToken,
        body: { organisationId: org.id, name: `前置机 ${randomUUID().slice(0, 6)}`, roles },
      });
      if (created.status !== 201) throw new Error(`service account: ${JSON.stringify(created.body)}`);
      const token = await api<{ access_token: string }>('POST', '/api/v1/auth/token', {
        body: {
          grant_type: 'client_credentials',
          client_id: created.body.client_id,
          client_secret: created.body.client_secret,
        },
      });
      if (token.status !== 200) throw new Error(`client credentials: ${JSON.stringify(token.body)}`);
      return { clientId: created.body.client_id, token: token.body.access_token };
    },
    async publishEntry(entry) {
      const id = entry.id ?? randomUUID();
      const event: CatalogEntryEventV1 = {
        action: 'publish',
        sequence: ++sequence,
        entry: {
          id,
          code: entry.code,
          nodeCode,
          organisationId: provider.id,
          provider: { name: provider.name, code: '11360000014500002N' },
          status: 'published',
          headVersion: 1,
          headState: 'published',
          publishedVersion: 1,
          authoritativeEntryId: null,
        },
        version: {
          number: 1,
          state: 'published',
          publishDate: '2026-03-02',
          content: {
            name: `人口基本信息 ${entry.code}`,
            abstract: '本省户籍人口的基本信息。',
            classificationCode: '101001',
            grade: entry.grade,
            sharing: { type: 'conditional', conditions: '仅用于依法履职', methods: ['platform'] },
            open: { type: 'none' },
            format: { category: 'interface', detail: 'REST' },
            updateCycle: 'daily',
            items: entry.items,
            regionCode: '360000',
            tags: ['人口'],
            relatedCodes: [],
          },
        },
        actor: { subject: 'user:reviewer', organisationId: provider.id },
        at: new Date().toISOString(),
      };
      await send('catalog.entry.v1', 'catalog', id, event);
      return id;
    },
    async registerPersonsResource({ entryId, baseUrl, apiKey, operations }) {
      const registered = await api<{ id: string }>('POST', '/api/v1/exchange/resources', {
        token: await userToken(provider, ['data-admin']),
        body: {
          entryId,
          baseUrl,
          openapi: PERSONS_OPENAPI,
          operations,
          responseItems: PERSON_MAPPING,
          credentials: { kind: 'api-key', name: 'x-api-key', value: apiKey },
        },
      });
      if (registered.status !== 201) throw new Error(`resource: ${JSON.stringify(registered.body)}`);
      return registered.body.id;
    },
    async grant(partial, applicationId = randomUUID(), version = 1) {
      const terms: GrantTerms = {
        consumerOrganisationId: consumer.id,
        consumerNode: nodeCode,
        providerNode: nodeCode,
        providerOrganisationId: provider.id,
        purpose: '市场主体登记核验',
        validFrom: '2020-01-01',
        validUntil: '2099-12-31',
        ratePerSecond: 1_000,
        burst: 1_000,
        ...partial,
      };
      await send(
        'demand.application.v1',
        'demand',
        applicationId,
        application(applicationId, version, 'granted', 'granted', terms),
      );
      return applicationId;
    },
    async applicationEvent(applicationId, version, state, terms, timeline) {
      await send(
        'demand.application.v1',
        'demand',
        applicationId,
        application(applicationId, version, state, state, terms, timeline),
      );
    },
    sql: <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(config, 'exchange', text, params),
    async close() {
      await producer.disconnect();
      await node.close();
    },
  };
}

/** A person as the provider's upstream holds it (fields named in pinyin initials, as such systems do). */
export const PERSONS = [
  {
    xm: '张三',
    sfzh: '36010219900307123X',
    sjh: '13812341234',
    zz: '江西省南昌市东湖区八一大道1号',
    csrq: '1990-03-07',
    bz: '内部备注',
  },
  {
    xm: '欧阳娜娜',
    sfzh: '360102199511110026',
    sjh: '13998765432',
    zz: '江西省九江市濂溪区十里大道2号',
    csrq: '1995-11-11',
    bz: '内部备注',
  },
];

/** The items of the 人口基本信息 entry and how the upstream names them. */
export const PERSON_ITEMS = [
  { name: '姓名', dataType: 'C', length: 50 },
  { name: '公民身份号码', dataType: 'C', length: 18 },
  { name: '手机号码', dataType: 'C', length: 11 },
  { name: '住址', dataType: 'C', length: 200 },
  { name: '出生日期', dataType: 'D' },
  { name: '备注', dataType: 'C', length: 200 },
];
export const PERSON_MAPPING = [
  { item: '姓名', field: 'xm' },
  { item: '公民身份号码', field: 'sfzh' },
  { item: '手机号码', field: 'sjh' },
  { item: '住址', field: 'zz' },
  { item: '出生日期', field: 'csrq' },
  { item: '备注', field: 'bz' },
];

/** The upstream's OpenAPI document. */
export const PERSONS_OPENAPI = {
  openapi: '3.0.3',
  info: { title: '人口基本信息查询', version: '1.0' },
  paths: {
    '/persons': { get: { operationId: 'listPersons', responses: { '200': { description: 'ok' } } } },
    '/persons/{sfzh}': { get: { operationId: 'getPerson', responses: { '200': { description: 'ok' } } } },
    '/persons/search': { post: { operationId: 'searchPersons', responses: { '200': { description: 'ok' } } } },
    '/slow': { get: { operationId: 'slow', responses: { '200': { description: 'ok' } } } },
    '/failing': { post: { operationId: 'failing', responses: { '200': { description: 'ok' } } } },
    '/report': { get: { operationId: 'report', responses: { '200': { description: 'ok' } } } },
    '/admin': { get: { operationId: 'admin', responses: { '200': { description: 'ok' } } } },
  },
};

/**
 * The provider's upstream API on a real socket. It wants its API key (or bearer token), answers
 * persons in an envelope, hangs on /slow, fails on POST /failing, and counts what reaches it.
 */
export class PersonsUpstream {
  readonly hits = new Map<string, number>();
  readonly seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  private readonly server: Server;
  private readonly hanging = new Set<ServerResponse>();
  url = '';

  constructor(private readonly credentials: { apiKey: string; bearer: string }) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
  }

  private answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://upstream');
    const key = `${req.method} ${url.pathname}`;
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
    };
    const authorised =
      req.headers['x-api-key'] === this.credentials.apiKey ||
      req.headers['authorization'] === `Bearer ${this.credentials.bearer}`;
    if (!authorised) return json(401, { code: 401, msg: 'unauthorised' });
    if (url.pathname === '/slow') return void this.hanging.add(res);
    if (url.pathname === '/failing') return json(500, { code: 500, msg: 'database down' });
    if (url.pathname === '/report')
      return void res.writeHead(200, { 'content-type': 'text/csv' }).end('xm,sfzh\n张三,1\n');
    if (url.pathname === '/persons' || url.pathname === '/persons/search') {
      const wanted = url.searchParams.get('sfzh');
      const list = PERSONS.filter((p) => !wanted || p.sfzh === wanted);
      return json(200, { code: 0, msg: 'ok', data: { total: list.length, list }, debug: { sql: 'select *' } });
    }
    const one = /^\/persons\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const person = PERSONS.find((p) => p.sfzh === decodeURIComponent(one[1]!));
      return person ? json(200, person) : json(404, { code: 404, msg: 'no such person' });
    }
    return json(404, { code: 404, msg: 'not found' });
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
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

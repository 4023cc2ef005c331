import { credentials, loadPackageDefinition, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import { Kafka, logLevel } from 'kafkajs';
import { IDENTITY_V1, identityV1 } from '@govdata/contracts';
import { catalogService } from '@govdata/catalog-feature';
import type { NodeConfig } from '@govdata/platform-config';
import { gatewayService } from '@govdata/gateway-node';
import { loadProtos } from '@govdata/platform-grpc';
import { startService, type RunningService } from '@govdata/platform-service';
import { SERVICE_TOKEN_METADATA } from '@govdata/platform-auth';
import { dropTestNode, internalCaller, testNodeConfig, TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';

/** fetch, with the JSON body typed loosely for assertions. */
const http = (url: string, init?: RequestInit) =>
  fetch(url, init) as Promise<Omit<Response, 'json'> & { json(): Promise<any> }>;

const ADMIN_PASSWORD = 'Node-Root-Pass-2026';
/** 江西省公安厅 (fictitious code, valid check digit). */
const POLICE = { name: '江西省公安厅', uscc: '113600000145010259', regionCode: '360000', kind: 'department' };

interface SeenEvent {
  id: string;
  subject: string;
  data: { action: string; organisation: { id: string; version: number; name: string } };
}

// Organisations as a node-admin manages them, and as the node's other services see them.
describe('gateway identity: organisations', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let catalog: RunningService;
  let admin: string;
  const seen: SeenEvent[] = [];
  const kafka = new Kafka({ clientId: 'govdata-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `identity-test-${Date.now()}` });

  const call = (method: string, path: string, body?: unknown, token = admin) =>
    http(`${gateway.httpUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const outbox = (subject: string) =>
    gateway.dataSource.query(
      "SELECT event_id, cloud_event FROM outbox WHERE cloud_event->>'subject' = $1 ORDER BY seq",
      [subject],
    ) as Promise<Array<{ event_id: string; cloud_event: { type: string; data: SeenEvent['data'] } }>>;

  beforeAll(async () => {
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = ADMIN_PASSWORD;
    config = await testNodeConfig();
    gateway = await startService(gatewayService, config);
    catalog = await startService(catalogService, config);
    const response = await http(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD }),
    });
    admin = (await response.json()).access_token;
    await consumer.connect();
    await consumer.subscribe({ topic: `${config.kafka.topicPrefix}identity.organisation.v1`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        seen.push({ id: header('ce_id'), subject: header('ce_subject'), data: JSON.parse(message.value!.toString()) });
      },
    });
  });

  afterAll(async () => {
    delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    await consumer.disconnect();
    await catalog?.close();
    await gateway?.close();
    if (config) await dropTestNode(config);
  });

  it('creates an organisation and its event in one transaction; the event reaches Kafka and the catalog', async () => {
    const response = await call('POST', '/api/v1/organisations', POLICE);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      ...POLICE,
      nodeCode: '100000',
      version: 1,
      active: true,
      parentId: null,
      warnings: [],
    });

    const [row] = await gateway.dataSource.query(
      'SELECT name, uscc, region_code, kind, version FROM organisation WHERE id = $1',
      [created.id],
    );
    expect(row).toEqual({
      name: POLICE.name,
      uscc: POLICE.uscc,
      region_code: '360000',
      kind: 'department',
      version: 1,
    });
    const events = await outbox(created.id);
    expect(events).toHaveLength(1);
    expect(events[0]!.cloud_event.type).toBe('identity.organisation.v1');
    expect(events[0]!.cloud_event.data).toEqual({
      action: 'created',
      organisation: {
        id: created.id,
        nodeCode: '100000',
        name: POLICE.name,
        uscc: POLICE.uscc,
        regionCode: '360000',
        kind: 'department',
        parentId: null,
        version: 1,
      },
    });

    const onKafka = await waitFor(() => seen.find((e) => e.subject === created.id), 60_000, 'the event on Kafka');
    expect(onKafka.id).toBe(events[0]!.event_id);
    expect(onKafka.data.action).toBe('created');
    const projected = await waitFor(
      async () =>
        (await catalog.dataSource.query('SELECT name, version FROM organisation_ref WHERE id = $1', [created.id]))[0],
      60_000,
      "the catalog's copy",
    );
    expect(projected).toEqual({ name: POLICE.name, version: 1 });
  });

  it('refuses a malformed USCC with 400 naming the field, and writes nothing', async () => {
    const before = await gateway.dataSource.query('SELECT count(*)::int AS n FROM outbox');
    for (const uscc of ['11360000014501', '11360000014501O259']) {
      const response = await call('POST', '/api/v1/organisations', { ...POLICE, name: '格式错误的机构', uscc });
      expect(response.status).toBe(400);
      const problem = await response.json();
      expect(problem.errors[0].path).toBe('uscc');
      expect(problem.errors[0].rule).toMatch(/^uscc-(length|charset)$/);
    }
    expect(await gateway.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual(before);
  });

  it('names every broken field at once', async () => {
    const response = await call('POST', '/api/v1/organisations', {
      name: '',
      uscc: 'X',
      regionCode: '36',
      kind: 'ministry',
    });
    expect(response.status).toBe(400);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['kind', 'name', 'regionCode', 'uscc']);
  });

  it('accepts a wrong check digit with 201 and a warning (GB 32100: warn, do not reject)', async () => {
    const response = await call('POST', '/api/v1/organisations', {
      name: '江西省市场监督管理局',
      uscc: '113600000145010330',
      regionCode: '360000',
      kind: 'department',
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.uscc).toBe('113600000145010330');
    expect(body.warnings).toEqual([
      expect.objectContaining({ path: 'uscc', rule: 'uscc-check-digit', message: expect.stringContaining('4') }),
    ]);
  });

  it('refuses a USCC already on the node with 409 naming the field, leaving no event behind', async () => {
    const before = await gateway.dataSource.query('SELECT count(*)::int AS n FROM outbox');
    const response = await call('POST', '/api/v1/organisations', { ...POLICE, name: '重复的机构' });
    expect(response.status).toBe(409);
    expect((await response.json()).errors).toEqual([expect.objectContaining({ path: 'uscc', rule: 'unique' })]);
    expect(await gateway.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual(before);
    expect(
      await gateway.dataSource.query("SELECT count(*)::int AS n FROM organisation WHERE name = '重复的机构'"),
    ).toEqual([{ n: 0 }]);
  });

  it('updates with PATCH, bumping the version and publishing updated and deactivated events', async () => {
    const created = await (
      await call('POST', '/api/v1/organisations', {
        name: '江西省医疗保障局',
        uscc: '1136000001450105XN',
        regionCode: '360000',
        kind: 'department',
      })
    ).json();
    const renamed = await call('PATCH', `/api/v1/organisations/${created.id}`, {
      name: '江西省医疗保障局（更名）',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ name: '江西省医疗保障局（更名）', version: 2 });

    const stale = await call('PATCH', `/api/v1/organisations/${created.id}`, { name: '过时的修改', version: 1 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).errors[0]).toMatchObject({ path: 'version', rule: 'version-mismatch' });

    const deactivated = await call('PATCH', `/api/v1/organisations/${created.id}`, { active: false });
    expect(await deactivated.json()).toMatchObject({ active: false, version: 3 });
    const events = await outbox(created.id);
    expect(events.map((e) => [e.cloud_event.data.action, e.cloud_event.data.organisation.version])).toEqual([
      ['created', 1],
      ['updated', 2],
      ['deactivated', 3],
    ]);
    await waitFor(
      async () =>
        (await catalog.dataSource.query('SELECT active, version FROM organisation_ref WHERE id = $1', [created.id]))[0]
          ?.version === 3,
      60_000,
      'the catalog to apply version 3',
    );
    expect(await catalog.dataSource.query('SELECT active FROM organisation_ref WHERE id = $1', [created.id])).toEqual([
      { active: false },
    ]);
  });

  it('refuses a parent cycle and deactivating the root organisation', async () => {
    const parent = await (
      await call('POST', '/api/v1/organisations', {
        name: '上级机构',
        uscc: '11360000014501041Y',
        regionCode: '360000',
        kind: 'department',
      })
    ).json();
    const child = await (
      await call('POST', '/api/v1/organisations', {
        name: '下级机构',
        uscc: '11360000014501017E',
        regionCode: '360000',
        kind: 'department',
        parentId: parent.id,
      })
    ).json();
    expect(child.parentId).toBe(parent.id);
    const cycle = await call('PATCH', `/api/v1/organisations/${parent.id}`, { parentId: child.id });
    expect(cycle.status).toBe(422);
    expect((await cycle.json()).errors[0]).toMatchObject({ path: 'parentId', rule: 'parent-cycle' });
    const [root] = await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root');
    const rootOff = await call('PATCH', `/api/v1/organisations/${root.id}`, { active: false });
    expect(rootOff.status).toBe(422);
  });

  it('lists every organisation page by page with a cursor, to any signed-in caller', async () => {
    const all = await gateway.dataSource.query('SELECT id FROM organisation ORDER BY created_at, id');
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await call('GET', `/api/v1/organisations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = await response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.map((r: { id: string }) => r.id));
    expect((await call('GET', '/api/v1/organisations?cursor=bogus')).status).toBe(400);
    expect((await call('GET', `/api/v1/organisations/${ids[0]}`)).status).toBe(200);
    expect((await call('GET', '/api/v1/organisations/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await http(`${gateway.httpUrl}/api/v1/organisations`)).status).toBe(401);
  });

  it('lets only a node-admin create organisations', async () => {
    const [root] = await gateway.dataSource.query('SELECT id FROM organisation WHERE is_root');
    const created = await call('POST', '/api/v1/users', {
      organisationId: root.id,
      username: 'wangwu',
      displayName: '王五',
      password: 'Shuju-Guanli-2026',
      roles: ['data-admin'],
    });
    expect(created.status).toBe(201);
    const token = (
      await (
        await http(`${gateway.httpUrl}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'password', username: 'wangwu', password: 'Shuju-Guanli-2026' }),
        })
      ).json()
    ).access_token;
    const refused = await call(
      'POST',
      '/api/v1/organisations',
      { name: '越权创建', uscc: '113601000146010189', regionCode: '360100', kind: 'department' },
      token,
    );
    expect(refused.status).toBe(403);
  });

  it('serves the directory over gRPC (govdata.identity.v1)', async () => {
    type DirectoryClient = Client & {
      getOrganisation(
        request: identityV1.GetOrganisationRequest,
        metadata: Metadata,
        callback: (error: ServiceError | null, response: identityV1.GetOrganisationResponse) => void,
      ): void;
      listOrganisations(
        request: identityV1.ListOrganisationsRequest,
        metadata: Metadata,
        callback: (error: ServiceError | null, response: identityV1.ListOrganisationsResponse) => void,
      ): void;
    };
    const loaded = loadPackageDefinition(loadProtos([IDENTITY_V1])) as unknown as {
      govdata: {
        identity: {
          v1: {
            OrganisationDirectoryService: new (
              address: string,
              creds: ReturnType<typeof credentials.createInsecure>,
            ) => DirectoryClient;
          };
        };
      };
    };
    const client = new loaded.govdata.identity.v1.OrganisationDirectoryService(
      gateway.grpcAddress,
      credentials.createInsecure(),
    );
    // The node's catalog asks, with its service token (the directory takes no anonymous calls).
    const metadata = new Metadata();
    metadata.set(SERVICE_TOKEN_METADATA, await (await internalCaller(config, 'catalog')).token('gateway'));
    const promisify = <Q, R>(
      method: (request: Q, metadata: Metadata, callback: (error: ServiceError | null, response: R) => void) => void,
      request: Q,
    ) =>
      new Promise<R>((resolve, reject) =>
        method.call(client, request, metadata, (error, response) => (error ? reject(error) : resolve(response))),
      );
    try {
      const [police] = await gateway.dataSource.query('SELECT id FROM organisation WHERE uscc = $1', [POLICE.uscc]);
      const one = await promisify(client.getOrganisation, { id: police.id });
      expect(one.organisation).toMatchObject({
        id: police.id,
        name: POLICE.name,
        uscc: POLICE.uscc,
        kind: identityV1.OrganisationKind.ORGANISATION_KIND_DEPARTMENT,
      });
      const first = await promisify(client.listOrganisations, { pageSize: 3, pageToken: '' });
      expect(first.organisations).toHaveLength(3);
      expect(first.nextPageToken).not.toBe('');
      const second = await promisify(client.listOrganisations, { pageSize: 3, pageToken: first.nextPageToken });
      expect(second.organisations[0]!.id).not.toBe(first.organisations[2]!.id);
      await expect(
        promisify(client.getOrganisation, { id: '00000000-0000-4000-8000-000000000000' }),
      ).rejects.toMatchObject({ code: 5 });
    } finally {
      client.close();
    }
  });
});

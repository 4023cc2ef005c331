import { credentials, loadPackageDefinition, Metadata, type Client, type ClientReadableStream } from '@grpc/grpc-js';
import { CATALOG_V1, type catalogV1, type CatalogEntryEventV1 } from '@govdata/contracts';
import { createGrpcClient, loadProtos } from '@govdata/platform-grpc';
import { decodeCloudEvent } from '@govdata/platform-messaging';
import { SERVICE_TOKEN_METADATA } from '@govdata/platform-auth';
import { internalCaller, TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

type CatalogStreamClient = Client & {
  WatchEntryChanges(request: object, metadata: Metadata): ClientReadableStream<catalogV1.WatchEntryChangesResponse>;
};

/** The catalog for the node's other services: gRPC CatalogService and catalog.entry.v1 on Kafka. */
describe('catalog over gRPC and events', () => {
  let node: CatalogNode;
  let editor: string;
  let reviewer: string;
  let consumer: Consumer;
  const events: Array<{ type: string; subject?: string; data: CatalogEntryEventV1 }> = [];

  beforeAll(async () => {
    node = await startCatalogNode();
    editor = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    const kafka = new Kafka({
      clientId: 'catalog-events-test',
      brokers: TEST_KAFKA_BROKERS,
      logLevel: logLevel.NOTHING,
    });
    const topic = `${node.config.kafka.topicPrefix}catalog.entry.v1`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
    await admin.disconnect();
    consumer = kafka.consumer({ groupId: `${node.config.kafka.topicPrefix}test-reader` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        const event = decodeCloudEvent({ key: message.key?.toString() ?? '', value: message.value!, headers });
        events.push({ type: event.type, subject: event.subject, data: event.data as CatalogEntryEventV1 });
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await node?.close();
  });

  async function publish(content = sampleEntry()): Promise<{ id: string; code: string }> {
    const created = await node.api('POST', '/api/v1/catalog/entries', { token: editor, body: { content } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const [token, action] of [
      [editor, 'submit'],
      [reviewer, 'approve'],
      [reviewer, 'publish'],
    ] as const) {
      expect((await node.api('POST', `/api/v1/catalog/entries/${id}/${action}`, { token, body: {} })).status).toBe(200);
    }
    return { id, code: created.body.code };
  }

  it('puts one catalog.entry.v1 event per transition on the topic, in order, through the outbox', async () => {
    const { id, code } = await publish();
    const mine = await waitFor(
      async () => {
        const list = events.filter((e) => e.subject === id);
        return list.length >= 4 ? list : undefined;
      },
      30_000,
      'four events of the entry',
    );
    expect(mine.map((e) => e.data.action)).toEqual(['create', 'submit', 'approve', 'publish']);
    const sequences = mine.map((e) => e.data.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    expect(mine[3]!.data).toMatchObject({
      entry: { id, code, status: 'published', publishedVersion: 1, provider: { name: '江西省公安厅' } },
      version: { number: 1, state: 'published', content: { name: '人口基本信息' } },
      actor: { subject: 'reviewer' },
    });
  });

  it('serves GetEntry and ListEntries with what the reader may see', async () => {
    const { id, code } = await publish(sampleEntry({ name: '企业登记信息', classificationCode: '102002' }));
    const draft = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry() },
    });
    // Another service of the node reads with the view of any government user; a user's system
    // reads as that user (its access token), never as an organisation it names.
    const asDemand = await internalCaller(node.config, 'demand');
    const client = createGrpcClient(CATALOG_V1, node.catalog.grpcAddress, {
      credentials: asDemand.credentialsFor('catalog'),
    });
    const asEditor = createGrpcClient(CATALOG_V1, node.catalog.grpcAddress, {
      credentials: async () => ({ authorization: `Bearer ${editor}` }),
    });
    try {
      const got = await client.call<catalogV1.GetEntryResponse>('GetEntry', { idOrCode: code });
      expect(got.entry).toMatchObject({
        id,
        code,
        status: 'published',
        providerName: '江西省公安厅',
        content: {
          name: '企业登记信息',
          items: expect.arrayContaining([expect.objectContaining({ name: '公民身份号码', length: 18 })]),
        },
      });
      await expect(client.call('GetEntry', { idOrCode: draft.body.id })).rejects.toMatchObject({ code: 'not_found' });
      await expect(
        client.call('GetEntry', { idOrCode: draft.body.id, readerOrganisationId: node.orgA.id }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      const own = await asEditor.call<catalogV1.GetEntryResponse>('GetEntry', {
        idOrCode: draft.body.id,
        readerOrganisationId: node.orgA.id,
      });
      expect(own.entry?.status).toBe('draft');

      const first = await client.call<catalogV1.ListEntriesResponse>('ListEntries', { pageSize: 1 });
      expect(first.entries).toHaveLength(1);
      expect(first.nextPageToken).not.toBe('');
      const all = await client.call<catalogV1.ListEntriesResponse>('ListEntries', { pageSize: 200 });
      expect(all.entries.every((e) => e.status === 'published')).toBe(true);
      await expect(client.call('ListEntries', { pageToken: 'forged' })).rejects.toMatchObject({
        code: 'validation_failed',
      });

      const found = await client.call<catalogV1.SearchEntriesResponse>('SearchEntries', { query: '企业登记' });
      expect(found.hits[0]).toMatchObject({ id, code, name: '企业登记信息', providerName: '江西省公安厅' });
      expect(found.hits.every((h) => h.id !== draft.body.id)).toBe(true);
    } finally {
      client.close();
      asEditor.close();
    }
  });

  it('streams the change history and follows new transitions', async () => {
    const loaded = loadPackageDefinition(loadProtos([CATALOG_V1])) as any;
    const Ctor = loaded.govdata.catalog.v1.CatalogService as new (a: string, c: unknown) => CatalogStreamClient;
    const client = new Ctor(node.catalog.grpcAddress, credentials.createInsecure());
    const seen: catalogV1.WatchEntryChangesResponse[] = [];
    const metadata = new Metadata();
    metadata.set(SERVICE_TOKEN_METADATA, await (await internalCaller(node.config, 'analytics')).token('catalog'));
    const stream = client.WatchEntryChanges({ afterSequence: 0, follow: true }, metadata);
    stream.on('data', (change: catalogV1.WatchEntryChangesResponse) => seen.push(change));
    stream.on('error', () => undefined);
    try {
      await waitFor(async () => (seen.length >= 8 ? true : undefined), 10_000, 'the history so far');
      const { id } = await publish(sampleEntry({ name: '不动产登记信息', classificationCode: '103001' }));
      const live = await waitFor(
        async () => {
          const list = seen.filter((c) => c.entryId === id);
          return list.length >= 4 ? list : undefined;
        },
        10_000,
        'the new entry on the followed stream',
      );
      expect(live.map((c) => `${c.action}:${c.toState}`)).toEqual([
        'create:draft',
        'submit:submitted',
        'approve:approved',
        'publish:published',
      ]);
      const sequences = seen.map((c) => c.sequence);
      expect(new Set(sequences).size).toBe(sequences.length);
      expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    } finally {
      stream.cancel();
      client.close();
    }
  });

  it('documents the REST API in OpenAPI, browsable at /api/docs on the gateway', async () => {
    const document = await node.api('GET', '/api/v1/catalog/openapi.json');
    expect(document.status).toBe(200);
    const create = document.body.paths['/api/v1/catalog/entries'].post;
    expect(create.summary).toContain('新增目录条目');
    const content = create.requestBody.content['application/json'].schema.properties.content;
    expect(content.required).toEqual(expect.arrayContaining(['name', 'abstract', 'classificationCode', 'items']));
    expect(content.properties.sharing.properties.type.enum).toEqual(['unconditional', 'conditional', 'none']);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/catalog/entries/{idOrCode}', '/api/v1/catalog/entries/{idOrCode}/submit']),
    );
    const ui = await node.api('GET', '/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    expect(String(ui.body)).toContain('swagger-ui');
    const init = await node.api('GET', '/api/docs/swagger-ui-init.js');
    expect(String(init.body)).toContain('/api/v1/catalog/openapi.json');
  });
});

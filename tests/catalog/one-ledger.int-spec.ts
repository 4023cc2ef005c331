import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { ReplicaEventV1 } from '@govdata/contracts';
import { encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * 一本账 on the national node: `federation.replica.v1` events produced on the node's topic as the
 * federation service will (CloudEvents from `urn:govdata:node:100000:federation`), projected into
 * the catalog's replicas and search index, then read through the gateway.
 */

interface SearchItem {
  id: string;
  code: string;
  name: string;
  status: string;
  provider: { id: string; name: string | null };
  origin?: { nodeCode: string; path: string[]; receivedAt: string; version: number };
}
interface SearchPage {
  items: SearchItem[];
  facets?: Record<string, Array<{ value: string; count: number; label: { zh: string } }>>;
  total?: number;
}

const CITY = '360100';
const PROVINCE = '360000';
const NATIONAL = '100000';

describe('一本账 — replicas of the subtree in the national catalog', () => {
  let node: CatalogNode;
  let producer: Producer;
  let reader: string;
  let admin: string;
  const cityOrg = randomUUID();
  const provinceOrg = randomUUID();
  const ids = { open: randomUUID(), restricted: randomUUID(), province: randomUUID() };
  const sent: string[] = [];

  /** A publish or retire of a record of `origin`, as the federation service will emit it. */
  function replica(
    origin: string,
    entryId: string,
    version: number,
    content: Record<string, unknown>,
    action: 'publish' | 'retire' = 'publish',
  ): ReplicaEventV1 {
    const org = origin === CITY ? cityOrg : provinceOrg;
    return {
      kind: 'catalog.entry',
      origin,
      path: origin === CITY ? [CITY, PROVINCE, NATIONAL] : [PROVINCE, NATIONAL],
      version,
      receivedAt: new Date().toISOString(),
      record: {
        action,
        sequence: version,
        entry: {
          id: entryId,
          code: `101001/${origin}${String(version).padStart(6, '0')}`,
          nodeCode: origin,
          organisationId: org,
          provider: { name: origin === CITY ? '南昌市市场监督管理局' : '江西省自然资源厅', code: '11360100MB17195879' },
          status: action === 'retire' ? 'retired' : 'published',
          headVersion: 1,
          headState: 'published',
          publishedVersion: 1,
          authoritativeEntryId: null,
        },
        version: { number: 1, state: 'published', publishDate: '2026-03-02', content: sampleEntry(content) },
        actor: { subject: 'user:reviewer', organisationId: org },
        at: new Date().toISOString(),
      },
    };
  }

  async function send(data: ReplicaEventV1): Promise<string> {
    const id = randomUUID();
    const message = encodeCloudEvent(
      {
        specversion: '1.0',
        id,
        type: 'federation.replica.v1',
        source: eventSource(NATIONAL, 'federation'),
        subject: `${data.origin}/${data.record.entry.id}`,
        datacontenttype: 'application/json',
        data,
      },
      data.record.entry.id,
    );
    await producer.send({ topic: `${node.config.kafka.topicPrefix}federation.replica.v1`, messages: [message] });
    sent.push(id);
    return id;
  }

  /** Waits until the catalog has consumed (inbox) the event. */
  async function consumed(eventId: string): Promise<void> {
    await waitFor(
      async () => ((await node.sql('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length ? true : undefined),
      30_000,
      `event ${eventId} consumed`,
    );
  }

  async function search(token: string, query: string): Promise<SearchPage> {
    const res = await node.api<SearchPage>('GET', `/api/v1/catalog/search${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  beforeAll(async () => {
    node = await startCatalogNode();
    reader = await node.token(node.orgB, []);
    admin = await node.token(node.orgB, ['data-admin']);
    const client = new Kafka({ clientId: 'one-ledger-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    producer = client.producer();
    await producer.connect();

    // One own entry, published through the REST lifecycle.
    const editor = await node.token(node.orgA, ['catalog-editor']);
    const reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'user:reviewer');
    const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ name: '全国人口基本信息' }) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const [action, token] of [
      ['submit', editor],
      ['approve', reviewer],
      ['publish', reviewer],
    ] as const) {
      const res = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/${action}`, { token, body: {} });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    await send(replica(CITY, ids.open, 3, { name: '南昌市企业登记信息', regionCode: CITY }));
    await send(
      replica(CITY, ids.restricted, 4, {
        name: '南昌市企业涉税信息',
        regionCode: CITY,
        sharing: { type: 'none', legalBasis: '《中华人民共和国税收征收管理法》' },
      }),
    );
    await consumed(await send(replica(PROVINCE, ids.province, 9, { name: '江西省企业用地信息' })));
    await consumed(sent[0]!);
    await consumed(sent[1]!);
  }, 180_000);

  afterAll(async () => {
    await producer?.disconnect();
    await node?.close();
  });

  it('shows replicas in scope=subtree with provenance and origin facets, not in the default node scope', async () => {
    const own = await search(reader, '?q=企业');
    expect(own.items).toEqual([]);

    const subtree = await search(reader, '?q=企业&scope=subtree&facets=true');
    expect(subtree.items.map((i) => i.name).sort()).toEqual(['南昌市企业登记信息', '江西省企业用地信息']);
    const city = subtree.items.find((i) => i.id === ids.open)!;
    expect(city.origin).toMatchObject({ nodeCode: CITY, path: [CITY, PROVINCE, NATIONAL], version: 3 });
    expect(city.provider.name).toBe('南昌市市场监督管理局');
    const counts = (facet: string) => Object.fromEntries(subtree.facets![facet]!.map((v) => [v.value, v.count]));
    expect(counts('originNode')).toEqual({ [CITY]: 1, [PROVINCE]: 1 });
    expect(counts('originLevel')).toEqual({ municipal: 1, provincial: 1 });
    expect(subtree.total).toBe(2);

    // At national, all is everything the node holds: own entries and replicas.
    const all = await search(reader, '?scope=all&facets=true');
    expect(Object.fromEntries(all.facets!['originLevel']!.map((v) => [v.value, v.count]))).toEqual({
      national: 1,
      municipal: 1,
      provincial: 1,
    });
    const byOrigin = await search(reader, `?scope=subtree&origin=${PROVINCE}`);
    expect(byOrigin.items.map((i) => i.id)).toEqual([ids.province]);
  });

  it('reads a replica with its provenance by id or code', async () => {
    const byId = await node.api('GET', `/api/v1/catalog/replicas/${CITY}/${ids.open}`, { token: reader });
    expect(byId.status, JSON.stringify(byId.body)).toBe(200);
    expect(byId.body).toMatchObject({
      id: ids.open,
      name: '南昌市企业登记信息',
      status: 'published',
      origin: { nodeCode: CITY, level: 'municipal', path: [CITY, PROVINCE, NATIONAL], version: 3 },
    });
    const byCode = await node.api('GET', `/api/v1/catalog/replicas/${CITY}/${encodeURIComponent(byId.body.code)}`, {
      token: reader,
    });
    expect(byCode.status).toBe(200);
    expect(byCode.body.id).toBe(ids.open);
    const elsewhere = await node.api('GET', `/api/v1/catalog/replicas/${PROVINCE}/${ids.open}`, { token: reader });
    expect(elsewhere.status).toBe(404);
  });

  it('keeps a restricted replica from every reader: not found by search nor by id', async () => {
    const found = await search(reader, '?q=涉税&scope=subtree');
    expect(found.items).toEqual([]);
    const asAdmin = await search(admin, '?q=涉税&scope=subtree');
    expect(asAdmin.items).toEqual([]);
    const read = await node.api('GET', `/api/v1/catalog/replicas/${CITY}/${ids.restricted}`, { token: reader });
    expect(read.status).toBe(404);
    // Held all the same: the ledger is complete, only its readers are limited.
    const [row] = await node.sql<{ restricted: boolean }>('SELECT restricted FROM replica_entry WHERE entry_id = $1', [
      ids.restricted,
    ]);
    expect(row?.restricted).toBe(true);
  });

  it('applies a record once: a replay or an older version changes nothing', async () => {
    await consumed(await send(replica(CITY, ids.open, 3, { name: '南昌市企业登记信息（重放）', regionCode: CITY })));
    await consumed(await send(replica(CITY, ids.open, 2, { name: '南昌市企业登记信息（旧）', regionCode: CITY })));
    const rows = await node.sql<{ version: string; name: string }>(
      "SELECT version::text, content->>'name' AS name FROM replica_entry WHERE entry_id = $1",
      [ids.open],
    );
    expect(rows).toEqual([{ version: '3', name: '南昌市企业登记信息' }]);
    const page = await search(reader, '?q=南昌市企业登记信息&scope=subtree');
    expect(page.items.map((i) => i.name)).toEqual(['南昌市企业登记信息']);

    // A newer version (the record reached by another path later, revised) replaces it.
    await consumed(await send(replica(CITY, ids.open, 5, { name: '南昌市企业登记信息（修订）', regionCode: CITY })));
    const revised = await search(reader, `?scope=subtree&origin=${CITY}`);
    expect(revised.items.map((i) => [i.name, i.origin?.version])).toEqual([['南昌市企业登记信息（修订）', 5]]);
  });

  it('hides a retired replica from default search, keeps it readable as retired', async () => {
    await consumed(await send(replica(PROVINCE, ids.province, 10, { name: '江西省企业用地信息' }, 'retire')));
    const page = await search(reader, '?q=用地&scope=subtree');
    expect(page.items).toEqual([]);
    const retired = await search(reader, '?q=用地&scope=subtree&status=retired');
    expect(retired.items.map((i) => [i.id, i.status])).toEqual([[ids.province, 'retired']]);
    const read = await node.api('GET', `/api/v1/catalog/replicas/${PROVINCE}/${ids.province}`, { token: reader });
    expect(read.body).toMatchObject({ status: 'retired', origin: { version: 10 } });
  });

  it('counts entries by status per origin node, with the own node overdue clocks', async () => {
    const stats = await node.api('GET', '/api/v1/catalog/statistics?scope=subtree', { token: admin });
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    const byNode = Object.fromEntries(
      (
        stats.body.nodes as Array<{
          nodeCode: string;
          entries: Record<string, number>;
          own: boolean;
          overdue?: unknown;
        }>
      ).map((n) => [n.nodeCode, n]),
    );
    expect(byNode[NATIONAL]).toMatchObject({ own: true, level: 'national', entries: { published: 1 } });
    expect(byNode[NATIONAL]!.overdue).toEqual({ overdue: 0, dueUnknown: expect.any(Number) });
    expect(byNode[CITY]).toMatchObject({ own: false, level: 'municipal', entries: { published: 2 }, total: 2 });
    expect(byNode[PROVINCE]).toMatchObject({ own: false, level: 'provincial', entries: { retired: 1 }, total: 1 });

    const nodeOnly = await node.api('GET', '/api/v1/catalog/statistics', { token: admin });
    expect(nodeOnly.body.nodes.map((n: { nodeCode: string }) => n.nodeCode)).toEqual([NATIONAL]);
    expect((await node.api('GET', '/api/v1/catalog/statistics', { token: reader })).status).toBe(403);
    expect((await node.api('GET', '/api/v1/catalog/statistics?scope=everything', { token: admin })).status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import type { FederationAlertEventV1, InheritedStandardEventV1, StandardEventV1 } from '@govdata/contracts';
import { initNodeKey } from '@govdata/federation-feature';
import { encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  enrolChild,
  linkAddress,
  publishEntry,
  startReplicationNode,
  type ReplicationNode,
} from './federation-harness.js';

interface Root {
  origin: string;
  digest: string;
  count: number;
}

/**
 * Anti-entropy (反熵校验) and the downward flow (下行) over the links of 360100 → 360000 → 100000:
 * comparisons on a short schedule, replicas altered or lost behind the services' backs repaired,
 * what operators see per child, standards issued at national arriving at the city, silence alerts.
 */
describe('anti-entropy and standards flowing down (360100 → 360000 → 100000)', () => {
  let national: ReplicationNode;
  let province: ReplicationNode;
  let city: ReplicationNode;
  let producer: Producer;
  let editor: string;
  let reviewer: string;
  const published: string[] = [];

  const fast = { federation: { antiEntropySeconds: 2, silenceAlertSeconds: 15 } };

  beforeAll(async () => {
    national = await startReplicationNode(fast);
    await initNodeKey(national.config);
    province = await startReplicationNode({
      ...fast,
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: national.catalog.gateway.httpUrl, federation: linkAddress(national) },
      },
    });
    city = await startReplicationNode({
      ...fast,
      node: {
        code: '360100',
        name: '南昌市政务数据共享平台',
        level: 'municipal',
        parent: { code: '360000', gateway: province.catalog.gateway.httpUrl, federation: linkAddress(province) },
      },
    });
    await enrolChild(national, province);
    await enrolChild(province, city);
    editor = await city.catalog.token(city.catalog.orgA, ['catalog-editor'], 'editor@360100');
    reviewer = await city.catalog.token(city.catalog.orgB, ['catalog-reviewer'], 'reviewer@360100');
    const kafka = new Kafka({ clientId: 'downward-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    for (const [name, code] of [
      ['南昌市企业登记信息', '102001'],
      ['南昌市社会保险参保信息', '101001'],
      ['南昌市不动产登记信息', '103001'],
    ] as const) {
      published.push(await publishAtCity(name, code));
    }
  }, 240_000);

  afterAll(async () => {
    await producer?.disconnect();
    await city?.close();
    await province?.close();
    await national?.close();
  });

  const publishAtCity = (name: string, classificationCode: string) =>
    publishEntry(city.catalog, { editor, reviewer }, name, classificationCode);

  async function operator(node: ReplicationNode): Promise<string> {
    return node.catalog.token(node.catalog.root, ['operator'], `user:ops@${node.config.node.code}`);
  }

  async function sentRoot(node: ReplicationNode, origin: string): Promise<Root | undefined> {
    const own = await node.catalog.api('GET', '/api/v1/federation/anti-entropy', { token: await operator(node) });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    return (own.body.roots.sent as Root[]).find((r) => r.origin === origin);
  }

  /** The parent's record of the child's set `origin` once it is verified with `count` records after `since`. */
  async function verifiedAt(parent: ReplicationNode, child: string, origin: string, count: number, since: Date) {
    const token = await operator(parent);
    return waitFor(
      async () => {
        const view = await parent.catalog.api('GET', `/api/v1/federation/children/${child}/anti-entropy`, { token });
        const set = view.body.sets?.find((s: { origin: string }) => s.origin === origin);
        return set?.inSync && set.parentRoot.count === count && new Date(set.verifiedAt) > since
          ? { view: view.body, set }
          : undefined;
      },
      60_000,
      `${parent.config.node.code} verifying ${child}'s set ${origin} with ${count} records`,
    );
  }

  it('verifies equal Merkle roots per origin on a schedule and shows operators the last verified root', async () => {
    const since = new Date();
    for (const id of published) {
      await waitFor(
        async () =>
          (await national.sql('SELECT 1 FROM replica_record WHERE record_key = $1', [id])).length === 1 || undefined,
        30_000,
        `replica ${id} at national`,
      );
    }
    const cityRoot = (await sentRoot(city, '360100'))!;
    expect(cityRoot.count).toBe(3);
    const atProvince = await verifiedAt(province, '360100', '360100', 3, since);
    expect(atProvince.set.parentRoot).toEqual({ digest: cityRoot.digest, count: 3 });
    expect(atProvince.set.divergence).toEqual({ missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 });
    const atNational = await verifiedAt(national, '360000', '360100', 3, since);
    expect(atNational.set.parentRoot.digest).toBe(cityRoot.digest);

    const children = await national.catalog.api('GET', '/api/v1/federation/children', {
      token: await operator(national),
    });
    const row = children.body.items.find((c: { code: string }) => c.code === '360000');
    expect(row.antiEntropy).toMatchObject({ inSync: true, records: 3 });
    expect(row.antiEntropy.verifiedAt).not.toBeNull();
  });

  it('repairs a replica altered behind the service’s back at the province, and drops one it never had', async () => {
    const [id] = published;
    const original = await province.sql<{ payload: object }>(
      "SELECT payload FROM replica_record WHERE origin = '360100' AND record_key = $1",
      [id],
    );
    await province.sql(
      `UPDATE replica_record SET payload = jsonb_set(payload, '{entry,name}', '"篡改后的名称"')
        WHERE origin = '360100' AND record_key = $1`,
      [id],
    );
    const phantom = randomUUID();
    await province.sql(
      `INSERT INTO replica_record (origin, record_key, kind, version, event_id, path, payload, event_time, received_at)
       SELECT origin, $2, kind, version, $3, path, payload, event_time, received_at
         FROM replica_record WHERE origin = '360100' AND record_key = $1`,
      [published[1], phantom, randomUUID()],
    );
    const since = new Date();
    const repaired = await waitFor(
      async () => {
        const rows = await province.sql<{ payload: object }>(
          "SELECT payload FROM replica_record WHERE origin = '360100' AND record_key = $1",
          [id],
        );
        const gone = await province.sql('SELECT 1 FROM replica_record WHERE record_key = $1', [phantom]);
        return JSON.stringify(rows[0]?.payload) === JSON.stringify(original[0]!.payload) && gone.length === 0
          ? rows[0]
          : undefined;
      },
      60_000,
      'the altered replica repaired and the phantom dropped at the province',
    );
    expect(repaired).toBeDefined();

    const view = await province.catalog.api('GET', '/api/v1/federation/children/360100/anti-entropy', {
      token: await operator(province),
    });
    const run = view.body.runs.find(
      (r: { divergence: { corrupted: number }; finishedAt: string }) =>
        r.divergence.corrupted === 1 && new Date(r.finishedAt) >= since,
    );
    expect(run).toMatchObject({ divergence: { corrupted: 1, orphaned: 1 }, applied: 1, removed: 1, verified: true });
    const alerts = await province.sql<{ cloud_event: { data: FederationAlertEventV1 } }>(
      "SELECT cloud_event FROM outbox WHERE event_type = 'federation.alert.v1' AND message_key = '360100'",
    );
    expect(alerts.map((a) => a.cloud_event.data)).toContainEqual(
      expect.objectContaining({ alert: 'divergence', node: '360000', child: '360100' }),
    );
    await verifiedAt(province, '360100', '360100', 3, since);
  });

  it('restores a replica lost at national from the province', async () => {
    const [, , id] = published;
    await national.sql("DELETE FROM replica_record WHERE origin = '360100' AND record_key = $1", [id]);
    const row = await waitFor(
      async () =>
        (await national.sql<{ path: string[] }>('SELECT path FROM replica_record WHERE record_key = $1', [id]))[0],
      60_000,
      'the lost replica restored at national',
    );
    expect(row.path).toEqual(['360100', '360000', '100000']);
  });

  it('carries a standard issued at national down to the city, and ignores it when replayed', async () => {
    const data: StandardEventV1 = {
      action: 'upsert',
      at: new Date().toISOString(),
      standard: {
        kind: 'classification',
        key: '114',
        origin: '100000',
        version: 1,
        body: { code: '114', parentCode: '1', level: 2, name: '数据要素', nameEn: 'Data elements' },
      },
    };
    const send = async () => {
      const message = encodeCloudEvent(
        {
          specversion: '1.0',
          id: randomUUID(),
          type: 'catalog.standard.v1',
          source: eventSource('100000', 'catalog'),
          subject: 'classification/114',
          datacontenttype: 'application/json',
          data,
        },
        'classification/114',
      );
      await producer.send({ topic: `${national.config.kafka.topicPrefix}catalog.standard.v1`, messages: [message] });
    };
    await send();
    const atCity = await waitFor(
      async () =>
        (
          await city.sql<{ path: string[]; version: string }>(
            "SELECT path, version FROM inherited_standard WHERE origin = '100000' AND kind = 'classification' AND key = '114'",
          )
        )[0],
      60_000,
      'the standard at the city',
    );
    expect(atCity).toEqual({ path: ['100000', '360000', '360100'], version: '1' });
    const events = await city.sql<{ cloud_event: { data: InheritedStandardEventV1 } }>(
      "SELECT cloud_event FROM outbox WHERE event_type = 'federation.standard.v1'",
    );
    expect(events.map((e) => e.cloud_event.data)).toEqual([
      expect.objectContaining({ path: ['100000', '360000', '360100'], standard: data.standard }),
    ]);
    const view = await city.catalog.api('GET', '/api/v1/federation/standards', { token: await operator(city) });
    expect(view.body.items).toEqual([
      expect.objectContaining({ origin: '100000', kind: 'classification', key: '114', version: 1 }),
    ]);

    await send(); // the same standard again: logged once, applied once
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const logged = await national.sql("SELECT 1 FROM downward_log WHERE kind = 'classification' AND key = '114'");
    expect(logged).toHaveLength(1);
    const again = await city.sql("SELECT 1 FROM outbox WHERE event_type = 'federation.standard.v1'");
    expect(again).toHaveLength(1);
  });

  it('raises an alert when a child stays silent beyond the threshold, and another when it is back', async () => {
    await city.stopFederation();
    const silent = await waitFor(
      async () => {
        const rows = await province.sql<{ cloud_event: { data: FederationAlertEventV1 } }>(
          "SELECT cloud_event FROM outbox WHERE event_type = 'federation.alert.v1' AND message_key = '360100'",
        );
        return rows.map((r) => r.cloud_event.data).find((d) => d.alert === 'child-silent');
      },
      60_000,
      'a child-silent alert at the province',
    );
    expect(silent).toMatchObject({ node: '360000', child: '360100', thresholdSeconds: 15 });
    expect(silent.message).toContain('360100');
    await city.startFederation();
    await waitFor(
      async () => {
        const rows = await province.sql<{ cloud_event: { data: FederationAlertEventV1 } }>(
          "SELECT cloud_event FROM outbox WHERE event_type = 'federation.alert.v1' AND message_key = '360100'",
        );
        return rows.some((r) => r.cloud_event.data.alert === 'child-resumed') || undefined;
      },
      60_000,
      'a child-resumed alert at the province',
    );
  }, 150_000);
});

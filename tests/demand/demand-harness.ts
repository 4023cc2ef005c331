import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { DemandApplicationEventV1, EventType } from '@govdata/contracts';
import { BusinessClock, demandService } from '@govdata/demand-feature';
import { decodeCloudEvent, encodeCloudEvent, eventSource, ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import type { NodeConfigInput } from '@govdata/platform-config';
import type { RunningService } from '@govdata/platform-service';
import {
  queryNodeDatabase,
  startTestNode,
  TEST_KAFKA_BROKERS,
  waitFor,
  type DeepPartial,
} from '@govdata/platform-testing';
import { vi } from 'vitest';
import { sampleEntry, startCatalogNode, type CatalogNode, type TestOrganisation } from '../catalog/catalog-harness.js';

/** A `demand.application.v1` read back from the node's topic, with the node it says it was made at. */
export interface ReceivedApplicationEvent {
  id: string;
  origin: string;
  source: string;
  data: DemandApplicationEventV1;
}

/**
 * A catalog node (gateway + catalog, two organisations) with the demand service started beside it,
 * against the real PostgreSQL, Redis and Kafka. Time for the demand service's clocks is set by the
 * test (`setNow`); its `demand.application.v1` events are read from the node's topic as they come.
 */
export interface DemandNode extends CatalogNode {
  demand: RunningService;
  /** Every `demand.application.v1` on the node's topic so far. */
  events: ReceivedApplicationEvent[];
  /** Fixes the demand service's "now" (and so "today" in Asia/Shanghai). */
  setNow(instant: string): void;
  /** Runs SQL in the demand service's schema. */
  demandSql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Publishes an entry of `organisation` through the catalog's REST lifecycle and waits until the demand service knows it. */
  publishEntry(
    organisation: TestOrganisation,
    content?: Record<string, unknown>,
  ): Promise<{ id: string; code: string }>;
  /** Produces an event onto the node's topic as the federation service would (another node's change). */
  produce<T>(type: EventType, data: T, options: { origin: string; subject: string }): Promise<string>;
  /** Waits until the demand service has consumed (inbox or dead letters) the event. */
  consumed(eventId: string): Promise<'applied' | 'dead-lettered'>;
  /** Waits for the event of an application's version on the topic. */
  eventFor(applicationId: string, version: number): Promise<ReceivedApplicationEvent>;
}

export async function startDemandNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<DemandNode> {
  const node = await startCatalogNode(overrides);
  const [demand] = (await startTestNode({ services: [demandService], config: node.config })).services as [
    RunningService,
  ];
  const demandSql = <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(node.config, 'demand', text, params);
  // The demand service learns organisations from identity.organisation.v1 events.
  await waitFor(
    async () => {
      const rows = await demandSql('SELECT id FROM organisation_ref WHERE id = ANY($1::uuid[])', [
        [node.orgA.id, node.orgB.id],
      ]);
      return rows.length === 2 ? true : undefined;
    },
    30_000,
    'organisations projected into the demand service',
  );

  let now = new Date();
  vi.spyOn(demand.app.get(BusinessClock), 'now').mockImplementation(() => new Date(now));

  const kafka = new Kafka({
    clientId: `demand-test-${randomUUID()}`,
    brokers: TEST_KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const topic = `${node.config.kafka.topicPrefix}demand.application.v1`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  await admin.disconnect();
  const events: ReceivedApplicationEvent[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: `${node.config.kafka.topicPrefix}demand-test-reader` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const event = decodeCloudEvent({ key: message.key?.toString() ?? '', value: message.value!, headers });
      events.push({
        id: event.id,
        origin: String(event[ORIGIN_EXTENSION]),
        source: event.source,
        data: event.data as DemandApplicationEventV1,
      });
    },
  });
  const producer: Producer = kafka.producer();
  await producer.connect();

  const editors = new Map<string, string>();
  const reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'catalog-reviewer');

  return {
    ...node,
    demand,
    events,
    setNow(instant) {
      now = new Date(instant);
    },
    demandSql,
    async publishEntry(organisation, content = {}) {
      let editor = editors.get(organisation.id);
      if (!editor) {
        editor = await node.token(organisation, ['catalog-editor'], `catalog-editor@${organisation.name}`);
        editors.set(organisation.id, editor);
      }
      const created = await node.api<{ id: string; code: string }>('POST', '/api/v1/catalog/entries', {
        token: editor,
        body: { content: sampleEntry(content) },
      });
      if (created.status !== 201) throw new Error(`creating an entry failed: ${JSON.stringify(created.body)}`);
      for (const [action, token] of [
        ['submit', editor],
        ['approve', reviewer],
        ['publish', reviewer],
      ] as const) {
        const res = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/${action}`, { token, body: {} });
        if (res.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(res.body)}`);
      }
      await waitFor(
        async () =>
          (await demandSql('SELECT 1 FROM entry_ref WHERE entry_id = $1', [created.body.id])).length ? true : undefined,
        30_000,
        `entry ${created.body.id} known to the demand service`,
      );
      return { id: created.body.id, code: created.body.code };
    },
    async produce(type, data, options) {
      const id = randomUUID();
      const message = encodeCloudEvent(
        {
          specversion: '1.0',
          id,
          type,
          source: eventSource(node.config.node.code, 'federation'),
          subject: options.subject,
          datacontenttype: 'application/json',
          [ORIGIN_EXTENSION]: options.origin,
          data,
        },
        options.subject,
      );
      await producer.send({ topic: `${node.config.kafka.topicPrefix}${type}`, messages: [message] });
      return id;
    },
    async consumed(eventId) {
      return waitFor(
        async () => {
          if ((await demandSql('SELECT 1 FROM inbox WHERE event_id = $1', [eventId])).length) return 'applied' as const;
          if ((await demandSql('SELECT 1 FROM dead_letter WHERE event_id = $1', [eventId])).length) {
            return 'dead-lettered' as const;
          }
          return undefined;
        },
        60_000,
        `event ${eventId} consumed by the demand service`,
      );
    },
    async eventFor(applicationId, version) {
      return waitFor(
        async () =>
          events.find((e) => e.data.application.id === applicationId && e.data.application.version === version),
        30_000,
        `demand.application.v1 of ${applicationId} v${version}`,
      );
    },
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
      await demand.close();
      await node.close();
    },
  };
}

/** A valid application body for an entry, to vary in tests. */
export function sampleApplication(entryId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    target: { kind: 'entry', entryId },
    requestedItems: ['姓名', '公民身份号码'],
    purpose: '核验最低生活保障申请人的户籍信息',
    legalBasis: '《社会救助暂行办法》第十一条：县级人民政府民政部门应当对申请人的家庭收入和财产状况进行调查核实',
    scenario: '低保审批时实时核验',
    validUntil: '2027-06-30',
    expectedVolume: { callsPerDay: 2000 },
    ...overrides,
  };
}

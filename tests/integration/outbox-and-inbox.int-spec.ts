import { Kafka, logLevel } from 'kafkajs';
import { EventPublisher, deadLetterTopic, encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import type { RunningService } from '@govdata/platform-service';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import type { NodeConfig } from '@govdata/platform-config';
import { kafka } from './infra-control.js';
import { probeMonitoring, startProbeNode, type ProbeNode } from './probe-service.js';

describe('events through the outbox, Kafka and the inbox', () => {
  let node: ProbeNode;
  let config: NodeConfig;
  let service: RunningService;
  let publisher: EventPublisher;
  const client = new Kafka({ clientId: 'govdata-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });

  beforeAll(async () => {
    node = await startProbeNode();
    ({ config, service, publisher } = node);
  });

  afterAll(async () => {
    kafka('start');
    await node?.stop();
  });

  const receipts = (sequence: number) =>
    service.dataSource.query('SELECT event_id, attempt FROM probe_receipt WHERE sequence = $1', [sequence]) as Promise<
      Array<{ event_id: string; attempt: number }>
    >;

  it('delivers an event written while the broker is down once the broker is back', async () => {
    kafka('stop');
    try {
      await waitFor(
        async () => !(await service.readiness.evaluate()).ready,
        20_000,
        'readiness to notice Kafka is down',
      );
      const eventId = await service.dataSource.transaction((manager) =>
        publisher.publish(manager, {
          type: 'platform.probe.v1',
          subject: 'probe-1',
          data: { message: 'written during an outage', sequence: 1 },
        }),
      );
      // Accepted and kept: the row waits in the outbox, unpublished.
      await new Promise((r) => setTimeout(r, 3_000));
      const [row] = await service.dataSource.query('SELECT published_at, attempts FROM outbox WHERE event_id = $1', [
        eventId,
      ]);
      expect(row.published_at).toBeNull();
    } finally {
      kafka('start');
    }
    const applied = await waitFor(
      async () => ((await receipts(1)).length > 0 ? receipts(1) : undefined),
      90_000,
      'the event to be applied',
    );
    expect(applied).toHaveLength(1);
    const [row] = await service.dataSource.query(
      "SELECT published_at FROM outbox WHERE cloud_event->>'subject' = 'probe-1'",
    );
    expect(row.published_at).not.toBeNull();
    await waitFor(async () => (await service.readiness.evaluate()).ready, 30_000, 'readiness after Kafka returns');
  });

  it('applies a redelivered event once', async () => {
    const producer = client.producer();
    await producer.connect();
    const message = encodeCloudEvent(
      {
        specversion: '1.0',
        id: 'redelivered-event-0001',
        type: 'platform.probe.v1',
        source: eventSource(config.node.code, 'analytics'),
        subject: 'probe-2',
        datacontenttype: 'application/json',
        data: { message: 'sent three times', sequence: 2 },
      },
      'probe-2',
    );
    for (let i = 0; i < 3; i++)
      await producer.send({ topic: `${config.kafka.topicPrefix}platform.probe.v1`, messages: [message] });
    await producer.disconnect();
    // A later event on the same partition proves the earlier copies were all consumed.
    await service.dataSource.transaction((manager) =>
      publisher.publish(manager, {
        type: 'platform.probe.v1',
        subject: 'probe-2',
        data: { message: 'after the copies', sequence: 3 },
      }),
    );
    await waitFor(async () => (await receipts(3)).length > 0, 30_000, 'the follow-up event');
    expect(await receipts(2)).toHaveLength(1);
    const inbox = await service.dataSource.query(
      "SELECT count(*)::int AS n FROM inbox WHERE event_id = 'redelivered-event-0001'",
    );
    expect(inbox[0].n).toBe(1);
  });

  it('sends malformed and failing events to the dead-letter topic with the reason, and keeps consuming', async () => {
    const dlqTopic = deadLetterTopic(config.kafka.topicPrefix, 'platform.probe.v1');
    const seen: Array<{ reason: string; key: string }> = [];
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: dlqTopic }], waitForLeaders: true });
    await admin.disconnect();
    const consumer = client.consumer({ groupId: `${config.kafka.topicPrefix}dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topics: [dlqTopic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({
          reason: String(message.headers?.['x-govdata-dlq-reason'] ?? ''),
          key: message.key?.toString() ?? '',
        });
      },
    });
    const producer = client.producer();
    await producer.connect();
    const topic = `${config.kafka.topicPrefix}platform.probe.v1`;
    // Not a CloudEvent at all.
    await producer.send({ topic, messages: [{ key: 'garbage', value: 'not json', headers: {} }] });
    // A CloudEvent whose data breaks the schema (sequence must be an integer ≥ 0).
    const bad = encodeCloudEvent(
      {
        specversion: '1.0',
        id: 'schema-breaker',
        type: 'platform.probe.v1',
        source: eventSource('100000', 'test'),
        data: { message: 'x', sequence: -5 },
      },
      'schema-breaker',
    );
    await producer.send({ topic, messages: [bad] });
    await producer.disconnect();
    // A valid event whose handler always fails: retried, then dead-lettered.
    await service.dataSource.transaction((manager) =>
      publisher.publish(manager, {
        type: 'platform.probe.v1',
        subject: 'failing',
        data: { message: 'always-fail', sequence: 4 },
      }),
    );
    await service.dataSource.transaction((manager) =>
      publisher.publish(manager, {
        type: 'platform.probe.v1',
        subject: 'after-failures',
        data: { message: 'still flowing', sequence: 5 },
      }),
    );
    await waitFor(() => seen.length >= 3, 60_000, 'three dead letters');
    await consumer.disconnect();
    const reasons = Object.fromEntries(seen.map((s) => [s.key, s.reason]));
    expect(reasons['garbage']).toMatch(/malformed CloudEvent/);
    expect(reasons['schema-breaker']).toMatch(/sequence/);
    expect(reasons['failing']).toMatch(/handler failed 5 times: probe handler refuses this message/);
    await waitFor(async () => (await receipts(5)).length === 1, 30_000, 'the event after the failures');
    const recorded = await service.dataSource.query('SELECT count(*)::int AS n FROM dead_letter');
    expect(recorded[0].n).toBe(3);
    const metrics = await (await fetch(`${service.httpUrl}/metrics`, probeMonitoring)).text();
    expect(metrics).toMatch(/govdata_events_consumed_total\{type="platform.probe.v1",outcome="dead-lettered"[^}]*\} 3/);
    expect(metrics).toMatch(/govdata_events_consumed_total\{type="platform.probe.v1",outcome="duplicate"[^}]*\} 2/);
  });

  it('applies a burst of events once each, batched per partition, with a failing one among them dead-lettered alone', async () => {
    const producer = client.producer();
    await producer.connect();
    const topic = `${config.kafka.topicPrefix}platform.probe.v1`;
    const messages = Array.from({ length: 300 }, (_, i) => {
      const sequence = 1000 + i;
      const message = i === 150 ? 'always-fail' : `burst ${i}`;
      return encodeCloudEvent(
        {
          specversion: '1.0',
          id: `burst-${i}`,
          type: 'platform.probe.v1',
          source: eventSource('100000', 'test'),
          data: { message, sequence },
        },
        'burst', // one key: one partition, so the consumer gets them in batches
      );
    });
    // Sent twice: the second copy of each is a duplicate the inbox absorbs.
    await producer.send({ topic, messages });
    await producer.send({ topic, messages });
    await producer.disconnect();
    await waitFor(
      async () => {
        const [row] = await service.dataSource.query(
          'SELECT count(*)::int AS n FROM probe_receipt WHERE sequence BETWEEN 1000 AND 1299',
        );
        return row.n === 299 ? true : undefined;
      },
      90_000,
      'the 299 good events applied',
    );
    const perEvent = await service.dataSource.query(
      'SELECT count(DISTINCT event_id)::int AS events, count(*)::int AS rows FROM probe_receipt WHERE sequence BETWEEN 1000 AND 1299',
    );
    expect(perEvent[0]).toEqual({ events: 299, rows: 299 });
    await waitFor(
      async () => {
        const rows = await service.dataSource.query("SELECT reason FROM dead_letter WHERE event_id = 'burst-150'");
        return rows.length > 0 ? rows : undefined;
      },
      60_000,
      'the failing event dead-lettered',
    );
  });
});

import { Kafka, logLevel } from 'kafkajs';
import { encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import type { RunningService } from '@govdata/platform-service';
import { TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import type { NodeConfig } from '@govdata/platform-config';
import { startProbeNode, type ProbeNode } from '../integration/probe-service.js';

/**
 * Events/s through the whole reliable path — a transaction that writes the outbox, the relay, Kafka,
 * the consumer, the inbox and the handler's write — against the same events sent straight to Kafka
 * with kafkajs (no database, no delivery guarantee beyond the broker ack), in the same run.
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 2_000);

describe('bench: outbox path vs direct Kafka produce', () => {
  let node: ProbeNode;
  let config: NodeConfig;
  let service: RunningService;

  beforeAll(async () => {
    node = await startProbeNode();
    ({ config, service } = node);
  });

  afterAll(() => node?.stop());

  it('measures end-to-end events per second', async () => {
    const kafka = new Kafka({ clientId: 'bench', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const topic = `${config.kafka.topicPrefix}bench.direct`;
    const baselineStart = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const message = encodeCloudEvent(
        {
          specversion: '1.0',
          id: `direct-${i}`,
          type: 'platform.probe.v1',
          source: eventSource('100000', 'bench'),
          data: { message: 'direct', sequence: i },
        },
        `k${i % 16}`,
      );
      await producer.send({ topic, acks: -1, messages: [message] });
    }
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    await producer.disconnect();

    const { publisher } = node;
    const start = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      await service.dataSource.transaction((manager) =>
        publisher.publish(manager, {
          type: 'platform.probe.v1',
          subject: `k${i % 16}`,
          data: { message: 'through the outbox', sequence: i },
        }),
      );
    }
    const committedSeconds = (performance.now() - start) / 1000;
    await waitFor(
      async () => (await service.dataSource.query('SELECT count(*)::int AS n FROM probe_receipt'))[0].n >= EVENTS,
      600_000,
      'all events applied',
    );
    const endToEndSeconds = (performance.now() - start) / 1000;
    const result = {
      bench: 'outbox-throughput',
      events: EVENTS,
      outboxCommitPerSecond: Math.round(EVENTS / committedSeconds),
      outboxEndToEndPerSecond: Math.round(EVENTS / endToEndSeconds),
      baselineDirectProducePerSecond: Math.round(EVENTS / baselineSeconds),
      ratioEndToEndToBaseline: Number((baselineSeconds / endToEndSeconds).toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    expect(result.events).toBe(EVENTS);
  });
});

import { Controller, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { ProbeEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventPublisher } from '@govdata/platform-messaging';
import { EventContext, OnEvent, type RunningService, type ServiceDefinition } from '@govdata/platform-service';
import { startTestNode, type testNodeConfig } from '@govdata/platform-testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A service used by the platform tests: it records every platform.probe.v1 it applies. */
export class CreateProbeReceipt1763856900000 implements MigrationInterface {
  name = 'CreateProbeReceipt1763856900000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE probe_receipt (id bigserial PRIMARY KEY, event_id text NOT NULL, message text NOT NULL, sequence integer NOT NULL, attempt integer NOT NULL)',
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE probe_receipt');
  }
}

@Controller()
export class ProbeController {
  @OnEvent('platform.probe.v1')
  async onProbe(@Payload() probe: ProbeEventV1, @Ctx() context: EventContext): Promise<void> {
    // A probe whose message says so fails every time: it must end in dead letters.
    if (probe.message === 'always-fail') throw new Error('probe handler refuses this message');
    await context.manager.query(
      'INSERT INTO probe_receipt (event_id, message, sequence, attempt) VALUES ($1, $2, $3, $4)',
      [context.event.id, probe.message, probe.sequence, context.attempt],
    );
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}

export const probeService: ServiceDefinition = {
  name: 'analytics',
  imports: [ProbeModule],
  persistence: { migrations: [CreateProbeReceipt1763856900000] },
};

export interface ProbeNode {
  config: NodeConfig;
  service: RunningService;
  /** Writes events into the probe service's outbox, as the service's own code would. */
  publisher: EventPublisher;
  stop(): Promise<void>;
}

/** The probe node's monitoring token: `/metrics` and the `/readyz` details need it. */
export const PROBE_METRICS_TOKEN = 'probe-metrics-token-0123456789';

/** Bearer header of the monitoring token, for `/metrics` and the `/readyz` details. */
export const probeMonitoring = { headers: { authorization: `Bearer ${PROBE_METRICS_TOKEN}` } };

/** Starts the probe service on an isolated test node and waits until it is ready. */
export async function startProbeNode(
  overrides: Parameters<typeof testNodeConfig>[0] = {},
  waitReady = true,
): Promise<ProbeNode> {
  const node = await startTestNode({
    services: [probeService],
    overrides: { http: { metricsToken: PROBE_METRICS_TOKEN }, ...overrides },
    waitReady,
    label: 'probe service ready',
  });
  const { config } = node;
  const [service] = node.services as [RunningService];
  const publisher = new EventPublisher({
    nodeCode: config.node.code,
    service: 'analytics',
    topicPrefix: config.kafka.topicPrefix,
  });
  return {
    config,
    service,
    publisher,
    stop: node.close,
  };
}

import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NODE_V1 } from '@govdata/contracts';
import { jwksUriFor, TokenVerifier } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { grpcServerOptions, GrpcHealth } from '@govdata/platform-grpc';
import { createLogger, NestJsonLogger } from '@govdata/platform-logging';
import { EventPublisher, KafkaEventServer, KafkajsEventBus, OutboxRelay } from '@govdata/platform-messaging';
import { Readiness, ServiceMetrics } from '@govdata/platform-observability';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { closeRedis, connectRedis, pingRedis } from '@govdata/platform-redis';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { serveApiDocs, serveOpenApi } from './openapi.js';
import { PlatformModule } from './platform.module.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import type { ServiceDefinition } from './service-definition.js';

export interface StartOptions {
  /** Create the database, schema and role first (needs the admin URL). Default true. */
  provision?: boolean;
  /** Host to bind HTTP and gRPC on. Default 0.0.0.0. */
  bindHost?: string;
}

export interface RunningService {
  name: string;
  app: INestApplication;
  readiness: Readiness;
  dataSource: DataSource;
  relay: OutboxRelay;
  httpUrl: string;
  grpcAddress: string;
  /** Graceful stop: refuse new work, finish what is in flight, commit offsets, close pools. */
  close(): Promise<void>;
}

/**
 * Starts one service as a NestJS hybrid application: HTTP (REST, health, metrics), gRPC (its
 * services + status + health + reflection) and Kafka (its event handlers), on its own schema.
 */
export async function startService(
  definition: ServiceDefinition,
  config: NodeConfig,
  options: StartOptions = {},
): Promise<RunningService> {
  const service = definition.name;
  const ports = config.services[service];
  const bindHost = options.bindHost ?? '0.0.0.0';
  const logger = createLogger({ node: config.node.code, service, level: config.log.level });

  if (options.provision ?? true) await provisionNodeDatabase(config, [service]);
  const dataSource = createServiceDataSource(config, service, definition.persistence);
  await dataSource.initialize();
  const applied = await migrateServiceSchema(dataSource);
  if (applied.length > 0) logger.info({ migrations: applied }, 'schema migrated');

  const redis = await connectRedis(config.redis.url, logger);
  const bus = new KafkajsEventBus({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-${config.node.code}-${service}`,
    logger,
  });
  const publisher = new EventPublisher({ nodeCode: config.node.code, service, topicPrefix: config.kafka.topicPrefix });
  const relay = new OutboxRelay(dataSource, bus, logger.child({ component: 'outbox-relay' }));
  const metrics = new ServiceMetrics({ node: config.node.code, service });
  const readiness = new Readiness([
    { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
    {
      name: 'schema',
      check: async () => {
        if (await dataSource.showMigrations()) throw new Error('migrations are pending');
      },
    },
    { name: 'redis', check: () => pingRedis(redis) },
    { name: 'kafka', check: () => bus.ping(1_500) },
  ]);
  const verifier = new TokenVerifier([
    { issuer: config.identity.issuer, jwksUri: jwksUriFor(config.identity.issuer) },
    ...config.identity.trustedIssuers,
  ]);

  // Whatever was opened above is released by close() — or at once if the start fails halfway.
  const releaseResources = async () => {
    await relay.stop();
    await bus.close();
    await closeRedis(redis);
    await dataSource.destroy();
  };

  @Module({
    imports: [
      PlatformModule.register({
        config,
        service,
        logger,
        dataSource,
        redis,
        bus,
        publisher,
        readiness,
        metrics,
        verifier,
      }),
      ...definition.imports,
    ],
  })
  class ServiceRootModule {}

  let app: NestExpressApplication | undefined;
  try {
    app = await NestFactory.create<NestExpressApplication>(ServiceRootModule, {
      logger: new NestJsonLogger(logger.child({ component: 'nest' })),
      bufferLogs: false,
      abortOnError: false,
    });
  } catch (error) {
    await releaseResources();
    throw error;
  }
  const filter = new ProblemDetailsFilter(logger);
  app.useGlobalFilters(filter);
  app.useBodyParser('json', { limit: '10mb' });
  const openApi = serveOpenApi(app, service);
  if (definition.servesApiDocs) serveApiDocs(app, openApi);

  const health = new GrpcHealth({ '': 'NOT_SERVING' });
  const grpcServices = [NODE_V1, ...(definition.grpcServices ?? [])];
  const grpcAddress = `${bindHost}:${ports.grpc}`;
  app.connectMicroservice(grpcServerOptions({ url: grpcAddress, services: grpcServices, health }), {
    inheritAppConfig: true,
  });
  app.connectMicroservice(
    {
      strategy: new KafkaEventServer({
        bus,
        dataSource,
        consumerName: `${config.kafka.topicPrefix}${service}`,
        topicPrefix: config.kafka.topicPrefix,
        logger: logger.child({ component: 'events' }),
        onOutcome: (type, outcome) => metrics.eventsConsumed.inc({ type, outcome }),
      }),
    },
    { inheritAppConfig: true },
  );

  readiness.onChange((report) => {
    const status = report.ready ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    for (const s of grpcServices) health.setStatus(`${s.package}.${s.service}`, status);
    metrics.ready.set(report.ready ? 1 : 0);
    logger.info(
      { ready: report.ready, checks: report.checks.filter((c) => !c.ok) },
      report.ready ? 'service ready' : 'service not ready',
    );
  });

  try {
    await app.startAllMicroservices();
    await app.listen(ports.http, bindHost);
  } catch (error) {
    await app.close().catch(() => undefined);
    await releaseResources();
    throw error;
  }
  relay.start();
  readiness.watch(2_000);
  void readiness.evaluate();
  const backlogTimer = setInterval(() => metrics.outboxBacklog.set(relay.backlog), 5_000).unref();
  logger.info({ http: ports.http, grpc: ports.grpc }, 'service started');

  const started = app;
  let closing: Promise<void> | undefined;
  return {
    name: service,
    app: started,
    readiness,
    dataSource,
    relay,
    httpUrl: `http://127.0.0.1:${ports.http}`,
    grpcAddress: `127.0.0.1:${ports.grpc}`,
    close: () =>
      (closing ??= (async () => {
        logger.info('stopping');
        readiness.markDraining();
        readiness.stop();
        clearInterval(backlogTimer);
        // Stops HTTP intake, the gRPC server and the Kafka consumer (which commits its offsets).
        (started.getHttpServer() as Server).closeIdleConnections?.();
        await started.close();
        await releaseResources();
        logger.info('stopped');
        logger.flush?.();
      })()),
  };
}

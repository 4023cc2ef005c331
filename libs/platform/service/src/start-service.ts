import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NODE_V1 } from '@govdata/contracts';
import { jwksUriFor, ServiceTokenKey, ServiceTokens, TokenVerifier } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { useChineseZodMessages } from '@govdata/platform-errors';
import { grpcServerOptions, GrpcHealth } from '@govdata/platform-grpc';
import { createLogger, NestJsonLogger } from '@govdata/platform-logging';
import { EventPublisher, KafkaEventServer, KafkajsEventBus, OutboxRelay } from '@govdata/platform-messaging';
import { Readiness, ServiceMetrics } from '@govdata/platform-observability';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { closeRedis, connectRedis, pingRedis, RedisTokenRevocations } from '@govdata/platform-redis';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { applyInputLimits } from './input-safety.js';
import { serveApiDocs, serveOpenApi } from './openapi.js';
import { API_DOCS_CONTENT_SECURITY_POLICY, securityHeaders, servesOverTls } from './security-headers.js';
import { PlatformModule } from './platform.module.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import type { ServiceDefinition } from './service-definition.js';

export interface StartOptions {
  /** Create the database, schema and role first (needs the admin URL). Default true. */
  provision?: boolean;
  /**
   * Host to bind HTTP and gRPC on. Default: `internalBindHost` of the config (loopback) for the
   * internal ports, 0.0.0.0 for a public HTTP port (the gateway's).
   */
  bindHost?: string;
  /** Where the service's JSON log lines go (tests capture them). Default stdout. */
  logDestination?: DestinationStream;
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
  // Field errors are read by people who write Chinese: zod's own messages in Chinese.
  useChineseZodMessages();
  const ports = config.services[service];
  const bindHost = options.bindHost ?? config.internalBindHost;
  const httpBindHost = options.bindHost ?? (definition.publicHttp ? '0.0.0.0' : config.internalBindHost);
  const logger = createLogger({ node: config.node.code, service, level: config.log.level }, options.logDestination);
  // Loaded first: a node whose key file cannot be read stops before opening anything.
  const serviceTokens = new ServiceTokens(
    await ServiceTokenKey.loadOrCreate(config.node.dataDir),
    config.node.code,
    service,
  );

  if (options.provision ?? true) await provisionNodeDatabase(config, [service]);
  const dataSource = createServiceDataSource(
    config,
    service,
    definition.persistence,
    logger.child({ component: 'sql' }),
  );
  await dataSource.initialize();
  const applied = await migrateServiceSchema(dataSource);
  if (applied.length > 0) logger.info({ migrations: applied }, 'schema migrated');

  const redis = await connectRedis(config.redis.url, logger);
  const bus = new KafkajsEventBus({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-${config.node.code}-${service}`,
    logger,
    consumerMaxWaitMs: config.kafka.consumerMaxWaitMs,
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
  // Every service reads the node's revocation list (written by the gateway) on each verification.
  const verifier = new TokenVerifier(
    [
      { issuer: config.identity.issuer, jwksUri: jwksUriFor(config.identity.issuer) },
      ...config.identity.trustedIssuers,
    ],
    new RedisTokenRevocations(redis, config.redis.keyPrefix),
  );

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
        serviceTokens,
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
  // First of all middleware, so that every answer — errors, 404s, proxied ones — carries them.
  app.disable('x-powered-by');
  app.use(
    securityHeaders({
      hsts: servesOverTls(config),
      routePolicies: [
        ...(definition.servesApiDocs && config.http.apiDocs ? [API_DOCS_CONTENT_SECURITY_POLICY] : []),
        ...(definition.contentSecurityPolicies ?? []),
      ],
    }),
  );
  const filter = new ProblemDetailsFilter(logger);
  app.useGlobalFilters(filter);
  applyInputLimits(app);
  // http.apiDocs false (production): no Swagger UI, no OpenAPI documents — their paths answer 404.
  if (config.http.apiDocs) {
    const openApi = serveOpenApi(app, service);
    if (definition.servesApiDocs) serveApiDocs(app, openApi);
  }

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
    await app.listen(ports.http, httpBindHost);
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

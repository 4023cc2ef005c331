import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  AUTH_NODE_CODE,
  AuthGuard,
  GrpcAuthGuard,
  SERVICE_TOKENS,
  TOKEN_VERIFIER,
  type ServiceTokens,
  type TokenVerifier,
} from '@govdata/platform-auth';
import type { NodeConfig, ServiceName } from '@govdata/platform-config';
import { EventPublisher, type EventBus } from '@govdata/platform-messaging';
import { ObservabilityModule, type Readiness, type ServiceMetrics } from '@govdata/platform-observability';
import { RedisCache, RedisLock, RedisRateLimiter, type GovdataRedis } from '@govdata/platform-redis';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { EVENT_BUS, LOGGER, NODE_CONFIG, REDIS, SERVICE_NAME } from './platform.tokens.js';
import { ServiceStatusController } from './service-status.controller.js';

export interface PlatformResources {
  config: NodeConfig;
  service: ServiceName;
  logger: Logger;
  dataSource: DataSource;
  redis: GovdataRedis;
  bus: EventBus;
  publisher: EventPublisher;
  readiness: Readiness;
  metrics: ServiceMetrics;
  verifier: TokenVerifier;
  /** This service's tokens for the node's other services, and the verifier of theirs. */
  serviceTokens: ServiceTokens;
}

/** What every service gets: config, logger, its data source, Redis helpers, the event publisher, auth. */
@Global()
@Module({})
export class PlatformModule {
  static register(resources: PlatformResources): DynamicModule {
    const prefix = resources.config.redis.keyPrefix;
    const providers = [
      { provide: NODE_CONFIG, useValue: resources.config },
      { provide: SERVICE_NAME, useValue: resources.service },
      { provide: LOGGER, useValue: resources.logger },
      { provide: DataSource, useValue: resources.dataSource },
      { provide: REDIS, useValue: resources.redis },
      { provide: EVENT_BUS, useValue: resources.bus },
      { provide: EventPublisher, useValue: resources.publisher },
      { provide: RedisCache, useValue: new RedisCache(resources.redis, `${prefix}${resources.service}:cache:`) },
      { provide: RedisRateLimiter, useValue: new RedisRateLimiter(resources.redis, `${prefix}${resources.service}:`) },
      { provide: RedisLock, useValue: new RedisLock(resources.redis, `${prefix}${resources.service}:`) },
      { provide: TOKEN_VERIFIER, useValue: resources.verifier },
      { provide: AUTH_NODE_CODE, useValue: resources.config.node.code },
      { provide: SERVICE_TOKENS, useValue: resources.serviceTokens },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: GrpcAuthGuard },
    ];
    return {
      module: PlatformModule,
      imports: [
        ObservabilityModule.register(resources.readiness, resources.metrics, resources.config.http.metricsToken),
      ],
      controllers: [ServiceStatusController],
      providers,
      exports: [...providers.filter((p) => p.provide !== APP_GUARD).map((p) => p.provide), ObservabilityModule],
    };
  }
}

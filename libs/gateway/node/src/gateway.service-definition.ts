import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { IDENTITY_V1 } from '@govdata/contracts';
import { IDENTITY_MIGRATIONS, IdentityModule } from '@govdata/gateway-identity';
import type { ServiceDefinition } from '@govdata/platform-service';
import { NodeStatusController } from './node-status.controller.js';
import { NodeStatusService } from './node-status.service.js';
import { ServiceRoutingMiddleware } from './service-routing.middleware.js';

/** 共享门户 / 开放门户 — the node's one public HTTP entry. */
@Module({
  controllers: [NodeStatusController],
  providers: [NodeStatusService, ServiceRoutingMiddleware],
})
export class GatewayNodeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ServiceRoutingMiddleware).forRoutes('api/v1/*path');
  }
}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  imports: [GatewayNodeModule, IdentityModule],
  persistence: { migrations: IDENTITY_MIGRATIONS },
  grpcServices: [IDENTITY_V1],
  servesApiDocs: true,
  publicHttp: true,
};

import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { IDENTITY_V1 } from '@govdata/contracts';
import { IDENTITY_MIGRATIONS, IdentityModule } from '@govdata/gateway-identity';
import type { ServiceDefinition } from '@govdata/platform-service';
import { NodeStatusController } from './node-status.controller.js';
import { NodeStatusService } from './node-status.service.js';
import { GatewayOpenPortalModule } from './open-portal/open-portal.module.js';
import { GatewayPortalModule } from './portal/gateway-portal.module.js';
import { PORTAL_CONTENT_SECURITY_POLICY } from './portal/portal-routes.js';
import { ServiceRoutingMiddleware } from './service-routing.middleware.js';
import { SessionCookieMiddleware } from './session-cookie.middleware.js';

/** 共享门户 / 开放门户 — the node's one public HTTP entry. */
@Module({
  imports: [IdentityModule],
  controllers: [NodeStatusController],
  providers: [NodeStatusService, SessionCookieMiddleware, ServiceRoutingMiddleware],
})
export class GatewayNodeModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // In this order: the portal's cookie becomes a bearer token, then the request is routed.
    consumer.apply(SessionCookieMiddleware, ServiceRoutingMiddleware).forRoutes('api/v1/*path');
    // Open data's standard addresses for harvesters (CKAN action API, DCAT-AP files): anonymous, no session.
    consumer.apply(ServiceRoutingMiddleware).forRoutes('api/3/*path', 'catalog.ttl', 'catalog.jsonld', 'catalog.rdf');
  }
}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  // The portal last: its catch-all route must come after every other route (see GatewayPortalModule).
  imports: [GatewayNodeModule, IdentityModule, GatewayOpenPortalModule, GatewayPortalModule],
  persistence: { migrations: IDENTITY_MIGRATIONS },
  grpcServices: [IDENTITY_V1],
  servesApiDocs: true,
  contentSecurityPolicies: [PORTAL_CONTENT_SECURITY_POLICY],
  publicHttp: true,
};

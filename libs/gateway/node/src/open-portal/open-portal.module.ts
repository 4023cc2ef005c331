import { Module } from '@nestjs/common';
import { ServiceRoutingMiddleware } from '../service-routing.middleware.js';
import { OpenPortalListener } from './open-portal.listener.js';

/** 开放门户 — the open-data portal's own port (see `OpenPortalListener`); no Nest routes. */
@Module({
  providers: [OpenPortalListener, ServiceRoutingMiddleware],
})
export class GatewayOpenPortalModule {}

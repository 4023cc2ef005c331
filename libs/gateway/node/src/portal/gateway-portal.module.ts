import { Module } from '@nestjs/common';
import { PortalController } from './portal.controller.js';
import { PortalFiles } from './portal-files.js';

/**
 * The portal's files. Its `GET /*path` takes every path no route before it took, so the gateway
 * imports this module after every module with routes (Nest registers routes in module order).
 */
@Module({
  controllers: [PortalController],
  providers: [PortalFiles],
})
export class GatewayPortalModule {}

import { Module } from '@nestjs/common';
import { IDENTITY_V1 } from '@govdata/contracts';
import { IDENTITY_MIGRATIONS, IdentityModule } from '@govdata/gateway-identity';
import type { ServiceDefinition } from '@govdata/platform-service';
import { NodeStatusController } from './node-status.controller.js';
import { NodeStatusService } from './node-status.service.js';

/** 共享門戶 / 開放門戶 — the node's one public HTTP entry. */
@Module({
  controllers: [NodeStatusController],
  providers: [NodeStatusService],
})
export class GatewayNodeModule {}

export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  imports: [GatewayNodeModule, IdentityModule],
  persistence: { migrations: IDENTITY_MIGRATIONS },
  grpcServices: [IDENTITY_V1],
};

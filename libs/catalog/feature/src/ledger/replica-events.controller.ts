import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { ReplicaEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { ReplicaProjectionService } from './replica-projection.service.js';

/** Keeps the catalog's replicas (一本账) in step with what the federation service receives from the subtree. */
@Controller()
export class ReplicaEventsController {
  constructor(private readonly projection: ReplicaProjectionService) {}

  @OnEvent('federation.replica.v1')
  async onReplica(@Payload() event: ReplicaEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.projection.apply(context.manager, event);
  }
}

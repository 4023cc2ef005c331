import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { GrantService } from './grant.service.js';

/** Grants come from sharing applications (供需對接) granted by the demand service. */
@Controller()
export class DemandEventsController {
  constructor(
    private readonly grants: GrantService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    const origin = (context.event[ORIGIN_EXTENSION] as string | undefined) ?? this.config.node.code;
    await this.grants.applyApplication(context.manager, event, origin);
  }
}

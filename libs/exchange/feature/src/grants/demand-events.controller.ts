import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { GrantService } from './grant.service.js';

/** Grants come from sharing applications (供需對接) granted by the demand service. */
@Controller()
export class DemandEventsController {
  constructor(private readonly grants: GrantService) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.grants.applyApplication(context.manager, event);
  }
}

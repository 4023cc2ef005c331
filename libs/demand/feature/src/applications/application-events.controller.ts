import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import { ORIGIN_EXTENSION } from '@govdata/platform-messaging';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { ApplyApplicationCopyUseCase } from './apply-application-copy.usecase.js';

/** Applications changed at the other node of a cross-node application, as the federation delivers them. */
@Controller()
export class ApplicationEventsController {
  constructor(private readonly applyCopy: ApplyApplicationCopyUseCase) {}

  @OnEvent('demand.application.v1')
  async onApplication(@Payload() event: DemandApplicationEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.applyCopy.execute(context.manager, event, originOf(context.event));
  }
}

/** The node where the change was made: the CloudEvents origin extension, else the node in `source`. */
function originOf(event: EventContext['event']): string {
  const origin = event[ORIGIN_EXTENSION];
  if (typeof origin === 'string' && origin) return origin;
  return /^urn:govdata:node:([^:]+):/.exec(event.source)?.[1] ?? '';
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { InheritedStandardEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { ApplyInheritedStandardUseCase } from './apply-inherited-standard.usecase.js';

/** Applies the standards and directives of ancestor nodes as the node's federation service receives them. */
@Controller()
export class StandardEventsController {
  constructor(private readonly applyInherited: ApplyInheritedStandardUseCase) {}

  @OnEvent('federation.standard.v1')
  async onStandard(@Payload() event: InheritedStandardEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.applyInherited.execute(context.manager, event);
  }
}

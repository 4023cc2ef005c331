import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { InheritedStandardEventV1, StandardEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { CalendarStandardsService } from './calendar-standards.service.js';

/**
 * The node's calendar comes from its catalog's standards: a notice loaded at this node
 * (`catalog.standard.v1`) or one an ancestor issued and the federation brought down
 * (`federation.standard.v1`). Only the event contracts are shared, never catalog code.
 */
@Controller()
export class CalendarEventsController {
  constructor(private readonly standards: CalendarStandardsService) {}

  @OnEvent('catalog.standard.v1')
  async onIssued(@Payload() event: StandardEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.standards.receive(context.manager, event);
  }

  @OnEvent('federation.standard.v1')
  async onInherited(@Payload() event: InheritedStandardEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.standards.receive(context.manager, event);
  }
}

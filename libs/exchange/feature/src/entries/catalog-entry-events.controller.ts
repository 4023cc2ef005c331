import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import { EventContext, OnEvent } from '@govdata/platform-service';
import { EntryRefRepository } from './entry-ref.repository.js';

/** Keeps the exchange's view of the node's catalog entries (owner, grade, items) in step. */
@Controller()
export class CatalogEntryEventsController {
  constructor(private readonly entries: EntryRefRepository) {}

  @OnEvent('catalog.entry.v1')
  async onEntry(@Payload() event: CatalogEntryEventV1, @Ctx() context: EventContext): Promise<void> {
    await this.entries.apply(context.manager, event);
  }
}

import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CatalogEntryEventV1, ReplicaEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { entryRefFromCatalog, entryRefFromReplica, EntryRefRejected } from './entry-ref.js';
import { EntryRefRepository } from './entry-ref.repository.js';

/**
 * What an application may name: this node's published entries (`catalog.entry.v1`) and the entries
 * of other nodes in its 一本账 (`federation.replica.v1`).
 */
@Controller()
export class EntryEventsController {
  private readonly log = new Logger(EntryEventsController.name);

  constructor(
    private readonly entries: EntryRefRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('catalog.entry.v1')
  async onEntry(@Payload() event: CatalogEntryEventV1, @Ctx() context: EventContext): Promise<void> {
    if (event.entry.nodeCode !== this.config.node.code) {
      throw new EntryRefRejected(`entry ${event.entry.id} belongs to node ${event.entry.nodeCode}, not this node`);
    }
    const entry = entryRefFromCatalog(event);
    if (entry) await this.entries.upsertIfNewer(context.manager, entry);
  }

  @OnEvent('federation.replica.v1')
  async onReplica(@Payload() event: ReplicaEventV1, @Ctx() context: EventContext): Promise<void> {
    if (event.origin === this.config.node.code) {
      throw new EntryRefRejected(`replica origin ${event.origin} is this node`);
    }
    const entry = entryRefFromReplica(event);
    if (!(await this.entries.upsertIfNewer(context.manager, entry))) {
      this.log.debug(`replica ${event.origin}/${entry.entryId} v${entry.version}: not newer, unchanged`);
    }
  }
}

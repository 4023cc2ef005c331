import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { ReplicationRepository, type EncodedLogRow } from './replication.repository.js';

/** Transitions that change what ancestors hold of an entry: only published and retired entries go up. */
const REPLICATED_ACTIONS = new Set<CatalogEntryEventV1['action']>(['publish', 'retire']);

/**
 * Feeds the node's own catalog changes into its replication log, in the inbox transaction: once the
 * event is accepted the change waits in the log however long the parent is away.
 */
@Controller()
export class CatalogFeedController {
  constructor(
    private readonly log: ReplicationRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('catalog.entry.v1')
  onEntry(@Payload() event: CatalogEntryEventV1, @Ctx() context: EventContext): void {
    if (!REPLICATED_ACTIONS.has(event.action)) return;
    // Only this node's own records start here; replicas of other nodes arrive over the links.
    if (event.entry.nodeCode !== this.config.node.code) return;
    // The log rows of a batch of events go in with one insert, in the events' order.
    context.writeBatched(this.appendMany, {
      eventId: context.event.id,
      kind: 'catalog.entry',
      origin: event.entry.nodeCode,
      recordKey: event.entry.id,
      version: event.sequence,
      path: [this.config.node.code],
      eventTime: new Date(event.at),
      payloadJson: JSON.stringify(event),
    });
  }

  private readonly appendMany = (m: EntityManager, rows: Omit<EncodedLogRow, 'seq'>[]) => this.log.appendMany(m, rows);
}

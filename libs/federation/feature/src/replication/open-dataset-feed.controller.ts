import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { OpenDatasetEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import type { EntityManager } from 'typeorm';
import { ReplicationRepository, type EncodedLogRow } from './replication.repository.js';

/**
 * Feeds the node's own open datasets (`open-data.dataset.v1`: opened, changed, archived) into its
 * replication log, as the catalog feed does for entries: in the inbox transaction, so an accepted
 * change waits in the log however long the parent is away.
 */
@Controller()
export class OpenDatasetFeedController {
  constructor(
    private readonly log: ReplicationRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('open-data.dataset.v1')
  onDataset(@Payload() event: OpenDatasetEventV1, @Ctx() context: EventContext): void {
    // Only this node's own datasets start here; those of other nodes arrive over the links.
    if (event.dataset.nodeCode !== this.config.node.code) return;
    context.writeBatched(this.appendMany, {
      eventId: context.event.id,
      kind: 'open-data.dataset',
      origin: event.dataset.nodeCode,
      recordKey: event.dataset.id,
      version: event.version,
      path: [this.config.node.code],
      eventTime: new Date(event.at),
      payloadJson: JSON.stringify(event),
    });
  }

  private readonly appendMany = (m: EntityManager, rows: Omit<EncodedLogRow, 'seq'>[]) => this.log.appendMany(m, rows);
}

import { randomUUID } from 'node:crypto';
import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { DatasetRepository } from './dataset.repository.js';
import { datasetMetadata, openTypeOf } from './entry-metadata.js';
import { OpenDatasetEvents } from './open-dataset-events.js';
import { OpeningClock } from './opening-clock.js';

/**
 * The open catalog follows the node's government catalog (`catalog.entry.v1`): a published version
 * whose 开放属性 allows opening puts the entry in the authority's opening review (or refreshes an
 * open dataset's metadata); a version that no longer allows opening, or retiring the entry, closes
 * the dataset — archived and listed as such, never silently gone. A transition older than the one
 * last applied changes nothing, so redelivered events are harmless.
 */
@Controller()
export class CatalogEntryEventsController {
  private readonly log = new Logger(CatalogEntryEventsController.name);

  constructor(
    private readonly datasets: DatasetRepository,
    private readonly clock: OpeningClock,
    private readonly events: OpenDatasetEvents,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('catalog.entry.v1')
  async onEntry(@Payload() event: CatalogEntryEventV1, @Ctx() context: EventContext): Promise<void> {
    if (event.entry.nodeCode !== this.config.node.code) return;
    if (event.action !== 'publish' && event.action !== 'retire') return;
    const manager = context.manager;
    const existing = await this.datasets.findByEntry(manager, event.entry.id);
    if (existing && existing.entrySequence >= event.sequence) {
      this.log.debug(`entry ${event.entry.id} transition ${event.sequence}: already applied`);
      return;
    }
    if (event.action === 'retire') {
      if (existing && existing.status !== 'archived') {
        await this.datasets.archive(manager, existing.id, event.sequence, '目录已停用 (the catalog entry was retired)');
        await this.events.changed(manager, existing.id, 'archive');
      }
      return;
    }
    const openType = openTypeOf(event.version.content);
    if (openType === 'none') {
      if (existing && existing.status !== 'archived') {
        await this.datasets.archive(
          manager,
          existing.id,
          event.sequence,
          '新版本的开放属性为不予开放 (the new version does not allow opening)',
        );
        await this.events.changed(manager, existing.id, 'archive');
      }
      return;
    }
    const metadata = datasetMetadata(event, openType);
    if (!existing) {
      await this.datasets.insertPending(manager, {
        id: randomUUID(),
        nodeCode: this.config.node.code,
        entryId: event.entry.id,
        ...metadata,
        ...this.clock.reviewDue(),
      });
      return;
    }
    // An open dataset stays open with the new metadata (columns without a decision are never
    // served); a refused or archived one comes back for review.
    if (existing.status === 'open') {
      await this.datasets.updateMetadata(manager, existing.id, metadata, { status: 'open' });
      await this.events.changed(manager, existing.id, 'update');
    } else {
      await this.datasets.updateMetadata(manager, existing.id, metadata, {
        status: 'pending',
        ...this.clock.reviewDue(),
      });
    }
  }
}

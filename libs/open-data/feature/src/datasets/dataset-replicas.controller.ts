import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { OpenDatasetReplicaEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { EventContext, NODE_CONFIG, OnEvent } from '@govdata/platform-service';
import { DatasetRepository } from './dataset.repository.js';

/**
 * The open catalog of the subtree (`federation.open-dataset.v1`): each open dataset of a node below,
 * as its origin last published it, kept read-only with its provenance. The newest version wins, so a
 * replay or a late arrival changes nothing; an archiving at the origin archives the replica.
 */
@Controller()
export class DatasetReplicasController {
  private readonly log = new Logger(DatasetReplicasController.name);

  constructor(
    private readonly datasets: DatasetRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @OnEvent('federation.open-dataset.v1')
  async onReplica(@Payload() event: OpenDatasetReplicaEventV1, @Ctx() context: EventContext): Promise<void> {
    const dataset = event.record.dataset;
    // The federation announces only records of other nodes; a copy of this node's own is never taken.
    if (event.origin === this.config.node.code || dataset.nodeCode !== event.origin) {
      this.log.warn(`replica of dataset ${dataset.id} from ${event.origin}: not a dataset of the subtree, ignored`);
      return;
    }
    const stored = await this.datasets.upsertReplica(context.manager, {
      dataset,
      version: event.version,
      path: event.path,
      receivedAt: event.receivedAt,
    });
    if (!stored) this.log.debug(`replica ${event.origin}/${dataset.id} v${event.version}: not newer, unchanged`);
  }
}

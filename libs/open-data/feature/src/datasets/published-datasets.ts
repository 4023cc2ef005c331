import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import type { DatasetRecord, ResourceRecord } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { OpenDataRule } from './open-data.exception.js';

/** What the public may read: the rules the API and the origin's answer to an ancestor share. */
@Injectable()
export class PublishedDatasets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * An open or archived dataset of this node, or (`replicas`) a replica of one opened below it; a
   * dataset in review, or refused, is not public.
   */
  async published(id: string, { replicas = true } = {}): Promise<DatasetRecord> {
    const dataset = await this.datasets.findById(this.dataSource.manager, id);
    const here = dataset?.nodeCode === this.config.node.code && !dataset.origin;
    if (
      !dataset ||
      !(here || (replicas && dataset.origin)) ||
      (dataset.status !== 'open' && dataset.status !== 'archived')
    ) {
      throw GovdataError.notFound('open dataset', id);
    }
    return dataset;
  }

  /** A resource whose rows are served: of an open dataset, opened without conditions. */
  async servedResource(
    datasetId: string,
    resourceId: string,
    options: { replicas?: boolean } = {},
  ): Promise<{ dataset: DatasetRecord; resource: ResourceRecord }> {
    const dataset = await this.published(datasetId, options);
    const resource = await this.datasets.findResource(this.dataSource.manager, datasetId, resourceId);
    if (!resource) throw GovdataError.notFound('open resource', resourceId);
    if (dataset.status === 'archived') {
      throw GovdataError.conflict(
        `该数据集已归档，不再提供数据：${dataset.archivedReason ?? ''} (the dataset is archived: its data is no longer served)`,
      );
    }
    if (dataset.openType === 'conditional') {
      throw new GovdataError(
        // 403 with its rule: conditional data is served under an approved application.
        GovdataError.forbidden('').code,
        '有条件开放数据须经申请获批后使用 (data opened on conditions is served under an approved application)',
        [{ path: 'id', rule: OpenDataRule.ConditionalOpening, message: '有条件开放 (opened on conditions)' }],
      );
    }
    return { dataset, resource };
  }
}

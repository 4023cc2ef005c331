import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { OpenApplicationsService } from '../applications/open-applications.service.js';
import { OpenCallers } from '../people/open-callers.js';
import type { DatasetRecord, ResourceRecord } from './dataset.js';
import { DatasetRepository } from './dataset.repository.js';
import { OpenDataRule } from './open-data.exception.js';

/** A resource as one caller may read it, and whether an approved application is why. */
export interface ServedResource {
  dataset: DatasetRecord;
  /** For data opened on conditions: the columns outside the caller's grant are withheld. */
  resource: ResourceRecord;
  underGrant: boolean;
}

/** What the public may read: the rules the API and the origin's answer to an ancestor share. */
@Injectable()
export class PublishedDatasets {
  constructor(
    private readonly dataSource: DataSource,
    private readonly datasets: DatasetRepository,
    private readonly callers: OpenCallers,
    private readonly applications: OpenApplicationsService,
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

  /**
   * A resource whose rows are served to the caller of `req` (null: a routed call from an ancestor,
   * which serves what is open without conditions only).
   */
  async servedResource(
    datasetId: string,
    resourceId: string,
    req: Request | null,
    options: { replicas?: boolean } = {},
  ): Promise<ServedResource> {
    const dataset = await this.published(datasetId, options);
    const resource = await this.datasets.findResource(this.dataSource.manager, datasetId, resourceId);
    if (!resource) throw GovdataError.notFound('open resource', resourceId);
    return this.served(dataset, resource, req, 'id');
  }

  /**
   * The resource as the caller may read it: not of an archived dataset; opened without conditions,
   * or on conditions under the caller's grant in force — an approved, signed application of the
   * signed-in person or of the API key's owner — with the columns outside the grant withheld.
   */
  async served(
    dataset: DatasetRecord,
    resource: ResourceRecord,
    req: Request | null,
    path: string,
  ): Promise<ServedResource> {
    if (dataset.status === 'archived') {
      throw GovdataError.conflict(
        `该数据集已归档，不再提供数据：${dataset.archivedReason ?? ''} (the dataset is archived: its data is no longer served)`,
      );
    }
    if (dataset.openType === 'unconditional') return { dataset, resource, underGrant: false };
    const caller = req ? await this.callers.resolve(req) : null;
    const fields =
      caller?.account && !dataset.origin ? await this.applications.grantedFields(caller.account.id, dataset.id) : null;
    if (!fields) {
      throw new GovdataError(
        ErrorCode.Forbidden,
        dataset.origin
          ? `有条件开放数据须在开放该数据的节点 ${dataset.nodeCode} 申请获批后使用 (apply at node ${dataset.nodeCode}, which opened it)`
          : '有条件开放数据须经申请获批、签署协议后使用 (data opened on conditions is served under an approved, signed application)',
        [{ path, rule: OpenDataRule.ConditionalOpening, message: '有条件开放 (opened on conditions)' }],
      );
    }
    const granted = new Set(fields);
    return {
      dataset,
      resource: {
        ...resource,
        columns: resource.columns.map((c) => (granted.has(c.item) ? c : { ...c, decision: 'withhold' as const })),
      },
      underGrant: true,
    };
  }
}

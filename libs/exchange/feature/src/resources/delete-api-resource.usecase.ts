import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { CallPlans } from '../calls/call-plans.js';
import { assertDataAdminOf } from '../exchange-access.js';
import { ApiResourceRepository } from './api-resource.repository.js';

/**
 * 删除接口资源 — the provider's data-admin deletes an API resource; calls under grants of its entry
 * are answered resource-not-registered from the next plan on.
 */
@Injectable()
export class DeleteApiResourceUseCase {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly resources: ApiResourceRepository,
    private readonly plans: CallPlans,
  ) {}

  async execute(principal: Principal, id: string): Promise<void> {
    const nodeCode = this.config.node.code;
    const record = await this.resources.findById(this.dataSource.manager, nodeCode, id);
    if (!record) throw GovdataError.notFound('API resource', id);
    assertDataAdminOf(principal, nodeCode, record.organisationId, 'delete its API resources');
    await this.dataSource.transaction((manager) => this.resources.delete(manager, nodeCode, id));
    this.plans.forgetEntry(record.entryId);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { readableOrganisation } from '../exchange-access.js';
import { toApiResourceView, type ApiResourceView } from './api-resource.js';
import { ApiResourceRepository } from './api-resource.repository.js';

/**
 * 接口资源 — reading the upstream APIs providers registered. They change only through their use
 * cases: `RegisterApiResourceUseCase` and `DeleteApiResourceUseCase`.
 */
@Injectable()
export class ApiResourceService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly resources: ApiResourceRepository,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async list(principal: Principal, organisationId: string | undefined): Promise<ApiResourceView[]> {
    const scope = readableOrganisation(principal, this.nodeCode, organisationId, 'API resources');
    return (await this.resources.list(this.dataSource.manager, this.nodeCode, scope)).map(toApiResourceView);
  }

  async get(principal: Principal, id: string): Promise<ApiResourceView> {
    const record = await this.resources.findById(this.dataSource.manager, this.nodeCode, id);
    const scope = readableOrganisation(principal, this.nodeCode, undefined, 'API resources');
    if (!record || (scope !== null && record.organisationId !== scope)) throw GovdataError.notFound('API resource', id);
    return toApiResourceView(record);
  }
}

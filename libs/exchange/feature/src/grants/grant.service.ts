import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { readableOrganisation } from '../exchange-access.js';
import { toGrantView, type GrantView } from './grant.js';
import { GrantRepository, type GrantListFilter } from './grant.repository.js';

/**
 * 授权 — reading the grants this node enforces as provider and those its organisations hold. Grants
 * change only through their use cases: issued (`IssueGrantUseCase`), revoked (`RevokeGrantUseCase`),
 * ended with their application (`EndGrantWithApplicationUseCase`), expired (`ExpireGrantsUseCase`).
 */
@Injectable()
export class GrantService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    private readonly dataSource: DataSource,
    private readonly grants: GrantRepository,
  ) {}

  private get nodeCode(): string {
    return this.config.node.code;
  }

  async list(
    principal: Principal,
    query: { side: GrantListFilter['side']; organisationId?: string; status?: GrantListFilter['status'] },
  ): Promise<GrantView[]> {
    const organisationId = readableOrganisation(principal, this.nodeCode, query.organisationId, 'grants');
    const grants = await this.grants.list(this.dataSource.manager, this.nodeCode, {
      side: query.side,
      organisationId,
      ...(query.status ? { status: query.status } : {}),
    });
    return grants.map(toGrantView);
  }

  async get(principal: Principal, id: string): Promise<GrantView> {
    const grant = await this.grants.find(this.dataSource.manager, id);
    const scope = readableOrganisation(principal, this.nodeCode, undefined, 'grants');
    if (
      !grant ||
      (scope !== null && grant.providerOrganisationId !== scope && grant.consumerOrganisationId !== scope)
    ) {
      throw GovdataError.notFound('grant', id);
    }
    return toGrantView(grant);
  }
}

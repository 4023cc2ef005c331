import { RequirePermission } from '@govdata/platform-auth';
import { Controller, Get, Inject } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { OrganisationRefRepository, type OrganisationRef } from './organisation-ref.repository.js';

/** 提供方 — the organisations of this node that may provide catalog entries. */
@Controller('api/v1/catalog/providers')
export class ProvidersController {
  constructor(
    private readonly organisations: OrganisationRefRepository,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Any signed-in caller of the node; the token is verified here, in the catalog service. */
  @Get()
  @RequirePermission('catalog.reference.read')
  async list(): Promise<{ items: OrganisationRef[] }> {
    return { items: await this.organisations.listActive(this.dataSource.manager, this.config.node.code) };
  }
}

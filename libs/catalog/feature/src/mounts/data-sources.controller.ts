import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireRoles, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { DataSourceView } from './data-source.js';
import { listDataSourcesQuery, registerDataSourceBody } from './data-source.dto.js';
import { DataSourceService } from './data-source.service.js';

const idParam = z.uuid();

/**
 * 數據源 — `/api/v1/catalog/data-sources`: databases an organisation mounts tables from. No
 * response ever carries a password (`hasPassword` says whether one is stored).
 */
@Controller('api/v1/catalog/data-sources')
export class DataSourcesController {
  constructor(private readonly sources: DataSourceService) {}

  @Post()
  @RequireRoles('catalog-editor')
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DataSourceView> {
    return this.sources.register(principal, parseInput(registerDataSourceBody, body));
  }

  @Get()
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: DataSourceView[] }> {
    const { organisationId } = parseInput(listDataSourcesQuery, query);
    return { items: await this.sources.list(principal, organisationId) };
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DataSourceView> {
    return this.sources.get(principal, parseInput(idParam, id, 'id'));
  }

  /** Connects with the stored credentials and reports the server version, or a 422 saying what failed. */
  @Post(':id/check')
  @HttpCode(200)
  check(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<{ reachable: true; serverVersion: string }> {
    return this.sources.check(principal, parseInput(idParam, id, 'id'));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRoles('catalog-editor')
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.sources.delete(principal, parseInput(idParam, id, 'id'));
  }
}

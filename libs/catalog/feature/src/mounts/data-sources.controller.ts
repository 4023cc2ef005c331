import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiZodBody } from '@govdata/platform-service';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { DataSourceView } from './data-source.js';
import { listDataSourcesQuery, registerDataSourceBody } from './data-source.dto.js';
import { DataSourceService } from './data-source.service.js';
import { DeleteDataSourceUseCase } from './delete-data-source.usecase.js';
import { RegisterDataSourceUseCase } from './register-data-source.usecase.js';
import { MountRule, SOURCE_CHECK_RULES } from './mount.exception.js';

const idParam = z.uuid();

/**
 * 数据源 — `/api/v1/catalog/data-sources`: databases an organisation mounts tables from. No
 * response ever carries a password (`hasPassword` says whether one is stored).
 */
@ApiTags('catalog data sources 数据源')
@Controller('api/v1/catalog/data-sources')
export class DataSourcesController {
  constructor(
    private readonly sources: DataSourceService,
    private readonly registerSource: RegisterDataSourceUseCase,
    private readonly deleteSource: DeleteDataSourceUseCase,
  ) {}

  @ApiOperation({ summary: '登记数据源 (register a database; the password is stored encrypted and never returned)' })
  @ApiZodBody(registerDataSourceBody)
  @ApiProblems(MountRule.OutboundNotAllowed)
  @Post()
  @RequirePermission('catalog.data-source.write')
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DataSourceView> {
    return this.registerSource.execute(principal, parseInput(registerDataSourceBody, body));
  }

  @ApiOperation({ summary: '数据源列表 (data sources, ?organisationId=)' })
  @Get()
  @RequirePermission('catalog.data-source.read')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: DataSourceView[] }> {
    const { organisationId } = parseInput(listDataSourcesQuery, query);
    return { items: await this.sources.list(principal, organisationId) };
  }

  @ApiOperation({ summary: '数据源详情 (one data source)' })
  @Get(':id')
  @RequirePermission('catalog.data-source.read')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DataSourceView> {
    return this.sources.get(principal, parseInput(idParam, id, 'id'));
  }

  /** Connects with the stored credentials and reports the server version, or a 422 saying what failed. */
  @ApiOperation({ summary: '连通性检测 (test the connection)' })
  @ApiProblems(...SOURCE_CHECK_RULES)
  @Post(':id/check')
  @RequirePermission('catalog.data-source.write')
  @HttpCode(200)
  check(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<{ reachable: true; serverVersion: string }> {
    return this.sources.check(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '删除数据源 (delete an unused data source)' })
  @Delete(':id')
  @RequirePermission('catalog.data-source.write')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.deleteSource.execute(principal, parseInput(idParam, id, 'id'));
  }
}

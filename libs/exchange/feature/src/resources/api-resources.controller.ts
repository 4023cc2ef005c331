import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiProblems, ApiZodBody, parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { ApiResourceView } from './api-resource.js';
import { listApiResourcesQuery, registerApiResourceBody } from './api-resource.dto.js';
import { ApiResourceService } from './api-resource.service.js';
import { DeleteApiResourceUseCase } from './delete-api-resource.usecase.js';
import { REGISTER_API_RESOURCE_RULES, RegisterApiResourceUseCase } from './register-api-resource.usecase.js';

const idParam = z.uuid();

/**
 * 接口资源 — `/api/v1/exchange/resources`: upstream APIs providers expose for their catalog
 * entries. Credentials go in once and never come out (`credentials.hasSecret` says one is stored).
 */
@ApiTags('exchange API resources 接口资源')
@Controller('api/v1/exchange/resources')
export class ApiResourcesController {
  constructor(
    private readonly resources: ApiResourceService,
    private readonly registerResource: RegisterApiResourceUseCase,
    private readonly deleteResource: DeleteApiResourceUseCase,
  ) {}

  @ApiOperation({ summary: '登记接口资源 (register the upstream API of a catalog entry; data-admin of its provider)' })
  @ApiZodBody(registerApiResourceBody)
  @ApiProblems(...REGISTER_API_RESOURCE_RULES)
  @Post()
  @RequirePermission('exchange.resource.write')
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<ApiResourceView> {
    return this.registerResource.execute(principal, parseInput(registerApiResourceBody, body));
  }

  @ApiOperation({ summary: '接口资源列表 (API resources of the organisation; ?organisationId= for node overseers)' })
  @Get()
  @RequirePermission('exchange.resource.read')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<{ items: ApiResourceView[] }> {
    const { organisationId } = parseInput(listApiResourcesQuery, query);
    return { items: await this.resources.list(principal, organisationId) };
  }

  @ApiOperation({ summary: '接口资源详情 (one API resource)' })
  @Get(':id')
  @RequirePermission('exchange.resource.read')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ApiResourceView> {
    return this.resources.get(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '删除接口资源 (delete an API resource)' })
  @Delete(':id')
  @RequirePermission('exchange.resource.write')
  @HttpCode(204)
  async delete(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.deleteResource.execute(principal, parseInput(idParam, id, 'id'));
  }
}

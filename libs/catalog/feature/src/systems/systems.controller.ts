import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiZodBody } from '@govdata/platform-service';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import { SYSTEM_LABELS, type InformationSystem } from './information-system.js';
import { listSystemsQuery, registerSystemBody, updateSystemBody } from './information-system.dto.js';
import { InformationSystemService, type InformationSystemDetail } from './information-system.service.js';

const idParam = z.uuid();

/**
 * 政务信息系统 — `/api/v1/catalog/systems`. Any signed-in caller of the node reads the register;
 * an organisation's catalog editors register and edit its systems.
 */
@ApiTags('catalog systems 政务信息系统')
@Controller('api/v1/catalog/systems')
export class SystemsController {
  constructor(private readonly systems: InformationSystemService) {}

  @ApiOperation({ summary: '登记信息系统 (register an information system of the organisation)' })
  @ApiZodBody(registerSystemBody)
  @Post()
  @RequirePermission('catalog.system.write')
  register(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<InformationSystem> {
    return this.systems.register(principal, parseInput(registerSystemBody, body));
  }

  @ApiOperation({ summary: '信息系统列表 (systems of the node, ?organisationId=)' })
  @Get()
  @RequirePermission('catalog.system.read')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<{ items: InformationSystem[]; labels: typeof SYSTEM_LABELS }> {
    return { items: await this.systems.list(principal, parseInput(listSystemsQuery, query)), labels: SYSTEM_LABELS };
  }

  @ApiOperation({ summary: '信息系统详情 (a system and the entries naming it)' })
  @Get(':id')
  @RequirePermission('catalog.system.read')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<InformationSystemDetail> {
    return this.systems.get(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '修改信息系统 (edit a system; version guards lost updates)' })
  @ApiZodBody(updateSystemBody)
  @Patch(':id')
  @RequirePermission('catalog.system.write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<InformationSystem> {
    return this.systems.update(principal, parseInput(idParam, id, 'id'), parseInput(updateSystemBody, body));
  }
}

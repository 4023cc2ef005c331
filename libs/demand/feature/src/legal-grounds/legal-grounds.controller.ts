import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { legalGroundCode, legalGroundQuery, legalGroundUpdateBody, newLegalGroundBody } from './legal-ground.dto.js';
import type { LegalGround } from './legal-ground.repository.js';
import { LegalGroundService } from './legal-ground.service.js';

/** 法定事由 — `/api/v1/demand/legal-grounds`: read by every signed-in user, kept by the node's data-admin. */
@ApiTags('demand legal grounds 法定事由')
@Controller('api/v1/demand/legal-grounds')
export class LegalGroundsController {
  constructor(
    private readonly grounds: LegalGroundService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @RequirePermission('demand.legal-grounds.read')
  @ApiOperation({ summary: '法定事由列表 (the grounds a refusal may cite; ?includeWithdrawn=true)' })
  async list(@Query() query: unknown): Promise<{ items: LegalGround[] }> {
    const q = parseInput(legalGroundQuery, query);
    return { items: await this.grounds.list(this.dataSource.manager, q.includeWithdrawn) };
  }

  @Get(':code')
  @RequirePermission('demand.legal-grounds.read')
  @ApiOperation({ summary: '法定事由 (one ground)' })
  get(@Param('code') code: string): Promise<LegalGround> {
    return this.grounds.get(this.dataSource.manager, parseInput(legalGroundCode, code, 'code'));
  }

  @Post()
  @RequirePermission('demand.legal-grounds.write')
  @ApiOperation({ summary: '新增法定事由 (add a ground; data-admin of the node)' })
  @ApiZodBody(newLegalGroundBody, 'code, title (事由), basis (法律依据), description')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<LegalGround> {
    const input = parseInput(newLegalGroundBody, body);
    return this.dataSource.transaction((m) => this.grounds.create(m, principal, input));
  }

  @Put(':code')
  @RequirePermission('demand.legal-grounds.write')
  @ApiOperation({ summary: '修改法定事由 (replace title, basis and description; data-admin of the node)' })
  @ApiZodBody(legalGroundUpdateBody)
  update(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() body: unknown) {
    const id = parseInput(legalGroundCode, code, 'code');
    const input = parseInput(legalGroundUpdateBody, body);
    return this.dataSource.transaction((m) => this.grounds.update(m, principal, id, input));
  }

  @Delete(':code')
  @RequirePermission('demand.legal-grounds.write')
  @ApiOperation({ summary: '停用法定事由 (withdraw a ground: no longer citable, still shown in timelines)' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('code') code: string): Promise<LegalGround> {
    const id = parseInput(legalGroundCode, code, 'code');
    return this.dataSource.transaction((m) => this.grounds.withdraw(m, principal, id));
  }
}

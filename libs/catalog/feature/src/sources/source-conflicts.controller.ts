import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiZodBody } from '@govdata/platform-service';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { SourceConflict } from './source-conflict.js';
import { dismissConflictBody, listConflictsQuery, resolveConflictBody } from './source-conflict.dto.js';
import { SourceConflictService, type ConflictPage } from './source-conflict.service.js';
import { DismissSourceConflictUseCase } from './dismiss-source-conflict.usecase.js';
import { ResolveSourceConflictUseCase } from './resolve-source-conflict.usecase.js';
import { SourceRule } from './source.exception.js';

const idParam = z.uuid();

/**
 * 一数一源 — `/api/v1/catalog/source-conflicts`: the node authority's list of data registered by
 * more than one provider, and its decisions.
 */
@ApiTags('catalog one source 一数一源')
@Controller('api/v1/catalog/source-conflicts')
export class SourceConflictsController {
  constructor(
    private readonly conflicts: SourceConflictService,
    private readonly resolveConflict: ResolveSourceConflictUseCase,
    private readonly dismissConflict: DismissSourceConflictUseCase,
  ) {}

  @ApiOperation({ summary: '一数一源疑似重复 (flagged duplicate registrations, ?status=open)' })
  @Get()
  @RequirePermission('catalog.source-conflict.resolve')
  list(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<ConflictPage> {
    return this.conflicts.list(principal, parseInput(listConflictsQuery, query));
  }

  @ApiOperation({ summary: '疑似重复详情 (one flag with the overlapping items)' })
  @Get(':id')
  @RequirePermission('catalog.source-conflict.resolve')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<SourceConflict> {
    return this.conflicts.get(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '确定权威来源 (designate the authoritative entry)' })
  @ApiZodBody(resolveConflictBody)
  @ApiProblems(SourceRule.OneOfPair, SourceRule.NotRetired, SourceRule.AuthorityIsSubordinate)
  @Post(':id/resolve')
  @RequirePermission('catalog.source-conflict.resolve')
  @HttpCode(200)
  resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<SourceConflict> {
    return this.resolveConflict.execute(
      principal,
      parseInput(idParam, id, 'id'),
      parseInput(resolveConflictBody, body),
    );
  }

  @ApiOperation({ summary: '排除 (not a duplicate, with a reason)' })
  @ApiZodBody(dismissConflictBody)
  @Post(':id/dismiss')
  @RequirePermission('catalog.source-conflict.resolve')
  @HttpCode(200)
  dismiss(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<SourceConflict> {
    const { reason } = parseInput(dismissConflictBody, body);
    return this.dismissConflict.execute(principal, parseInput(idParam, id, 'id'), reason);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentPrincipal, type Principal, RequirePermission } from '@govdata/platform-auth';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiCreateEntryBody, ApiTransitionBody, ApiUpdateEntryBody } from './entry-api-docs.js';
import { decodeEntryCursor, encodeEntryCursor } from './entry-cursor.js';
import { ENTRY_STATUSES } from './entry-lifecycle.js';
import { EntryReadService } from './entry-read.service.js';
import type { EntryTransitionUseCase } from './entry-transition.usecase.js';
import type { WriteResult } from './entry-transition.runner.js';
import { ApproveEntryUseCase } from './approve-entry.usecase.js';
import { CreateEntryUseCase } from './create-entry.usecase.js';
import { PublishEntryUseCase } from './publish-entry.usecase.js';
import { ReturnEntryUseCase } from './return-entry.usecase.js';
import { RetireEntryUseCase } from './retire-entry.usecase.js';
import { ReviseEntryUseCase } from './revise-entry.usecase.js';
import { SubmitEntryUseCase } from './submit-entry.usecase.js';
import { UpdateEntryUseCase } from './update-entry.usecase.js';
import { WithdrawEntryUseCase } from './withdraw-entry.usecase.js';
import {
  CREATE_ENTRY_PROBLEMS,
  RETIRE_ENTRY_PROBLEMS,
  RETURN_ENTRY_PROBLEMS,
  REVISE_ENTRY_PROBLEMS,
  SUBMIT_ENTRY_PROBLEMS,
  UPDATE_ENTRY_PROBLEMS,
} from './entry-problems.js';

const listQuery = z
  .object({
    organisationId: z.uuid().optional(),
    status: z.enum(ENTRY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

const versionQuery = z
  .object({ version: z.union([z.enum(['head', 'published']), z.coerce.number().int().min(1)]).optional() })
  .strict();

const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }).strict();

/**
 * 目录编目与审核 — catalog entries over REST: an editor creates and edits its organisation's entries,
 * the node's reviewers return or approve them, and every signed-in user reads what it may see.
 */
@ApiTags('catalog entries 目录条目')
@Controller('api/v1/catalog/entries')
export class EntriesController {
  constructor(
    private readonly reads: EntryReadService,
    private readonly dataSource: DataSource,
    private readonly createEntry: CreateEntryUseCase,
    private readonly updateEntry: UpdateEntryUseCase,
    private readonly submitEntry: SubmitEntryUseCase,
    private readonly withdrawEntry: WithdrawEntryUseCase,
    private readonly returnEntry: ReturnEntryUseCase,
    private readonly approveEntry: ApproveEntryUseCase,
    private readonly publishEntry: PublishEntryUseCase,
    private readonly reviseEntry: ReviseEntryUseCase,
    private readonly retireEntry: RetireEntryUseCase,
  ) {}

  /** 新增目录 — creates a draft with its 信息资源代码. */
  @Post()
  @RequirePermission('catalog.entry.edit')
  @ApiOperation({
    summary: '新增目录条目 (create a draft entry)',
    description: 'catalog-editor of the providing organisation. The platform assigns the 信息资源代码.',
  })
  @ApiCreateEntryBody()
  @ApiProblems(...CREATE_ENTRY_PROBLEMS)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<WriteResult['entry'] & { warnings: WriteResult['warnings'] }> {
    const result = await this.dataSource.transaction((m) => this.createEntry.execute(m, principal, body));
    return { ...result.entry, warnings: result.warnings };
  }

  @Get()
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '目录条目列表 (list entries the caller may see)' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    const q = parseInput(listQuery, query);
    const items = await this.reads.list(this.dataSource.manager, principal, {
      organisationId: q.organisationId,
      status: q.status,
      after: q.cursor ? decodeEntryCursor(q.cursor, 'cursor') : undefined,
      limit: q.limit + 1,
    });
    const page = items.slice(0, q.limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: items.length > q.limit && last ? encodeEntryCursor(last) : null,
    };
  }

  @Get(':idOrCode')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({
    summary: '查看目录条目 (read an entry)',
    description: 'version=head|published|<n>; readers outside the providing organisation see published versions only.',
  })
  @ApiParam({ name: 'idOrCode', description: 'UUID or 信息资源代码 (URL-encoded, the "/" as %2F)' })
  async get(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Query() query: unknown) {
    const q = parseInput(versionQuery, query);
    return this.reads.get(this.dataSource.manager, principal, idOrCode, q.version);
  }

  /** 修改 — replaces the content of a draft or returned version. */
  @Put(':idOrCode')
  @RequirePermission('catalog.entry.edit')
  @ApiOperation({ summary: '修改目录条目 (edit the draft or returned version)' })
  @ApiUpdateEntryBody()
  @ApiProblems(...UPDATE_ENTRY_PROBLEMS)
  async update(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    const result = await this.dataSource.transaction((m) => this.updateEntry.execute(m, principal, idOrCode, body));
    return { ...result.entry, warnings: result.warnings };
  }

  @Get(':idOrCode/versions')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '版本历史 (versions)' })
  async versions(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string) {
    return { items: await this.reads.versions(this.dataSource.manager, principal, idOrCode) };
  }

  /** Field-level differences between two versions. */
  @Get(':idOrCode/diff')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '版本比对 (field-level diff)', description: '?from=1&to=2' })
  async diff(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string, @Query() query: unknown) {
    const q = parseInput(diffQuery, query);
    return this.reads.diff(this.dataSource.manager, principal, idOrCode, q.from, q.to);
  }

  /** Every transition: who, when, from which state to which, and why. */
  @Get(':idOrCode/history')
  @RequirePermission('catalog.entry.read')
  @ApiOperation({ summary: '流转记录 (who did what, when and why)' })
  async history(@CurrentPrincipal() principal: Principal, @Param('idOrCode') idOrCode: string) {
    return { items: await this.reads.history(this.dataSource.manager, principal, idOrCode) };
  }

  @Post(':idOrCode/submit')
  @RequirePermission('catalog.entry.edit')
  @HttpCode(200)
  @ApiOperation({
    summary: '提交审核 (submit for review)',
    description: 'catalog-editor of the providing organisation; from draft or returned.',
  })
  @ApiTransitionBody()
  @ApiProblems(...SUBMIT_ENTRY_PROBLEMS)
  submit(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.submitEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/withdraw')
  @RequirePermission('catalog.entry.edit')
  @HttpCode(200)
  @ApiOperation({
    summary: '撤回 (withdraw a submission)',
    description: 'catalog-editor of the providing organisation; from submitted.',
  })
  @ApiTransitionBody()
  withdraw(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.withdrawEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/return')
  @RequirePermission('catalog.entry.review')
  @HttpCode(200)
  @ApiOperation({
    summary: '退回修改 (return with reasons per field)',
    description: 'catalog-reviewer of the node; fieldReasons required.',
  })
  @ApiTransitionBody()
  @ApiProblems(...RETURN_ENTRY_PROBLEMS)
  return(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.returnEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/approve')
  @RequirePermission('catalog.entry.review')
  @HttpCode(200)
  @ApiOperation({ summary: '审核通过 (approve)', description: 'catalog-reviewer of the node; from submitted.' })
  @ApiTransitionBody()
  approve(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.approveEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/publish')
  @RequirePermission('catalog.entry.publish')
  @HttpCode(200)
  @ApiOperation({
    summary: '发布 (publish)',
    description:
      'catalog-reviewer or data-admin of the node; from approved. The previous published version is superseded.',
  })
  @ApiTransitionBody()
  publish(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.publishEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/revise')
  @RequirePermission('catalog.entry.edit')
  @HttpCode(200)
  @ApiOperation({
    summary: '新建版本 (start a new version)',
    description:
      'catalog-editor of the providing organisation; the published version stays visible until the new one is published.',
  })
  @ApiTransitionBody()
  @ApiProblems(...REVISE_ENTRY_PROBLEMS)
  revise(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.reviseEntry, p, idOrCode, body);
  }

  @Post(':idOrCode/retire')
  @RequirePermission('catalog.entry.retire')
  @HttpCode(200)
  @ApiOperation({
    summary: '下线 (retire)',
    description:
      'catalog-editor of the providing organisation or data-admin of the node, with a reason. The code is never reused.',
  })
  @ApiTransitionBody()
  @ApiProblems(...RETIRE_ENTRY_PROBLEMS)
  retire(@CurrentPrincipal() p: Principal, @Param('idOrCode') idOrCode: string, @Body() body: unknown) {
    return this.transition(this.retireEntry, p, idOrCode, body);
  }

  private async transition(useCase: EntryTransitionUseCase, principal: Principal, idOrCode: string, body: unknown) {
    const result = await this.dataSource.transaction((m) => useCase.execute(m, principal, idOrCode, body));
    return { ...result.entry, warnings: result.warnings };
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ApiZodBody, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApplicationViews, type ReviewApplicationView } from './application-views.js';
import { APPLICATION_STATUSES, type ApplicationRecord } from './open-application.js';
import { OpenApplicationRepository } from './open-application.repository.js';
import { OpenApplicationsService } from './open-applications.service.js';

const listQuery = z
  .object({
    status: z.enum(APPLICATION_STATUSES).default('submitted'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
const reason = z.string().trim().min(2, '请说明理由 (say why)').max(2_000);
export const applicationDecisionBody = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      /** Narrow the fields granted (within those asked for); all of them when absent. */
      fields: z.array(z.string().trim().min(1).max(200)).min(1).max(500).optional(),
      /** End the grant earlier than asked; the day asked for when absent. */
      validUntil: z.iso.date('日期格式为 YYYY-MM-DD (a date: YYYY-MM-DD)').optional(),
      /** The department's own conditions, written into the agreement. */
      conditions: z.string().trim().min(1).max(1_000).optional(),
    })
    .strict(),
  z.object({ decision: z.literal('refuse'), reason }).strict(),
]);
export const revocationBody = z.object({ reason }).strict();
const idParam = z.uuid();

/**
 * 有条件开放申请审核 — `/api/v1/open-data/applications`: the providing department reviews the
 * applications for its data within its working days (approve, offering the agreement, or refuse with
 * a reason) and may revoke a grant in force; the node authority sees every department's.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data/applications')
export class ApplicationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: OpenApplicationsService,
    private readonly stored: OpenApplicationRepository,
    private readonly views: ApplicationViews,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  @ApiOperation({
    summary:
      '有条件开放申请列表 (?status=submitted|approved|active|refused|withdrawn|revoked; a department sees its own)',
  })
  @Get()
  @RequirePermission('open-data.application.read')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<{ items: ReviewApplicationView[] }> {
    const q = parseInput(listQuery, query);
    const nodeWide = scopeOf(principal, 'open-data.application.read', { nodeCode: this.config.node.code }) === 'node';
    const records = await this.stored.list(this.dataSource.manager, {
      organisationId: nodeWide ? undefined : principal.organisationId,
      statuses: [q.status],
      limit: q.limit,
    });
    return { items: await this.views.review(records) };
  }

  @ApiOperation({ summary: '申请详情 (the application, its applicant as verified, the agreement)' })
  @Get(':id')
  @RequirePermission('open-data.application.read')
  async get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ReviewApplicationView> {
    return this.view(await this.applications.visible(principal, parseInput(idParam, id, 'id')));
  }

  @ApiOperation({
    summary: '审核申请 (approve — optionally fewer fields, an earlier end, conditions — or refuse with a reason)',
  })
  @ApiZodBody(applicationDecisionBody)
  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('open-data.application.decide')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ReviewApplicationView> {
    const applicationId = parseInput(idParam, id, 'id');
    const input = parseInput(applicationDecisionBody, body);
    return this.view(await this.applications.decide(principal, applicationId, input));
  }

  @ApiOperation({ summary: '终止使用 (revoke a grant in force, with a reason: its rows and downloads stop at once)' })
  @ApiZodBody(revocationBody)
  @Post(':id/revocation')
  @HttpCode(200)
  @RequirePermission('open-data.application.decide')
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ReviewApplicationView> {
    const applicationId = parseInput(idParam, id, 'id');
    const { reason: why } = parseInput(revocationBody, body);
    return this.view(await this.applications.revoke(principal, applicationId, why));
  }

  private async view(record: ApplicationRecord): Promise<ReviewApplicationView> {
    return (await this.views.review([record]))[0]!;
  }
}

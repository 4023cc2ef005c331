import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, RequirePermission, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { DatasetRecord } from '../datasets/dataset.js';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { decodeListCursor, encodeListCursor } from '../datasets/list-cursor.js';
import { OPEN_DOMAIN_CODES } from '../datasets/open-vocabulary.js';
import { OpenCallers } from '../people/open-callers.js';
import { DEMAND_OUTCOME_CODES, type DemandRecord } from './feedback.js';
import { FeedbackRepository } from './feedback.repository.js';
import { FeedbackService } from './feedback.service.js';
import { demandStaffView, demandView, type DemandStaffView, type DemandView } from './feedback-views.js';

export const demandBody = z
  .object({
    title: z.string().trim().min(4, '标题至少 4 个字 (at least 4 characters)').max(100),
    description: z.string().trim().min(10, '请说明需要什么数据、用于什么 (at least 10 characters)').max(2_000),
    domain: z.enum(OPEN_DOMAIN_CODES).optional(),
    /** The department asked, if the asker knows it; otherwise the node authority routes the demand. */
    organisationId: z.uuid().optional(),
  })
  .strict();
export const routingBody = z.object({ organisationId: z.uuid() }).strict();
export const demandAnswerBody = z
  .object({
    outcome: z.enum(DEMAND_OUTCOME_CODES),
    text: z.string().trim().min(2, '请写明答复 (write the answer)').max(2_000),
    /** The open dataset, when the answer is `already-open`. */
    datasetId: z.uuid().optional(),
    /** By when the data will open, when the answer is `will-open`. */
    plannedBy: z.iso.date('日期格式为 YYYY-MM-DD (a date: YYYY-MM-DD)').optional(),
  })
  .strict();
const listQuery = z
  .object({
    status: z.enum(['open', 'answered']).optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
const queueQuery = z
  .object({
    status: z.enum(['open', 'answered']).default('open'),
    /** Only demands no department has been asked yet (the node authority's routing queue). */
    unrouted: z.enum(['true', 'false']).default('false'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
const idParam = z.uuid();

/**
 * 数据需求征集 — `/api/v1/open-data/demands`: anybody reads what the public asked for and the
 * departments' answers; a signed-in person asks (naming a department or not); the node authority
 * routes a demand to a department (`demand-queue`), and the department answers within its working days.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data')
export class DemandsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly callers: OpenCallers,
    private readonly service: FeedbackService,
    private readonly stored: FeedbackRepository,
    private readonly datasets: DatasetRepository,
  ) {}

  @ApiOperation({ summary: '数据需求列表 (what the public asked for and the answers, newest first; ?status, ?after)' })
  @Get('demands')
  @Public()
  async list(@Query() query: unknown): Promise<{ items: DemandView[]; next: string | null }> {
    const q = parseInput(listQuery, query);
    const records = await this.stored.demands(this.dataSource.manager, {
      status: q.status,
      after: q.after ? decodeListCursor(q.after) : undefined,
      limit: q.limit + 1,
    });
    const page = records.slice(0, q.limit);
    return {
      items: await this.views(page, demandView),
      next: records.length > q.limit ? encodeListCursor(page.at(-1)!.submittedAt, page.at(-1)!.id) : null,
    };
  }

  @ApiOperation({ summary: '数据需求详情 (one demand and its answer)' })
  @Get('demands/:id')
  @Public()
  async get(@Param('id') id: string): Promise<DemandView> {
    const demand = await this.stored.findDemand(this.dataSource.manager, parseInput(idParam, id, 'id'));
    if (!demand) throw GovdataError.notFound('open demand', id);
    return (await this.views([demand], demandView))[0]!;
  }

  @ApiOperation({
    summary: '提出数据需求 (signed in: a title, what and what for, optionally the domain and the department asked)',
  })
  @ApiZodBody(demandBody)
  @Post('demands')
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown): Promise<DemandView> {
    const { account } = await this.callers.signedIn(req);
    const demand = await this.service.submitDemand(account, parseInput(demandBody, body));
    return (await this.views([demand], demandView))[0]!;
  }

  @ApiOperation({ summary: '我的数据需求 (the signed-in person’s demands and their answers)' })
  @Get('me/demands')
  @Public()
  async mine(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: DemandView[] }> {
    const { account } = await this.callers.signedIn(req);
    res.setHeader('cache-control', 'no-store');
    const records = await this.stored.demands(this.dataSource.manager, { accountId: account.id, limit: 500 });
    return { items: await this.views(records, demandView) };
  }

  @ApiOperation({
    summary: '需求处理队列 (?status=open|answered, ?unrouted=true: the authority sees all, a department its own)',
  })
  @Get('demand-queue')
  @RequirePermission('open-data.demand.read')
  async queue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: unknown,
  ): Promise<{ items: DemandStaffView[] }> {
    const q = parseInput(queueQuery, query);
    const nodeWide = this.service.nodeWide(principal, 'open-data.demand.read');
    const records = await this.stored.demandQueue(this.dataSource.manager, {
      status: q.status,
      organisationId: nodeWide ? undefined : principal.organisationId,
      unrouted: nodeWide && q.unrouted === 'true',
      limit: q.limit,
    });
    return { items: await this.views(records, demandStaffView) };
  }

  @ApiOperation({ summary: '分派需求 (the node authority asks a department that provides data on this node)' })
  @ApiZodBody(routingBody)
  @Post('demand-queue/:id/routing')
  @HttpCode(200)
  @RequirePermission('open-data.demand.assign')
  async route(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DemandStaffView> {
    const demandId = parseInput(idParam, id, 'id');
    const { organisationId } = parseInput(routingBody, body);
    const routed = await this.service.routeDemand(principal, demandId, organisationId);
    return (await this.views([routed], demandStaffView))[0]!;
  }

  @ApiOperation({
    summary:
      '答复需求 (will-open with a planned date, already-open naming the dataset, cannot-open, not-held — public)',
  })
  @ApiZodBody(demandAnswerBody)
  @Post('demand-queue/:id/answer')
  @HttpCode(200)
  @RequirePermission('open-data.demand.answer')
  async answer(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DemandStaffView> {
    const demandId = parseInput(idParam, id, 'id');
    const input = parseInput(demandAnswerBody, body);
    const answered = await this.service.answerDemand(principal, demandId, input);
    return (await this.views([answered], demandStaffView))[0]!;
  }

  private async views<V>(
    records: readonly DemandRecord[],
    view: (d: DemandRecord, datasets: ReadonlyMap<string, DatasetRecord>, today: string) => V,
  ): Promise<V[]> {
    const ids = [...new Set(records.flatMap((r) => (r.answer?.datasetId ? [r.answer.datasetId] : [])))];
    const found = ids.length ? await this.datasets.findByIds(this.dataSource.manager, ids) : [];
    const byId = new Map(found.map((d) => [d.id, d]));
    const today = this.service.today();
    return records.map((r) => view(r, byId, today));
  }
}

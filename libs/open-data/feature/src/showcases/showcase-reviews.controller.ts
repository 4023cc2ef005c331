import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { SHOWCASE_STATUSES } from './showcase.js';
import { ShowcaseRepository } from './showcase.repository.js';
import { reviewShowcaseView, ShowcaseViews, type ReviewShowcaseView } from './showcase-views.js';
import { ShowcasesService } from './showcases.service.js';

const listQuery = z
  .object({
    status: z.enum(SHOWCASE_STATUSES).default('submitted'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export const showcaseDecisionBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }).strict(),
  z
    .object({
      decision: z.literal('refuse'),
      reason: z.string().trim().min(2, '请说明理由 (say why)').max(2_000),
    })
    .strict(),
]);
const idParam = z.uuid();

/**
 * 应用成果审核 — `/api/v1/open-data/showcase-reviews`: the node authority reviews what the public
 * submits before it is shown (approve, or refuse with a reason the submitter reads).
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data/showcase-reviews')
export class ShowcaseReviewsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly showcases: ShowcasesService,
    private readonly stored: ShowcaseRepository,
    private readonly views: ShowcaseViews,
  ) {}

  @ApiOperation({ summary: '待审核的应用成果 (?status=submitted|approved|refused; oldest submission first)' })
  @Get()
  @RequirePermission('open-data.showcase.read')
  async list(@Query() query: unknown): Promise<{ items: ReviewShowcaseView[] }> {
    const q = parseInput(listQuery, query);
    const records = await this.stored.listByStatus(this.dataSource.manager, q.status, q.limit);
    return { items: await this.views.map(records, reviewShowcaseView) };
  }

  @ApiOperation({ summary: '审核应用成果 (approve, or refuse with a reason)' })
  @ApiZodBody(showcaseDecisionBody)
  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('open-data.showcase.review')
  async decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ReviewShowcaseView> {
    const showcaseId = parseInput(idParam, id, 'id');
    const input = parseInput(showcaseDecisionBody, body);
    const decided = await this.showcases.decide(principal, showcaseId, input);
    return (await this.views.map([decided], reviewShowcaseView))[0]!;
  }
}

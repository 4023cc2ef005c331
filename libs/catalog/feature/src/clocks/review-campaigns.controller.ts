import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { ApiOpenCampaignBody } from './clocks-api-docs.js';
import { idParam, openCampaignBody } from './deadline-clock.dto.js';
import type { DeadlineClockView } from './deadline-clock.js';
import { ReviewCampaignService, type CampaignView } from './review-campaign.service.js';
import { ConfirmReReviewUseCase } from './confirm-re-review.usecase.js';
import { OpenReviewCampaignUseCase } from './open-review-campaign.usecase.js';
import { ClockRule } from './clock.exception.js';

/** 年度复核 — annual re-review campaigns; their tasks are listed at `/clocks?campaignId=`. */
@ApiTags('catalog deadlines 时限')
@Controller('api/v1/catalog/campaigns')
export class ReviewCampaignsController {
  constructor(
    private readonly campaigns: ReviewCampaignService,
    private readonly openCampaign: OpenReviewCampaignUseCase,
    private readonly confirmReReview: ConfirmReReviewUseCase,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Opens the year's campaign: one task per published, non-retired entry of the node. */
  @Post()
  @RequirePermission('catalog.campaign.write')
  @ApiOperation({
    summary: '发起年度复核 (open the annual re-review campaign)',
    description: 'data-admin of this node; once per year.',
  })
  @ApiOpenCampaignBody()
  @ApiProblems(ClockRule.NotInFuture)
  open(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<CampaignView> {
    const { year } = parseInput(openCampaignBody, body);
    return this.dataSource.transaction((m) => this.openCampaign.execute(m, principal, this.config.node.code, year));
  }

  @Get()
  @RequirePermission('catalog.campaign.read')
  @ApiOperation({ summary: '年度复核列表 (campaigns with progress)' })
  list(@CurrentPrincipal() principal: Principal): Promise<{ items: CampaignView[] }> {
    return this.campaigns.list(this.dataSource.manager, principal, this.config.node.code);
  }

  /** Progress: total, confirmed, open, overdue. */
  @Get(':id')
  @RequirePermission('catalog.campaign.read')
  @ApiOperation({ summary: '年度复核进度 (progress: total, confirmed, open, overdue)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<CampaignView> {
    return this.campaigns.get(this.dataSource.manager, principal, this.config.node.code, parseInput(idParam, id, 'id'));
  }

  /** A reviewer confirms the entry was re-reviewed and is still right. */
  @Post(':id/tasks/:entryId/confirm')
  @RequirePermission('catalog.campaign.confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: '确认复核 (confirm an entry’s re-review)',
    description: 'catalog-reviewer or data-admin of this node.',
  })
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('entryId') entryId: string,
  ): Promise<DeadlineClockView> {
    const campaignId = parseInput(idParam, id, 'id');
    const entry = parseInput(idParam, entryId, 'entryId');
    return this.dataSource.transaction((m) =>
      this.confirmReReview.execute(m, principal, this.config.node.code, campaignId, entry),
    );
  }
}

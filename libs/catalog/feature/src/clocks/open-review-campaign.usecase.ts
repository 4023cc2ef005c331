import { Injectable } from '@nestjs/common';
import { assertCan, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { StandardIssuer } from '../standards/standard-issuer.service.js';
import { ClockRule } from './clock.exception.js';
import { DeadlineClockService } from './deadline-clock.service.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';
import { ReviewCampaignRepository } from './review-campaign.repository.js';
import { campaignTitle, directiveKey, ReviewCampaignService, type CampaignView } from './review-campaign.service.js';

/**
 * `POST /campaigns` — 发起年度复核: the node's data-admin opens the year's campaign (once a year);
 * every published, non-retired entry gets a task, and the campaign goes down to the subtree as a
 * directive.
 */
@Injectable()
export class OpenReviewCampaignUseCase {
  constructor(
    private readonly campaigns: ReviewCampaignRepository,
    private readonly campaignService: ReviewCampaignService,
    private readonly clocks: DeadlineClockService,
    private readonly settings: DeadlineSettingsService,
    private readonly issuer: StandardIssuer,
  ) {}

  async execute(manager: EntityManager, principal: Principal, nodeCode: string, year: number): Promise<CampaignView> {
    assertCan(principal, 'catalog.campaign.write', { nodeCode }, 'opening an annual re-review campaign');
    const today = this.clocks.today();
    if (year > Number(today.slice(0, 4))) {
      throw GovdataError.rule(
        'year',
        ClockRule.NotInFuture,
        `${year} 年度复核不能在 ${year} 年之前开始（今天是 ${today}） (the ${year} re-review cannot start before ${year} (today is ${today}))`,
      );
    }
    const workingDays = (await this.settings.effective(manager, nodeCode)).annualReviewDays;
    const campaign = await this.campaigns.insert(manager, {
      nodeCode,
      year,
      startedOn: today,
      workingDays,
      openedBy: principal.subject,
    });
    if (!campaign)
      throw GovdataError.conflict(
        `节点 ${nodeCode} 已有 ${year} 年度复核活动 (node ${nodeCode} already has a re-review campaign for ${year})`,
      );
    const title = campaignTitle(year);
    await this.campaignService.openTasks(manager, campaign, title);
    // The subtree re-reviews too: the campaign goes down as a directive.
    await this.issuer.issue(manager, {
      kind: 'directive',
      key: directiveKey(year),
      action: 'upsert',
      body: { type: 'annual-review-campaign', year, startedOn: campaign.startedOn, workingDays, title },
      issuedBy: principal.subject,
    });
    return this.campaignService.view(manager, campaign, null);
  }
}

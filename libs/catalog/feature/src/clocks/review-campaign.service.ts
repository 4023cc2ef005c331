import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@govdata/calendar';
import { scopeOf, type Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CatalogCalendarService } from './catalog-calendar.service.js';
import type { DueUnknown } from './deadline-clock.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { DeadlineClockService } from './deadline-clock.service.js';
import { dueDate, warnProvisional } from './deadline-rules.js';
import { ReviewCampaignRepository, type CampaignCounts, type ReviewCampaign } from './review-campaign.repository.js';

/** A campaign with its progress; an editor sees the counts of their own organisation's entries. */
export interface CampaignView extends ReviewCampaign {
  dueOn: IsoDate | null;
  dueUnknown: DueUnknown | null;
  scope: { organisationId: string | null };
  progress: CampaignCounts;
}

/**
 * 年度复核 — the yearly full re-review of the catalog (每年进行一次全面复核): the node's data-admin
 * opens a campaign (`OpenReviewCampaignUseCase`), or an ancestor's directive does; every published,
 * non-retired entry gets a task with the annual-review allowance; a reviewer confirms each
 * (`ConfirmReReviewUseCase`), or a newer version published in the meantime settles it.
 */
@Injectable()
export class ReviewCampaignService {
  constructor(
    private readonly campaigns: ReviewCampaignRepository,
    private readonly clocks: DeadlineClockRepository,
    private readonly clockService: DeadlineClockService,
    private readonly calendars: CatalogCalendarService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * An ancestor node's directive opens this node's campaign for the year, with the directive's
   * start date and working days. Null when the node already has a campaign for the year (it keeps it).
   */
  async openByDirective(
    manager: EntityManager,
    nodeCode: string,
    directive: { origin: string; key: string; year: number; startedOn: IsoDate; workingDays: number; title: string },
  ): Promise<{ campaign: ReviewCampaign; opened: boolean }> {
    const campaign = await this.campaigns.insert(manager, {
      nodeCode,
      year: directive.year,
      startedOn: directive.startedOn,
      workingDays: directive.workingDays,
      openedBy: `node:${directive.origin}`,
      directive: { origin: directive.origin, key: directive.key },
    });
    if (!campaign)
      return { campaign: (await this.campaigns.findByYear(manager, nodeCode, directive.year))!, opened: false };
    await this.openTasks(manager, campaign, directive.title);
    return { campaign, opened: true };
  }

  /** Opens the campaign's tasks: one annual-review clock per published, non-retired entry. */
  async openTasks(manager: EntityManager, campaign: ReviewCampaign, title: string): Promise<void> {
    // Opening a campaign is not refused for a missing calendar year: the tasks carry the loud
    // due-unknown state and the attention list asks for the notice, like clocks opened on submission.
    const due = dueDate((await this.calendars.current(manager)).calendar, campaign.startedOn, campaign.workingDays);
    if (due.dueOn === null) {
      this.logger.warn(
        { year: campaign.year, missingYear: due.missingYear },
        'annual re-review tasks opened without a due date: load the holiday notice',
      );
    } else warnProvisional(this.logger, due.provisionalYears);
    const tasks = await this.clocks.openAnnualReviewTasks(manager, campaign, due, title);
    this.logger.info(
      { campaignId: campaign.id, year: campaign.year, tasks, directive: campaign.directive },
      'annual re-review campaign opened',
    );
  }

  async get(manager: EntityManager, principal: Principal, nodeCode: string, id: string): Promise<CampaignView> {
    const campaign = await this.campaigns.find(manager, nodeCode, id);
    if (!campaign) throw GovdataError.notFound('re-review campaign', id);
    return this.view(manager, campaign, progressScope(principal, nodeCode));
  }

  async list(manager: EntityManager, principal: Principal, nodeCode: string): Promise<{ items: CampaignView[] }> {
    const scope = progressScope(principal, nodeCode);
    const items: CampaignView[] = [];
    for (const campaign of await this.campaigns.list(manager, nodeCode))
      items.push(await this.view(manager, campaign, scope));
    return { items };
  }

  /** The campaign with its due date and progress; `organisationId` narrows the counts to one organisation. */
  async view(manager: EntityManager, campaign: ReviewCampaign, organisationId: string | null): Promise<CampaignView> {
    const due = dueDate((await this.calendars.current(manager)).calendar, campaign.startedOn, campaign.workingDays);
    return {
      ...campaign,
      dueOn: due.dueOn,
      dueUnknown: due.dueUnknown,
      scope: { organisationId },
      progress: await this.campaigns.counts(
        manager,
        campaign.id,
        this.clockService.today(),
        organisationId ?? undefined,
      ),
    };
  }
}

export function campaignTitle(year: number): string {
  return `${year}年度目录全面复核`;
}

/** The key of the year's campaign directive. */
export function directiveKey(year: number): string {
  return `annual-review-campaign-${year}`;
}

/** Null: the whole node (authority, auditors); otherwise the editor's organisation. */
function progressScope(principal: Principal, nodeCode: string): string | null {
  if (principal.nodeCode !== nodeCode)
    throw GovdataError.forbidden(
      `节点 ${nodeCode} 的复核活动只能在该节点查看 (campaigns of node ${nodeCode} are read on that node)`,
    );
  const scope = scopeOf(principal, 'catalog.campaign.read', { nodeCode, organisationId: principal.organisationId });
  if (scope === 'node') return null;
  if (scope === 'organisation') return principal.organisationId;
  throw GovdataError.forbidden(
    '年度复核活动仅供目录编目员、审核员、数据管理员和审计员查看 (re-review campaigns are read by catalog editors, reviewers, data-admins and auditors)',
  );
}

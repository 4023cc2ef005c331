import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { readerScope } from '../entries/entry-visibility.js';
import { CatalogCalendarService } from './catalog-calendar.service.js';
import { clockView, type DeadlineClockView } from './deadline-clock.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * `POST /campaigns/:id/tasks/:entryId/confirm` — 确认复核: a reviewer (or data-admin) of the node
 * confirms the entry was re-reviewed and is still right; the task closes met or missed.
 */
@Injectable()
export class ConfirmReReviewUseCase {
  constructor(
    private readonly clocks: DeadlineClockRepository,
    private readonly clockService: DeadlineClockService,
    private readonly calendars: CatalogCalendarService,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    campaignId: string,
    entryId: string,
  ): Promise<DeadlineClockView> {
    if (!readerScope(principal, nodeCode).nodeAuthority) {
      throw GovdataError.forbidden(
        `仅节点 ${nodeCode} 的目录审核员或数据管理员可确认复核 (only a catalog-reviewer or data-admin of node ${nodeCode} confirms a re-review)`,
      );
    }
    const task = await this.clocks.findTask(manager, nodeCode, campaignId, entryId);
    if (!task) throw GovdataError.notFound(`re-review task of campaign ${campaignId} for entry`, entryId);
    if (task.status !== 'open')
      throw GovdataError.conflict(
        `目录 ${entryId} 的复核已关闭（${task.closeReason}） (the re-review of entry ${entryId} is already closed (${task.closeReason}))`,
      );
    const { calendar } = await this.calendars.current(manager);
    return clockView(await this.clockService.closeClock(manager, calendar, task, 'confirmed', principal.subject));
  }
}

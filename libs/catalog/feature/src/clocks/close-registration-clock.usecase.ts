import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { EntryRepository } from '../entries/entry.repository.js';
import { CatalogCalendarService } from './catalog-calendar.service.js';
import { assertMayOpen, mayRead } from './clock-access.js';
import { ClockRule } from './clock.exception.js';
import { clockView, type DeadlineClockView } from './deadline-clock.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * `POST /clocks/:id/close` — 完成登记: a registration clock without a system closes when the
 * organisation names the entry that registered the resource; the entry must be theirs and submitted.
 */
@Injectable()
export class CloseRegistrationClockUseCase {
  constructor(
    private readonly clocks: DeadlineClockRepository,
    private readonly clockService: DeadlineClockService,
    private readonly calendars: CatalogCalendarService,
    private readonly entries: EntryRepository,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    id: string,
    entryId: string,
  ): Promise<DeadlineClockView> {
    const clock = await this.clocks.find(manager, nodeCode, id, true);
    if (!clock || !mayRead(principal, nodeCode, clock.organisationId))
      throw GovdataError.notFound('deadline clock', id);
    assertMayOpen(principal, nodeCode, clock.organisationId);
    if (clock.kind !== 'registration') {
      throw GovdataError.conflict(
        `${clock.kind} 时限随目录的生命周期关闭，不能手动关闭 (a ${clock.kind} clock closes with the entry's lifecycle, not by hand)`,
      );
    }
    if (clock.status !== 'open')
      throw GovdataError.conflict(`该时限已关闭（${clock.status}） (the clock is already closed (${clock.status}))`);
    const entry = await this.entries.find(manager, nodeCode, entryId);
    if (!entry)
      throw GovdataError.rule(
        'entryId',
        ClockRule.KnownEntry,
        `节点 ${nodeCode} 上没有目录 ${entryId} (no catalog entry ${entryId} on node ${nodeCode})`,
      );
    if (entry.organisationId !== clock.organisationId) {
      throw GovdataError.rule(
        'entryId',
        ClockRule.SameOrganisation,
        `目录 ${entry.code} 与该时限属于不同机构 (entry ${entry.code} belongs to another organisation than the clock)`,
      );
    }
    if (entry.publishedVersion === null && !['submitted', 'approved'].includes(entry.headState)) {
      throw GovdataError.rule(
        'entryId',
        ClockRule.SubmittedEntry,
        `目录 ${entry.code} 尚未提交；完成登记即提交该目录 (entry ${entry.code} has not been submitted; registration means submitting it)`,
      );
    }
    const { calendar } = await this.calendars.current(manager);
    return clockView(
      await this.clockService.closeClock(manager, calendar, clock, 'closed-with-entry', principal.subject, entry.id),
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { EntityManager } from 'typeorm';
import { EntryRepository } from '../entries/entry.repository.js';
import { assertMayOpen } from './clock-access.js';
import { ClockRule } from './clock.exception.js';
import type { OpenClockBody } from './deadline-clock.dto.js';
import type { DeadlineClockView } from './deadline-clock.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { DeadlineClockService } from './deadline-clock.service.js';

/**
 * `POST /clocks` — 开始计时: someone records a change of duties or data (an update clock on an
 * entry) or a new system or resource (a registration clock of an organisation). The start day is
 * theirs to give, so a due date the calendar cannot count is refused (422 `calendar-range`).
 */
@Injectable()
export class StartClockUseCase {
  constructor(
    private readonly clocks: DeadlineClockRepository,
    private readonly clockService: DeadlineClockService,
    private readonly entries: EntryRepository,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    body: OpenClockBody,
  ): Promise<DeadlineClockView> {
    const today = this.clockService.today();
    if (body.startedOn > today) {
      throw GovdataError.rule(
        'startedOn',
        ClockRule.NotAfterToday,
        `开始日期 ${body.startedOn} 晚于今天（${today}，北京时间） (startedOn ${body.startedOn} is after today (${today}, Asia/Shanghai))`,
      );
    }
    if (body.kind === 'update') {
      const entry = await this.entries.find(manager, nodeCode, body.entryId);
      if (!entry)
        throw GovdataError.rule(
          'entryId',
          ClockRule.KnownEntry,
          `节点 ${nodeCode} 上没有目录 ${body.entryId} (no catalog entry ${body.entryId} on node ${nodeCode})`,
        );
      assertMayOpen(principal, nodeCode, entry.organisationId);
      if (entry.retiredAt)
        throw GovdataError.rule(
          'entryId',
          ClockRule.NotRetired,
          `目录 ${entry.code} 已停用，无需更新 (entry ${entry.code} is retired; nothing to update)`,
        );
      return this.clockService.open(manager, {
        nodeCode,
        kind: 'update',
        organisationId: entry.organisationId,
        entryId: entry.id,
        trigger: body.trigger,
        reason: body.reason,
        startedOn: body.startedOn,
        openedBy: principal.subject,
        whenCalendarMissing: 'refuse',
      });
    }
    assertMayOpen(principal, nodeCode, body.organisationId);
    if (!(await this.clocks.organisationActive(manager, nodeCode, body.organisationId))) {
      throw GovdataError.rule(
        'organisationId',
        ClockRule.KnownOrganisation,
        `机构 ${body.organisationId} 不是节点 ${nodeCode} 的提供方 (organisation ${body.organisationId} is not a provider of node ${nodeCode})`,
      );
    }
    if (body.systemId) {
      const [existing] = await this.clocks.openRegistrationsForSystem(
        manager,
        nodeCode,
        body.organisationId,
        body.systemId,
      );
      if (existing)
        throw GovdataError.conflict(
          `信息系统 ${body.systemId} 已有进行中的登记时限（${existing.id}） (system ${body.systemId} already has an open registration clock (${existing.id}))`,
        );
    }
    return this.clockService.open(manager, {
      nodeCode,
      kind: 'registration',
      organisationId: body.organisationId,
      systemId: body.systemId,
      trigger: body.trigger ?? (body.systemId ? 'system-registered' : 'resource-appeared'),
      reason: body.reason,
      startedOn: body.startedOn,
      openedBy: principal.subject,
      whenCalendarMissing: 'refuse',
    });
  }
}

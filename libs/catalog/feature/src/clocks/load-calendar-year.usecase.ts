import { Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { EntityManager } from 'typeorm';
import { StandardIssuer } from '../standards/standard-issuer.service.js';
import { CatalogCalendarService, type CalendarYearBody } from './catalog-calendar.service.js';
import { DeadlineClockService, type CalendarLoadResult } from './deadline-clock.service.js';

/**
 * `PUT /settings/calendar/:year` — 加载年度节假日安排: the node's data-admin loads a year's holiday
 * notice; every clock that waited for the year gets its due date, and the notice is issued to the
 * node's subtree as a calendar-year standard.
 */
@Injectable()
export class LoadCalendarYearUseCase {
  constructor(
    private readonly calendars: CatalogCalendarService,
    private readonly clocks: DeadlineClockService,
    private readonly issuer: StandardIssuer,
  ) {}

  async execute(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    year: number,
    body: CalendarYearBody,
  ): Promise<CalendarLoadResult> {
    const { calendar: current, notice } = await this.calendars.load(manager, principal, nodeCode, year, body);
    const settled = await this.clocks.applyCalendar(manager, nodeCode, current);
    await this.issuer.issue(manager, {
      kind: 'calendar-year',
      key: String(year),
      action: 'upsert',
      body: notice,
      issuedBy: principal.subject,
    });
    return { year, calendarCoverage: current.coverage, ...settled };
  }
}

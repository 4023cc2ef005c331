import { Inject, Injectable } from '@nestjs/common';
import { CalendarRangeError, firstProvisionalUse, WorkingCalendar, type IsoDate } from '@govdata/calendar';
import type { StandardBodies } from '@govdata/contracts';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { DemandCalendarYearRepository } from './calendar-year.repository.js';

/** A step's due date; provisional when counted on a year without its holiday notice. */
export interface StepDue {
  dueOn: IsoDate | null;
  provisional: boolean;
}

/**
 * 工作日历 — the node's working-day calendar as demand counts on it: the shipped official data plus
 * the holiday notices the node's catalog issued or inherited (kept in `demand_calendar_year` from
 * the catalog's calendar-year standard events), and the holiday rules for a year without a notice.
 */
@Injectable()
export class NodeCalendarService {
  private readonly official = WorkingCalendar.official();
  private cached: { fingerprint: string; calendar: WorkingCalendar } | undefined;

  constructor(
    private readonly years: DemandCalendarYearRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async current(manager: EntityManager): Promise<WorkingCalendar> {
    const fingerprint = await this.years.fingerprint(manager);
    if (this.cached?.fingerprint === fingerprint) return this.cached.calendar;
    let calendar = this.official;
    for (const y of await this.years.list(manager))
      calendar = calendar.extendedWith({ holidays: y.holidays, workdays: y.workdays, years: [y.year] });
    this.cached = { fingerprint, calendar };
    return calendar;
  }

  /** The `days`-th working day after `from`; null only beyond the lunar tables (a date is never guessed). */
  async dueIn(manager: EntityManager, days: number, from: IsoDate): Promise<StepDue> {
    const calendar = await this.current(manager);
    try {
      const { date, provisional } = calendar.addWorkingDays(from, days);
      if (provisional) this.warnOnce(calendar.provisionalYearsBetween(from, date));
      return { dueOn: date, provisional };
    } catch (error) {
      if (error instanceof CalendarRangeError) return { dueOn: null, provisional: false };
      throw error;
    }
  }

  /**
   * Keeps a year's notice the catalog put in force (issued here or inherited). A year the shipped
   * data covers is never replaced, as in the catalog. True when the calendar changed.
   */
  async keep(
    manager: EntityManager,
    origin: string,
    version: number,
    body: StandardBodies['calendar-year'],
  ): Promise<boolean> {
    if (this.official.covers(`${body.year}-01-01`)) return false;
    const inYear = (d: string) => d.startsWith(`${body.year}-`);
    if (!body.holidays.every(inYear) || !body.workdays.every(inYear)) {
      this.logger.warn({ year: body.year, origin }, 'calendar-year standard with dates outside its year ignored');
      return false;
    }
    return this.years.upsert(manager, { ...body, origin, version });
  }

  private warnOnce(years: readonly number[]): void {
    for (const year of years) {
      if (!firstProvisionalUse(year)) continue;
      this.logger.warn(
        { year },
        `the working-day calendar has no holiday notice for ${year}: due dates in ${year} are provisional, counted on the rules of 《全国年节及纪念日放假办法》, until the national node loads it`,
      );
    }
  }
}

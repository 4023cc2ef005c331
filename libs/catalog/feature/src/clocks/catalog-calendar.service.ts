import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { WorkingCalendar, type IsoDate } from '@govdata/calendar';
import { assertCan, type Principal } from '@govdata/platform-auth';
import { ErrorCode, GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { CalendarYearRepository, type LoadedCalendarYear } from './calendar-year.repository.js';
import { describeYears, isIsoDate, isWeekend } from './deadline-rules.js';
import { ClockConflictRule, ClockRule } from './clock.exception.js';

/** The working-day calendar in force: the shipped official data plus the notices a data-admin loaded. */
export interface CatalogCalendar {
  calendar: WorkingCalendar;
  /** Every year with data. */
  years: number[];
  /** `2004–2026, 2027` */
  coverage: string;
}

const isoDate = z.string().refine(isIsoDate, '日期，格式为 YYYY-MM-DD (a calendar date YYYY-MM-DD)');

/** Body of `PUT /api/v1/catalog/settings/calendar/:year`: the year's 国务院办公厅 holiday notice. */
export const calendarYearBody = z
  .object({
    /** Title and number of the notice (e.g. 国务院办公厅关于2027年部分节假日安排的通知 国办发明电〔2026〕N号). */
    notice: z.string().trim().min(1, '请填写通知名称 (name the notice)').max(300),
    /** Every day off of the year's holidays (放假), weekends within them included. */
    holidays: z.array(isoDate).min(1, '每年都有节假日，请列出 (a year has holidays; list them)').max(100),
    /** Weekend days worked in exchange (调休上班). */
    workdays: z.array(isoDate).max(30),
  })
  .strict();
export type CalendarYearBody = z.infer<typeof calendarYearBody>;

export interface CalendarView {
  coverage: string;
  years: number[];
  /** The data shipped with the platform (npm `chinese-days`). */
  official: { firstYear: number; lastYear: number; source: string };
  loaded: Array<{
    year: number;
    notice: string;
    holidays: number;
    workdays: number;
    loadedBy: string;
    loadedAt: string;
    /** Issued by this ancestor node: read-only here. */
    inheritedFrom: string | null;
  }>;
}

/** A year's notice as stored: dates sorted, repeats dropped. */
export interface CalendarNotice {
  year: number;
  notice: string;
  holidays: IsoDate[];
  workdays: IsoDate[];
}

/**
 * 工作日历 — the working-day calendar of this catalog. A year the shipped data lacks is added by
 * loading its holiday notice; the loaded years are applied at start and whenever they change
 * (another instance may have loaded one), so every instance counts with the same data.
 */
@Injectable()
export class CatalogCalendarService implements OnModuleInit {
  private readonly official = WorkingCalendar.official();
  private cached: { fingerprint: string; value: CatalogCalendar } | undefined;

  constructor(
    private readonly years: CalendarYearRepository,
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const current = await this.current(this.dataSource.manager);
    this.logger.info({ coverage: current.coverage }, 'working-day calendar loaded');
  }

  async current(manager: EntityManager): Promise<CatalogCalendar> {
    const fingerprint = await this.years.fingerprint(manager);
    if (this.cached?.fingerprint === fingerprint) return this.cached.value;
    const loaded = await this.years.list(manager);
    let calendar = this.official;
    for (const y of loaded)
      calendar = calendar.extendedWith({ holidays: y.holidays, workdays: y.workdays, years: [y.year] });
    const years = [...this.officialYears(), ...loaded.map((y) => y.year)];
    const value = { calendar, years, coverage: describeYears(years) };
    this.cached = { fingerprint, value };
    return value;
  }

  async view(manager: EntityManager): Promise<CalendarView> {
    const current = await this.current(manager);
    return {
      coverage: current.coverage,
      years: current.years,
      official: { firstYear: this.official.firstYear, lastYear: this.official.lastYear, source: 'chinese-days' },
      loaded: (await this.years.list(manager)).map(summary),
    };
  }

  /**
   * Stores a year's holiday notice (replacing an earlier load of the same year). Only the node's
   * data-admin loads one; a year the shipped data covers is not replaceable, nor one an ancestor
   * node issued.
   */
  async load(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    year: number,
    body: CalendarYearBody,
  ): Promise<{ calendar: CatalogCalendar; notice: CalendarNotice }> {
    assertCan(principal, 'catalog.settings.write', { nodeCode }, "loading a year's holiday notice");
    const loaded = await this.years.find(manager, year);
    if (loaded?.inheritedFrom) {
      throw GovdataError.conflict(
        `${year} 年节假日通知由节点 ${loaded.inheritedFrom} 发布，在本节点只读 (${year}'s holiday notice was issued by node ${loaded.inheritedFrom}; it is read-only here)`,
        [
          {
            path: 'year',
            rule: ClockConflictRule.InheritedStandard,
            message: `由节点 ${loaded.inheritedFrom} 发布 (issued by node ${loaded.inheritedFrom})`,
          },
        ],
      );
    }
    if (this.coveredOfficially(year)) {
      throw GovdataError.rule(
        'year',
        ClockRule.OfficialData,
        `${year} 年已由平台内置的官方日历数据覆盖，不能替换 (${year} is covered by the official calendar data shipped with the platform (${this.official.firstYear}–${this.official.lastYear}); it cannot be replaced)`,
      );
    }
    const problems = noticeProblems(year, body);
    if (problems.length > 0) {
      throw new GovdataError(
        ErrorCode.RuleViolated,
        problems.map((p) => `${p.path}: ${p.message}`).join('; '),
        problems,
      );
    }
    const notice = normalised(year, body);
    await this.years.save(manager, { ...notice, loadedBy: principal.subject });
    this.logger.info(
      { year, notice: body.notice, by: principal.subject },
      'holiday notice loaded into the working-day calendar',
    );
    return { calendar: await this.current(manager), notice };
  }

  /**
   * Stores a year's notice an ancestor node issued, read-only here. Returns the problems instead of
   * storing when the notice breaks the rules a local load is held to.
   */
  async loadInherited(
    manager: EntityManager,
    origin: string,
    notice: CalendarNotice,
  ): Promise<{ problems: FieldProblem[]; calendar: CatalogCalendar | null }> {
    const problems = noticeProblems(notice.year, notice);
    if (problems.length > 0) return { problems, calendar: null };
    await this.years.save(manager, {
      ...normalised(notice.year, notice),
      loadedBy: `node:${origin}`,
      inheritedFrom: origin,
    });
    this.logger.info({ year: notice.year, notice: notice.notice, origin }, 'inherited holiday notice loaded');
    return { problems, calendar: await this.current(manager) };
  }

  /** True when the shipped official data covers the year (a loaded notice cannot replace it). */
  coveredOfficially(year: number): boolean {
    return this.official.covers(`${year}-01-01`);
  }

  private officialYears(): number[] {
    const years: number[] = [];
    for (let y = this.official.firstYear; y <= this.official.lastYear; y++)
      if (this.official.covers(`${y}-01-01`)) years.push(y);
    return years;
  }
}

function summary(y: LoadedCalendarYear): CalendarView['loaded'][number] {
  return {
    year: y.year,
    notice: y.notice,
    holidays: y.holidays.length,
    workdays: y.workdays.length,
    loadedBy: y.loadedBy,
    loadedAt: y.loadedAt.toISOString(),
    inheritedFrom: y.inheritedFrom,
  };
}

function normalised(year: number, body: Omit<CalendarNotice, 'year'>): CalendarNotice {
  return {
    year,
    notice: body.notice,
    holidays: [...new Set(body.holidays)].sort(),
    workdays: [...new Set(body.workdays)].sort(),
  };
}

/** What makes a year's notice wrong: dates outside the year, 元旦 missing, 调休 days not weekend days. */
function noticeProblems(year: number, body: Omit<CalendarNotice, 'year'>): FieldProblem[] {
  const holidays = [...new Set(body.holidays)];
  const problems: FieldProblem[] = [];
  const outside = (field: string, dates: readonly IsoDate[]) =>
    dates.forEach((d, i) => {
      if (!d.startsWith(`${year}-`))
        problems.push({
          path: `${field}.${i}`,
          rule: ClockRule.InYear,
          message: `${d} 不在 ${year} 年内 (${d} is not in ${year})`,
        });
    });
  outside('holidays', body.holidays);
  outside('workdays', body.workdays);
  if (!holidays.includes(`${year}-01-01`)) {
    // 元旦 is a holiday every year (全国年节及纪念日放假办法): its absence means the wrong list.
    problems.push({
      path: 'holidays',
      rule: ClockRule.IncludesNewYear,
      message: `the holidays of ${year} include ${year}-01-01 (元旦)`,
    });
  }
  body.workdays.forEach((d, i) => {
    if (!isWeekend(d)) {
      problems.push({
        path: `workdays.${i}`,
        rule: ClockRule.WeekendOnly,
        message: `${d} is a weekday; 调休 working days are weekend days`,
      });
    }
    if (holidays.includes(d)) {
      problems.push({
        path: `workdays.${i}`,
        rule: ClockRule.NotAHoliday,
        message: `${d} 同时被列为节假日 (${d} is also listed as a holiday)`,
      });
    }
  });
  return problems;
}

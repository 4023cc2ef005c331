import { createRequire } from 'node:module';
import { PROVISIONAL_FIRST_YEAR, PROVISIONAL_LAST_YEAR, provisionalYear } from './provisional-year.js';

/** A calendar date as the catalog uses it: `YYYY-MM-DD` (发布日期 CCYY-MM-DD), no time zone. */
export type IsoDate = string;

/** The official year data: statutory holidays and the make-up working weekends (调休). */
export interface CalendarData {
  /** Days off that fall on what would be a working day (and the whole holiday span). */
  holidays: readonly IsoDate[];
  /** Weekend days that are working days by the year's 国务院办公厅 notice (调休上班). */
  workdays: readonly IsoDate[];
  /** Years the data covers completely; any other year is refused. */
  years: readonly number[];
}

/** A due date and whether a year computed from the rules (no notice yet) was counted on. */
export interface DatedResult {
  date: IsoDate;
  /** True when a day counted lies in a provisional year (计算所依据的年度尚无国务院办公厅通知). */
  provisional: boolean;
}

/** A date outside every calendar the platform can give, official or provisional (the lunar tables' range). */
export class CalendarRangeError extends RangeError {
  constructor(
    readonly date: IsoDate,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      `${date} is outside the working-day calendar (official holiday data covers ${firstYear}–${lastYear}, the rules ${PROVISIONAL_FIRST_YEAR}–${PROVISIONAL_LAST_YEAR}); load the year's 国务院办公厅 holiday notice first`,
    );
    this.name = 'CalendarRangeError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * 工作日 — working days on the official Chinese calendar: Monday to Friday, minus statutory
 * holidays, plus the make-up working weekends of each year's notice. A year without a notice is
 * counted on the provisional calendar the holiday rules give (see `provisionalYear`) and every
 * result that counted on one says so (`provisional: true`); the upstream `chinese-days` package
 * would silently treat such a year as plain Monday–Friday. Only dates beyond the lunar tables throw
 * CalendarRangeError.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<IsoDate>;
  private readonly workdays: ReadonlySet<IsoDate>;
  private readonly years: ReadonlySet<number>;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(data: CalendarData) {
    if (data.years.length === 0) throw new Error('calendar data covers no year');
    this.holidays = new Set(data.holidays);
    this.workdays = new Set(data.workdays);
    this.years = new Set(data.years);
    this.firstYear = Math.min(...data.years);
    this.lastYear = Math.max(...data.years);
  }

  /** The official data shipped with the `chinese-days` package (2004 to its latest notice). */
  static official(): WorkingCalendar {
    const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
      holidays: Record<IsoDate, string>;
      workdays: Record<IsoDate, string>;
    };
    const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
    return new WorkingCalendar({
      holidays: Object.keys(data.holidays),
      workdays: Object.keys(data.workdays),
      years: [...years],
    });
  }

  /** A calendar with more years (e.g. a notice distributed by the national node before the package has it). */
  extendedWith(data: CalendarData): WorkingCalendar {
    return new WorkingCalendar({
      holidays: [...this.holidays, ...data.holidays],
      workdays: [...this.workdays, ...data.workdays],
      years: [...this.years, ...data.years],
    });
  }

  /** True when the year of `date` has official data (shipped or a loaded notice). */
  covers(date: IsoDate): boolean {
    return this.years.has(yearOf(date));
  }

  /** True when the year has no notice and is counted on the rules. */
  isProvisional(year: number): boolean {
    return !this.years.has(year);
  }

  isWorkingDay(date: IsoDate): boolean {
    const year = yearOf(date);
    if (this.years.has(year)) {
      if (this.workdays.has(date)) return true;
      if (this.holidays.has(date)) return false;
    } else {
      if (year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR)
        throw new CalendarRangeError(date, this.firstYear, this.lastYear);
      if (provisionalYear(year).holidays.includes(date)) return false;
    }
    const weekday = new Date(toUtcMs(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The due date of something that must happen "within `days` working days" of `start`: the
   * `days`-th working day after `start` (the start day itself is not counted); provisional when a
   * day counted lies in a year without a notice.
   */
  addWorkingDays(start: IsoDate, days: number): DatedResult {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`);
    yearOf(start);
    let date = start;
    let provisional = false;
    for (let counted = 0; counted < days;) {
      date = addDays(date, 1);
      if (this.isProvisional(yearOf(date))) provisional = true;
      if (this.isWorkingDay(date)) counted++;
    }
    return { date, provisional };
  }

  /** The provisional years among those `from` to `to` touch (the years a count between them depends on). */
  provisionalYearsBetween(from: IsoDate, to: IsoDate): number[] {
    const years: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (this.isProvisional(y)) years.push(y);
    return years;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    yearOf(from);
    yearOf(to);
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }
}

function yearOf(date: IsoDate): number {
  toUtcMs(date);
  return Number(date.slice(0, 4));
}

/** Validates `YYYY-MM-DD` (a real calendar day) and returns its UTC midnight. */
function toUtcMs(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
  }
  return ms;
}

function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

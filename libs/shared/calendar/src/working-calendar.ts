import { createRequire } from 'node:module';

/** A calendar date as the catalog uses it: `YYYY-MM-DD` (發布日期 CCYY-MM-DD), no time zone. */
export type IsoDate = string;

/** The official year data: statutory holidays and the make-up working weekends (調休). */
export interface CalendarData {
  /** Days off that fall on what would be a working day (and the whole holiday span). */
  holidays: readonly IsoDate[];
  /** Weekend days that are working days by the year's 國務院辦公廳 notice (調休上班). */
  workdays: readonly IsoDate[];
  /** Years the data covers completely; any other year is refused. */
  years: readonly number[];
}

/** A date the calendar has no official data for: refused rather than guessed. */
export class CalendarRangeError extends RangeError {
  constructor(
    readonly date: IsoDate,
    readonly firstYear: number,
    readonly lastYear: number,
  ) {
    super(
      `${date} is outside the working-day calendar (official holiday data covers ${firstYear}–${lastYear}); load the year's 國務院辦公廳 holiday notice first`,
    );
    this.name = 'CalendarRangeError';
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * 工作日 — working days on the official Chinese calendar: Monday to Friday, minus statutory
 * holidays, plus the make-up working weekends of each year's notice. Dates in years without data
 * throw CalendarRangeError (the upstream `chinese-days` package would silently treat them as plain
 * Monday–Friday).
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

  covers(date: IsoDate): boolean {
    return this.years.has(yearOf(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    this.assertCovered(date);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(toUtcMs(date)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The due date of something that must happen "within `days` working days" of `start`: the
   * `days`-th working day after `start` (the start day itself is not counted).
   */
  addWorkingDays(start: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days) || days < 0)
      throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`);
    this.assertCovered(start);
    let date = start;
    for (let counted = 0; counted < days;) {
      date = addDays(date, 1);
      if (this.isWorkingDay(date)) counted++;
    }
    return date;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    this.assertCovered(from);
    this.assertCovered(to);
    let count = 0;
    for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) if (this.isWorkingDay(date)) count++;
    return count;
  }

  private assertCovered(date: IsoDate): void {
    if (!this.covers(date)) throw new CalendarRangeError(date, this.firstYear, this.lastYear);
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

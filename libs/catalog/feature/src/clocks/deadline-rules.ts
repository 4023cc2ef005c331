import { CalendarRangeError, firstProvisionalUse, type IsoDate, type WorkingCalendar } from '@govdata/calendar';
import type { Logger } from 'pino';
import type { ClockStatus, DueUnknown } from './deadline-clock.js';

/**
 * A due date — provisional when counted on a year without its holiday notice (the years are named) —
 * or, beyond the lunar tables, the year the calendar would need to give one.
 */
export type DueDate =
  | { dueOn: IsoDate; dueUnknown: null; provisional: boolean; provisionalYears: number[] }
  | { dueOn: null; dueUnknown: DueUnknown; missingYear: number; error: CalendarRangeError; provisional: false };

/**
 * "Within `days` working days of `startedOn`": the `days`-th working day after it. When the count
 * runs into a year the calendar has no data for, says so instead of guessing Monday–Friday.
 */
export function dueDate(calendar: WorkingCalendar, startedOn: IsoDate, days: number): DueDate {
  try {
    const { date, provisional } = calendar.addWorkingDays(startedOn, days);
    const provisionalYears = provisional ? calendar.provisionalYearsBetween(startedOn, date) : [];
    return { dueOn: date, dueUnknown: null, provisional, provisionalYears };
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
    return {
      dueOn: null,
      dueUnknown: 'calendar-data-missing',
      missingYear: Number(error.date.slice(0, 4)),
      error,
      provisional: false,
    };
  }
}

/** How a clock ends when closed on `closedOn`. */
export function closingStatus(
  calendar: WorkingCalendar,
  clock: { startedOn: IsoDate; workingDays: number; dueOn: IsoDate | null },
  closedOn: IsoDate,
): { status: Exclude<ClockStatus, 'open'>; dueOn: IsoDate | null; provisional: boolean } {
  const counted = clock.dueOn === null ? dueDate(calendar, clock.startedOn, clock.workingDays) : null;
  const dueOn = clock.dueOn ?? counted!.dueOn;
  const provisional = counted?.provisional ?? false;
  if (dueOn !== null) return { status: closedOn <= dueOn ? 'met' : 'missed-then-closed', dueOn, provisional };
  // The due date lies beyond the calendar's data. If every day up to the closing day is covered and
  // fewer working days than allowed have passed, the clock was closed in time whatever the due date.
  try {
    if (calendar.workingDaysBetween(clock.startedOn, closedOn) <= clock.workingDays)
      return { status: 'met', dueOn: null, provisional: false };
  } catch (error) {
    if (!(error instanceof CalendarRangeError)) throw error;
  }
  return { status: 'closed-pending-calendar', dueOn: null, provisional: false };
}

/** Working days from the due date to `today` (0 when not overdue); null when the calendar cannot tell. */
export function workingDaysOverdue(calendar: WorkingCalendar, dueOn: IsoDate, today: IsoDate): number | null {
  if (today <= dueOn) return 0;
  try {
    return calendar.workingDaysBetween(dueOn, today);
  } catch (error) {
    if (error instanceof CalendarRangeError) return null;
    throw error;
  }
}

/** Years as people read them: `2004–2026, 2028`. */
export function describeYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** True for a real day written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** One warning per process for each year counted on the rules, not one per clock. */
export function warnProvisional(logger: Logger, years: readonly number[]): void {
  for (const year of years) {
    if (!firstProvisionalUse(year)) continue;
    logger.warn(
      { year },
      `the working-day calendar has no holiday notice for ${year}: due dates in ${year} are provisional, counted on the rules of 《全国年节及纪念日放假办法》, until the notice is loaded (PUT /api/v1/catalog/settings/calendar/${year} at the national node)`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { CalendarRangeError, WorkingCalendar, type IsoDate } from '@govdata/calendar';

/** Deadlines are counted in Beijing time whatever the server's time zone. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Asia/Shanghai. */
export function businessDate(instant: Date): IsoDate {
  return DATE_FORMAT.format(instant);
}

/**
 * "Now", "today" and working-day arithmetic for the review clocks. Every step is stamped and dated
 * through this provider, so a test fixes the time instead of depending on the wall clock.
 */
@Injectable()
export class BusinessClock {
  private readonly calendar = WorkingCalendar.official();

  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    return businessDate(this.now());
  }

  /**
   * The due date of a step opened today with `days` working days, or null when the shipped
   * calendar has no data for the year (a due date is never guessed).
   */
  dueIn(days: number, from: IsoDate = this.today()): IsoDate | null {
    try {
      return this.calendar.addWorkingDays(from, days);
    } catch (error) {
      if (error instanceof CalendarRangeError) return null;
      throw error;
    }
  }
}

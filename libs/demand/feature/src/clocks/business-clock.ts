import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@govdata/calendar';

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
 * "Now" and "today" for the review clocks. Every step is stamped and dated through this provider,
 * so a test fixes the time instead of depending on the wall clock; working days are counted on the
 * node's calendar (`NodeCalendarService`).
 */
@Injectable()
export class BusinessClock {
  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    return businessDate(this.now());
  }
}

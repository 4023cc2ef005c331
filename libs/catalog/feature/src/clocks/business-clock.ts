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
 * "Today" for deadlines: the server's date in Asia/Shanghai. Everything that starts, closes or
 * judges a clock asks this provider, so a test can fix the day instead of depending on wall time.
 */
@Injectable()
export class BusinessClock {
  today(): IsoDate {
    return businessDate(new Date());
  }
}

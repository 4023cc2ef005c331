import { Injectable } from '@nestjs/common';
import type { IsoDate } from './working-calendar.js';

/** Business dates (deadlines, grant validity, quotas) are Beijing dates whatever the server's time zone. */
export const BEIJING_TIME_ZONE = 'Asia/Shanghai';

/** China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact. */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** 北京时间的日期 — the Beijing calendar date of an instant, `YYYY-MM-DD`. */
export function beijingDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * "Now" and "today" (in Beijing) for everything dated by the business calendar. Services start,
 * close and judge their clocks through this provider, so a test fixes the time (`now`) or the day
 * (`today`) instead of depending on the wall clock.
 */
@Injectable()
export class BusinessClock {
  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    return beijingDate(this.now());
  }
}

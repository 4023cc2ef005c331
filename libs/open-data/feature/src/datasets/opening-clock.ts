import { Injectable } from '@nestjs/common';
import { BusinessClock, CalendarRangeError, WorkingCalendar } from '@govdata/calendar';
import { OPENING_REVIEW_WORKING_DAYS } from './open-vocabulary.js';

/**
 * The opening review's clock: due the tenth working day after the dataset arrives (and an
 * application to use data opened on conditions, the tenth after it is submitted), counted on the
 * official working-day calendar (provisional — and marked so — for a year whose holiday notice is
 * not out yet; null beyond the lunar tables rather than a guess).
 */
@Injectable()
export class OpeningClock {
  private readonly calendar = WorkingCalendar.official();

  constructor(private readonly clock: BusinessClock) {}

  now(): Date {
    return this.clock.now();
  }

  /** Today in Beijing (YYYY-MM-DD). */
  today(): string {
    return this.clock.today();
  }

  reviewDue(): { due: string | null; dueProvisional: boolean } {
    return this.dueIn(OPENING_REVIEW_WORKING_DAYS);
  }

  /** The working day `days` working days after today (an application's answer is due then, too). */
  dueIn(days: number): { due: string | null; dueProvisional: boolean } {
    try {
      const { date, provisional } = this.calendar.addWorkingDays(this.clock.today(), days);
      return { due: date, dueProvisional: provisional };
    } catch (error) {
      if (error instanceof CalendarRangeError) return { due: null, dueProvisional: false };
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { BusinessClock, CalendarRangeError, WorkingCalendar } from '@govdata/calendar';
import { OPENING_REVIEW_WORKING_DAYS } from './open-vocabulary.js';

/**
 * The opening review's clock: due the tenth working day after the dataset arrives, counted on the
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

  reviewDue(): { due: string | null; dueProvisional: boolean } {
    try {
      const { date, provisional } = this.calendar.addWorkingDays(this.clock.today(), OPENING_REVIEW_WORKING_DAYS);
      return { due: date, dueProvisional: provisional };
    } catch (error) {
      if (error instanceof CalendarRangeError) return { due: null, dueProvisional: false };
      throw error;
    }
  }
}

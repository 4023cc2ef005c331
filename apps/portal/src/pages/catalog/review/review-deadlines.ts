import type { DueFacts } from '@govdata/web-ui';
import type { DeadlineClock, OverdueClock } from '@/api/types/catalog.js';

/**
 * The review due date of each entry waiting for review, by entry id: the open `review` clock the
 * submission started, marked overdue (with the working days) when the API's overdue list has it.
 * The dates and the lateness are the API's (its working-day calendar); nothing is counted here.
 */
export function reviewDeadlines(
  clocks: readonly DeadlineClock[],
  overdue: readonly OverdueClock[],
): Map<string, DueFacts> {
  const late = new Map(overdue.map((c) => [c.id, c]));
  const byEntry = new Map<string, DueFacts>();
  for (const clock of clocks) {
    if (clock.kind !== 'review' || clock.status !== 'open' || !clock.entryId) continue;
    const overdueClock = late.get(clock.id);
    byEntry.set(clock.entryId, {
      dueOn: clock.dueOn,
      provisional: clock.provisional,
      overdue: overdueClock !== undefined && overdueClock.dueOn !== null,
      workingDaysOverdue: overdueClock?.workingDaysOverdue ?? null,
      missingYear: overdueClock?.missingYear,
    });
  }
  return byEntry;
}

/** The content fields a reviewer can return an entry for (the API accepts a top-level field of the content). */
export const RETURNABLE_FIELDS = [
  'name',
  'abstract',
  'classificationCode',
  'format',
  'items',
  'sharing',
  'open',
  'updateCycle',
  'relatedCodes',
  'grade',
  'regionCode',
  'tags',
] as const;

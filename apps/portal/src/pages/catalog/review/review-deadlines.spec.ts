import { describe, expect, it } from 'vitest';
import type { DeadlineClock, OverdueClock } from '@/api/types/catalog.js';
import { reviewDeadlines } from './review-deadlines.js';

const clock = (id: string, entryId: string, extra: Partial<DeadlineClock> = {}): DeadlineClock => ({
  id,
  kind: 'review',
  organisationId: 'o1',
  entryId,
  entryVersion: 1,
  startedOn: '2026-11-20',
  workingDays: 5,
  dueOn: '2026-11-27',
  dueUnknown: null,
  provisional: false,
  status: 'open',
  ...extra,
});

describe('reviewDeadlines', () => {
  it('gives each submitted entry the due date of its open review clock', () => {
    const byEntry = reviewDeadlines(
      [clock('c1', 'e1'), clock('c2', 'e2', { dueOn: '2027-01-08', provisional: true })],
      [],
    );
    expect(byEntry.get('e1')).toMatchObject({ dueOn: '2026-11-27', overdue: false, provisional: false });
    expect(byEntry.get('e2')).toMatchObject({ dueOn: '2027-01-08', provisional: true });
  });

  it('marks the clocks the overdue list names, with their working days late', () => {
    const late: OverdueClock = { ...clock('c1', 'e1'), workingDaysOverdue: 6 };
    expect(reviewDeadlines([clock('c1', 'e1')], [late]).get('e1')).toMatchObject({
      overdue: true,
      workingDaysOverdue: 6,
    });
  });

  it('keeps a due date the calendar cannot give as unknown, with the missing year, not as late', () => {
    const unknown = clock('c3', 'e3', { dueOn: null, dueUnknown: 'calendar-data-missing' });
    const listed: OverdueClock = { ...unknown, workingDaysOverdue: null, missingYear: 2028 };
    expect(reviewDeadlines([unknown], [listed]).get('e3')).toMatchObject({
      dueOn: null,
      overdue: false,
      missingYear: 2028,
    });
  });

  it('ignores closed clocks and clocks of other kinds', () => {
    const byEntry = reviewDeadlines([clock('c4', 'e4', { status: 'met' }), clock('c5', 'e5', { kind: 'update' })], []);
    expect(byEntry.size).toBe(0);
  });
});

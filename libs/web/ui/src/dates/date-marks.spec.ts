import { describe, expect, it } from 'vitest';
import { dateMarks } from './date-marks.js';

describe('dateMarks', () => {
  it('marks nothing on a due date that is neither late nor provisional', () => {
    expect(dateMarks({ dueOn: '2026-12-18', overdue: false })).toEqual([]);
  });

  it('marks an overdue date with the working days the API counted', () => {
    expect(dateMarks({ dueOn: '2026-12-01', workingDaysOverdue: 4 })).toEqual([{ kind: 'overdue', days: 4 }]);
    expect(dateMarks({ dueOn: '2026-12-01', overdue: true })).toEqual([{ kind: 'overdue', days: null }]);
  });

  it('marks a provisional date, and a missing one with the year whose holidays are missing', () => {
    expect(dateMarks({ dueOn: '2027-01-08', provisional: true })).toEqual([{ kind: 'provisional' }]);
    expect(dateMarks({ dueOn: null, missingYear: 2027 })).toEqual([{ kind: 'unknown', year: 2027 }]);
    expect(dateMarks({ dueOn: null, overdue: true })).toEqual([
      { kind: 'overdue', days: null },
      { kind: 'unknown', year: null },
    ]);
  });
});

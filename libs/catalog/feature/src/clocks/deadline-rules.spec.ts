import { WorkingCalendar } from '@govdata/calendar';
import { businessDate } from './business-clock.js';
import { closingStatus, describeYears, dueDate, isIsoDate, workingDaysOverdue } from './deadline-rules.js';
import { deadlineSettingsBody, JIANGXI_DEADLINES, NATIONAL_DEADLINES } from './deadline-settings.js';

const calendar = WorkingCalendar.official();

describe('due dates on the official calendar (2026 National Day: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked)', () => {
  it('gives the Jiangxi 5-day review of a submission on 30 September across the holiday: 13 October', () => {
    // 1–7 Oct off; 8 (1), 9 (2), Sat 10 (3, 调休), Sun 11 off, 12 (4), 13 (5).
    expect(dueDate(calendar, '2026-09-30', JIANGXI_DEADLINES.reviewDays)).toEqual({
      dueOn: '2026-10-13',
      dueUnknown: null,
      provisional: false,
      provisionalYears: [],
    });
  });

  it('counts the make-up Sunday 20 September in a 5-day review started on Friday 18 September', () => {
    // Sat 19 off, Sun 20 worked (1), 21 (2), 22 (3), 23 (4), 24 (5): a day earlier than Monday–Friday would say.
    expect(dueDate(calendar, '2026-09-18', 5).dueOn).toBe('2026-09-24');
  });

  it('gives the Jiangxi 10-day update of a change on Friday 25 September: 15 October', () => {
    // 28, 29, 30 Sep (3), 8, 9, Sat 10 Oct (6), 12, 13, 14, 15 (10).
    expect(dueDate(calendar, '2026-09-25', JIANGXI_DEADLINES.updateDays).dueOn).toBe('2026-10-15');
  });

  it('gives the national 20-day registration and update from 25 September: 29 October', () => {
    expect(dueDate(calendar, '2026-09-25', NATIONAL_DEADLINES.registrationDays).dueOn).toBe('2026-10-29');
    expect(dueDate(calendar, '2026-09-25', NATIONAL_DEADLINES.updateDays).dueOn).toBe('2026-10-29');
  });

  it('starts counting after a change recorded on a holiday: 3 October + 5 = 13 October', () => {
    expect(dueDate(calendar, '2026-10-03', 5).dueOn).toBe('2026-10-13');
  });

  it('counts past the notices on the holiday rules and marks the date provisional (late December 2026)', () => {
    // 25, 28–31 Dec (5); 1 Jan 2027 元旦 by the rules; 4–8 Jan (10).
    expect(dueDate(calendar, '2026-12-24', 10)).toEqual({
      dueOn: '2027-01-08',
      dueUnknown: null,
      provisional: true,
      provisionalYears: [2027],
    });
  });

  it('says which year is missing beyond the lunar tables instead of guessing', () => {
    const due = dueDate(calendar, '2099-12-24', 10);
    expect(due).toMatchObject({ dueOn: null, dueUnknown: 'calendar-data-missing', missingYear: 2100 });
  });
});

describe('closing a clock', () => {
  const review = { startedOn: '2026-09-30', workingDays: 5, dueOn: '2026-10-13' };

  it('is met on the due date and missed the working day after', () => {
    expect(closingStatus(calendar, review, '2026-10-13')).toEqual({
      status: 'met',
      dueOn: '2026-10-13',
      provisional: false,
    });
    expect(closingStatus(calendar, review, '2026-10-14').status).toBe('missed-then-closed');
  });

  it('gives a clock stored without a due date a provisional one when it closes', () => {
    const late = { startedOn: '2026-12-24', workingDays: 10, dueOn: null };
    expect(closingStatus(calendar, late, '2027-01-05')).toEqual({
      status: 'met',
      dueOn: '2027-01-08',
      provisional: true,
    });
    // With the 2027 notice (元旦 1 Jan): 25, 28–31 Dec (5), 4–8 Jan (10), no longer provisional.
    const extended = calendar.extendedWith({ holidays: ['2027-01-01'], workdays: [], years: [2027] });
    expect(closingStatus(extended, late, '2027-01-05')).toEqual({
      status: 'met',
      dueOn: '2027-01-08',
      provisional: false,
    });
    expect(closingStatus(extended, late, '2027-01-11').status).toBe('missed-then-closed');
  });

  it('waits for the calendar when the closing day itself lies beyond the lunar tables', () => {
    const late = { startedOn: '2099-12-24', workingDays: 10, dueOn: null };
    expect(closingStatus(calendar, late, '2100-01-05').status).toBe('closed-pending-calendar');
  });
});

describe('working days overdue', () => {
  it('counts working days after the due date, skipping the weekend', () => {
    // Due Tue 13 Oct; 14, 15, 16, 19, 20.
    expect(workingDaysOverdue(calendar, '2026-10-13', '2026-10-20')).toBe(5);
    expect(workingDaysOverdue(calendar, '2026-10-13', '2026-10-13')).toBe(0);
  });

  it('counts none over the National Day holiday: due 30 September, today 7 October', () => {
    expect(workingDaysOverdue(calendar, '2026-09-30', '2026-10-07')).toBe(0);
    expect(workingDaysOverdue(calendar, '2026-09-30', '2026-10-10')).toBe(3);
  });

  it('counts on the rules into a year without a notice, and cannot tell beyond the lunar tables', () => {
    // 2–4, 7–11, 14–18, 21–25, 28–31 Dec (22); 1 Jan 2027 元旦 by the rules; 4 Jan (23).
    expect(workingDaysOverdue(calendar, '2026-12-01', '2027-01-04')).toBe(23);
    expect(workingDaysOverdue(calendar, '2099-12-01', '2100-01-04')).toBeNull();
  });
});

describe('settings and dates', () => {
  it('defaults to the national 20/20 and seeds Jiangxi with 10-day updates and 5-day reviews', () => {
    expect(NATIONAL_DEADLINES).toEqual({ registrationDays: 20, updateDays: 20, reviewDays: 20, annualReviewDays: 20 });
    expect(JIANGXI_DEADLINES).toEqual({ registrationDays: 20, updateDays: 10, reviewDays: 5, annualReviewDays: 20 });
  });

  it('refuses a settings body with a zero, fractional or missing count, naming the field', () => {
    const bad = deadlineSettingsBody.safeParse({ registrationDays: 0, updateDays: 2.5, reviewDays: 5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'annualReviewDays',
      'registrationDays',
      'updateDays',
    ]);
  });

  it('takes today in Asia/Shanghai: 16:30 UTC on 30 September is already 1 October in Beijing', () => {
    expect(businessDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(businessDate(new Date('2026-09-30T15:59:00Z'))).toBe('2026-09-30');
  });

  it('describes covered years as ranges and recognises real dates only', () => {
    expect(describeYears([2005, 2004, 2006, 2028])).toBe('2004–2006, 2028');
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-9-30')).toBe(false);
  });
});

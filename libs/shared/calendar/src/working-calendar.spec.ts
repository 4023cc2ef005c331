import { CalendarRangeError, WorkingCalendar } from './working-calendar.js';

const calendar = WorkingCalendar.official();

describe('working days on the official calendar', () => {
  it('follows the 2026 National Day notice: 1–7 October off, Sunday 20 September and Saturday 10 October worked (调休)', () => {
    for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-07'])
      expect(calendar.isWorkingDay(day)).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true); // a Sunday, worked
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // a Saturday, worked
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('puts a due date across the holiday: 5 working days from 30 September 2026 is 13 October', () => {
    // 1–7 Oct off; 8 (1), 9 (2), Sat 10 (3, 调休), Sun 11 off, 12 (4), 13 (5).
    expect(calendar.addWorkingDays('2026-09-30', 5).date).toBe('2026-10-13');
  });

  it('counts the make-up Sunday before the holiday', () => {
    // Fri 18 Sep → Sat 19 off, Sun 20 worked (1), Mon 21 (2).
    expect(calendar.addWorkingDays('2026-09-18', 2).date).toBe('2026-09-21');
  });

  it('gives the national 20-working-day registration deadline across October 2026', () => {
    // 28–30 Sep (3), 8–10 Oct (6), 12–16 (11), 19–23 (16), 26–29 (20).
    expect(calendar.addWorkingDays('2026-09-25', 20)).toEqual({ date: '2026-10-29', provisional: false });
    expect(calendar.workingDaysBetween('2026-09-25', '2026-10-29')).toBe(20);
    expect(calendar.workingDaysBetween('2026-10-29', '2026-09-25')).toBe(0);
  });

  it('counts a year without a notice on the rules and marks the result provisional', () => {
    expect(calendar.addWorkingDays('2026-12-24', 10)).toEqual({ date: '2027-01-08', provisional: true });
    expect(calendar.addWorkingDays('2026-12-01', 5)).toEqual({ date: '2026-12-08', provisional: false });
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false); // 元旦 by the rules
    expect(() => calendar.isWorkingDay('2100-10-01')).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(/not a calendar date/);
  });

  it('can be extended with a year the package does not have yet', () => {
    const next = calendar.lastYear + 1;
    const extended = calendar.extendedWith({ holidays: [`${next}-01-01`], workdays: [], years: [next] });
    expect(extended.isWorkingDay(`${next}-01-01`)).toBe(false);
    expect(extended.lastYear).toBe(next);
  });
});

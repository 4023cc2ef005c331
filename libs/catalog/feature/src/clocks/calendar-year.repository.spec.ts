import { toLoadedCalendarYear, type CalendarYearRaw } from './calendar-year.repository.js';

describe('toLoadedCalendarYear', () => {
  const raw: CalendarYearRaw = {
    year: 2027,
    notice: '国务院办公厅关于2027年部分节假日安排的通知',
    holidays: ['2027-01-01', '2027-02-06'],
    workdays: ['2027-02-14'],
    loaded_by: 'admin-1',
    loaded_at: new Date('2026-12-01T02:00:00Z'),
    inherited_from: null,
  };

  it('maps a notice loaded on this node', () => {
    expect(toLoadedCalendarYear(raw)).toEqual({
      year: 2027,
      notice: raw.notice,
      holidays: ['2027-01-01', '2027-02-06'],
      workdays: ['2027-02-14'],
      loadedBy: 'admin-1',
      loadedAt: new Date('2026-12-01T02:00:00Z'),
      inheritedFrom: null,
    });
  });

  it('keeps the ancestor that issued an inherited notice', () => {
    expect(toLoadedCalendarYear({ ...raw, inherited_from: '100000' }).inheritedFrom).toBe('100000');
  });
});

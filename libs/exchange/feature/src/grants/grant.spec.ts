import { beijingDate } from './grant.js';

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('beijingDate', () => {
  it('is the Asia/Shanghai calendar date, across midnight, month and year ends', () => {
    expect(beijingDate(new Date('2024-02-29T15:59:59.999Z'))).toBe('2024-02-29');
    expect(beijingDate(new Date('2024-02-29T16:00:00.000Z'))).toBe('2024-03-01');
    expect(beijingDate(new Date('2024-12-31T16:00:00.000Z'))).toBe('2025-01-01');
    // …and agrees with the time zone database from 1992 (after China's last daylight saving) to 2100.
    for (let i = 0; i < 500; i++) {
      const at = new Date(Date.UTC(1992, 0, 1) + Math.random() * (Date.UTC(2100, 0, 1) - Date.UTC(1992, 0, 1)));
      expect(beijingDate(at), at.toISOString()).toBe(BEIJING.format(at));
    }
  });
});

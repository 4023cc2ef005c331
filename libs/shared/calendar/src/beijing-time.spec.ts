import { BEIJING_TIME_ZONE, BusinessClock, beijingDate } from './beijing-time.js';

describe('the Beijing calendar date of an instant', () => {
  it('turns at midnight Beijing time, 16:00 UTC the day before', () => {
    expect(beijingDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(beijingDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(beijingDate(new Date('2026-10-01T00:00:00+08:00'))).toBe('2026-10-01');
    expect(beijingDate(new Date('2026-09-30T23:59:59+08:00'))).toBe('2026-09-30');
  });

  it('crosses months, leap days and years at Beijing midnight', () => {
    expect(beijingDate(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(beijingDate(new Date('2024-02-29T16:00:00.000Z'))).toBe('2024-03-01');
    expect(beijingDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(beijingDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('agrees with the Asia/Shanghai time zone every half hour over two years', () => {
    const zone = new Intl.DateTimeFormat('en-CA', {
      timeZone: BEIJING_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let ms = start; ms < start + 2 * 366 * 86_400_000; ms += 1_800_000) {
      const at = new Date(ms);
      if (beijingDate(at) !== zone.format(at)) expect(beijingDate(at), at.toISOString()).toBe(zone.format(at));
    }
  });

  it('refuses an invalid instant', () => {
    expect(() => beijingDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('BusinessClock', () => {
  it('dates "today" in Beijing from "now"', () => {
    const clock = new BusinessClock();
    vi.spyOn(clock, 'now').mockReturnValue(new Date('2027-02-03T16:30:00Z'));
    expect(clock.today()).toBe('2027-02-04');
  });

  it('reads the wall clock by default', () => {
    const before = Date.now();
    const now = new BusinessClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

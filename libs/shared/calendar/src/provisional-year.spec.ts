import { createRequire } from 'node:module';
import { provisionalYear } from './provisional-year.js';
import { WorkingCalendar } from './working-calendar.js';

/** The official notices for 2025 and 2026 as `chinese-days` ships them. */
const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const officialDaysOff = (year: number) => {
  const days: string[] = [];
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10);
    const weekday = new Date(d).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (date in official.holidays || (weekend && !(date in official.workdays))) days.push(date);
  }
  return new Set(days);
};

describe('the provisional calendar from 《全国年节及纪念日放假办法》 (2024 revision)', () => {
  it.each([2025, 2026])('gives for %i only days the State Council notice also gives off', (year) => {
    const daysOff = officialDaysOff(year);
    const rules = provisionalYear(year);
    const statutory = rules.statutory.flatMap((h) => h.days);
    expect(statutory.filter((d) => !daysOff.has(d))).toEqual([]);
    // 补假 days are days off in the notice too: the notice folds them into the holiday span.
    expect(rules.inLieu.filter((d) => !daysOff.has(d))).toEqual([]);
  });

  it('documents which days off of the notices the rules do not give: the 调休 bridge days', () => {
    const notGiven = (year: number) => {
      const rules = new Set(provisionalYear(year).holidays);
      return Object.keys(official.holidays)
        .filter((d) => d.startsWith(`${year}-`) && !rules.has(d))
        .filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))
        .sort();
    };
    // 2025: 春节 extra days bridged by working 1月26日 and 2月8日, 劳动节 by 4月27日, 国庆/中秋 by 9月28日 and 10月11日.
    expect(notGiven(2025)).toEqual(['2025-02-03', '2025-02-04', '2025-05-05', '2025-10-07', '2025-10-08']);
    // 2026: 春节 bridged by 2月14日 and 2月28日, 劳动节 by 5月9日 (5月4日 is the rules' 补假 for Saturday 5月2日), 国庆 by 9月20日 and 10月10日.
    expect(notGiven(2026)).toEqual([
      '2026-01-02',
      '2026-02-20',
      '2026-02-23',
      '2026-05-05',
      '2026-10-06',
      '2026-10-07',
    ]);
  });

  it('computes 2027 from the lunar calendar and the 清明 solar term, with 补假 for weekend holidays', () => {
    const y = provisionalYear(2027);
    expect(Object.fromEntries(y.statutory.map((h) => [h.name, h.days]))).toEqual({
      元旦: ['2027-01-01'],
      春节: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], // 除夕 to 初三
      清明节: ['2027-04-05'],
      劳动节: ['2027-05-01', '2027-05-02'],
      端午节: ['2027-06-09'],
      中秋节: ['2027-09-15'],
      国庆节: ['2027-10-01', '2027-10-02', '2027-10-03'],
    });
    // 春节 Saturday and Sunday → Tuesday and Wednesday; 劳动节 Saturday and Sunday → Monday and Tuesday;
    // 国庆 Saturday and Sunday → Monday and Tuesday.
    expect(y.inLieu).toEqual(['2027-02-09', '2027-02-10', '2027-05-03', '2027-05-04', '2027-10-04', '2027-10-05']);
    expect(y.holidays).not.toContain('2027-02-13'); // no 调休 invented
  });

  it('gives a clock opened on 2026-12-07 for 20 working days a 2027 date marked provisional', () => {
    expect(WorkingCalendar.official().addWorkingDays('2026-12-07', 20)).toEqual({
      date: '2027-01-05',
      provisional: true,
    });
  });
});

import { createRequire } from 'node:module';

/** `YYYY-MM-DD`. */
type IsoDate = string;

interface LunarFunctions {
  getSolarDateFromLunar(lunarDate: string): { date: string; leapMonthDate?: string };
  getSolarTermDate(year: number, month: number, term: 'pure_brightness'): string;
}

// The package's ESM build is not what Node resolves; its CommonJS build carries the same functions.
const lunar = createRequire(import.meta.url)('chinese-days') as LunarFunctions;

/** Years the lunar tables of `chinese-days` cover (its lunar data runs 1900–2100). */
export const PROVISIONAL_FIRST_YEAR = 1901;
export const PROVISIONAL_LAST_YEAR = 2099;

/** One statutory holiday of a year as the rules give it. */
export interface StatutoryHoliday {
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 */
  name: string;
  days: IsoDate[];
}

/** A year computed from the rules, not from the State Council's notice. */
export interface ProvisionalYear {
  year: number;
  /** The statutory holidays (全体公民放假的节日) of the year. */
  statutory: StatutoryHoliday[];
  /** 补假: working days off because a statutory holiday fell on a Saturday or Sunday (or on another holiday). */
  inLieu: IsoDate[];
  /** Every day off that would otherwise be a working day or is a statutory day: statutory days and 补假. */
  holidays: IsoDate[];
}

const cache = new Map<number, ProvisionalYear>();

/**
 * A year's days off by the rules of 《全国年节及纪念日放假办法》 as revised in 2024 (国务院令第795号),
 * for a year whose 国务院办公厅 holiday notice is not out: 元旦 1 day, 春节 4 days (除夕 to 初三), 清明
 * 1, 劳动节 2 (5月1日、2日), 端午 1, 中秋 1, 国庆 3 (10月1日至3日); a statutory day on a Saturday or
 * Sunday — or on a day another holiday already takes — gives the next working day off (补假,
 * 第六条). The make-up working weekends (调休) exist only by notice and are never invented here, so
 * the provisional year has no bridge days either.
 */
export function provisionalYear(year: number): ProvisionalYear {
  if (!Number.isInteger(year) || year < PROVISIONAL_FIRST_YEAR || year > PROVISIONAL_LAST_YEAR) {
    throw new RangeError(
      `the lunar calendar data covers ${PROVISIONAL_FIRST_YEAR}–${PROVISIONAL_LAST_YEAR}, not ${year}`,
    );
  }
  const cached = cache.get(year);
  if (cached) return cached;
  const newYear = lunar.getSolarDateFromLunar(`${year}-01-01`).date; // 正月初一
  const statutory: StatutoryHoliday[] = [
    { name: '元旦', days: [`${year}-01-01`] },
    { name: '春节', days: [shift(newYear, -1), newYear, shift(newYear, 1), shift(newYear, 2)] },
    { name: '清明节', days: [lunar.getSolarTermDate(year, 4, 'pure_brightness')] },
    { name: '劳动节', days: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节', days: [lunar.getSolarDateFromLunar(`${year}-05-05`).date] },
    { name: '中秋节', days: [lunar.getSolarDateFromLunar(`${year}-08-15`).date] },
    { name: '国庆节', days: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ];
  const occurrences = statutory.flatMap((h) => h.days).sort();
  const statutoryDays = new Set(occurrences);
  const inLieu: IsoDate[] = [];
  const taken = new Set<IsoDate>();
  for (const day of occurrences) {
    // Each statutory day that is not itself a working day off — a weekend day, or a day a second
    // holiday also falls on (中秋 on 国庆) — is made up by the next free working day after it.
    const doubled = taken.has(day);
    taken.add(day);
    if (!doubled && !isWeekend(day)) continue;
    let next = shift(day, 1);
    while (isWeekend(next) || statutoryDays.has(next) || inLieu.includes(next)) next = shift(next, 1);
    inLieu.push(next);
  }
  const value: ProvisionalYear = {
    year,
    statutory,
    inLieu: inLieu.sort(),
    holidays: [...new Set([...statutoryDays, ...inLieu])].sort(),
  };
  cache.set(year, value);
  return value;
}

function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function shift(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

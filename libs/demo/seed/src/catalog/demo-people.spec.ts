import { regionName } from '@govdata/codes';
import {
  DEMO_MAX_AGE,
  DEMO_MIN_AGE,
  DEMO_REFERENCE_DATE,
  demoCounties,
  demoPeople,
  gb11643CheckCharacter,
  isValidResidentId,
  residentIdBirthDate,
  residentIdGender,
} from './demo-people.js';

const DEMO_REGIONS = ['100000', '360000', '360100'];

function ageAt(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

describe('GB 11643-1999 公民身份号码', () => {
  it('computes the check character of the standard example and of X cases', () => {
    expect(gb11643CheckCharacter('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    // Worked by hand: Σ(a_i·W_i) over 44030419900101123 is 196, 196 mod 11 = 9 → '3'.
    expect(gb11643CheckCharacter('44030419900101123')).toBe('3');
    expect(isValidResidentId('440304199001011233')).toBe(true);
  });

  it('refuses a wrong check character, a lower-case x, an impossible date and bad shapes', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('11010519491231002x')).toBe(false);
    const feb30 = '36010219900230001';
    expect(isValidResidentId(feb30 + gb11643CheckCharacter(feb30))).toBe(false);
    const before1900 = '36010218991231001';
    expect(isValidResidentId(before1900 + gb11643CheckCharacter(before1900))).toBe(false);
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('01010519491231002X')).toBe(false);
    expect(() => gb11643CheckCharacter('1101051949123100')).toThrow(RangeError);
  });

  it('reads gender and birth date back from the number', () => {
    expect(residentIdGender('11010519491231002X')).toBe('female');
    expect(residentIdGender('440304199001011233')).toBe('male');
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31');
  });
});

describe('demo people', () => {
  it.each(DEMO_REGIONS)('gives valid, distinct IDs in counties of %s', (region) => {
    const people = demoPeople(region, 500);
    expect(people).toHaveLength(500);
    const counties = new Set(demoCounties(region).map((c) => c.code));
    for (const p of people) {
      expect(isValidResidentId(p.residentId), p.residentId).toBe(true);
      expect(p.residentId.slice(0, 6)).toBe(p.countyCode);
      expect(counties.has(p.countyCode)).toBe(true);
      expect(residentIdBirthDate(p.residentId)).toBe(p.birthDate);
    }
    expect(new Set(people.map((p) => p.residentId)).size).toBe(500);
  });

  it('places people in counties that exist and lie under the region', () => {
    for (const region of DEMO_REGIONS) {
      for (const county of demoCounties(region)) {
        expect(regionName(county.code), county.code).toBeDefined();
        expect(county.code.endsWith('00')).toBe(false);
        if (region !== '100000') expect(county.code.startsWith(region.replace(/0+$/, ''))).toBe(true);
      }
    }
    expect(new Set(demoCounties('100000').map((c) => c.code.slice(0, 2))).size).toBeGreaterThanOrEqual(6);
  });

  it('finds the counties of any other region in the division data', () => {
    const jiujiang = demoCounties('360400');
    expect(jiujiang.map((c) => c.code)).toContain('360403');
    expect(jiujiang.every((c) => c.code.startsWith('3604'))).toBe(true);
    expect(demoCounties('360403').map((c) => c.code)).toEqual(['360403']);
    const people = demoPeople('440000', 20);
    expect(people.every((p) => p.countyCode.startsWith('44') && isValidResidentId(p.residentId))).toBe(true);
    expect(() => demoPeople('369999', 1)).toThrow(RangeError);
  });

  it('is deterministic, and a shorter list is the start of a longer one', () => {
    const a = demoPeople('360100', 50);
    expect(demoPeople('360100', 50)).toEqual(a);
    expect(demoPeople('360100', 200).slice(0, 50)).toEqual(a);
    expect(demoPeople('360100', 50, 7)).not.toEqual(a);
    expect(demoPeople('360000', 50)).not.toEqual(a);
  });

  it('keeps gender consistent with the sequence digit and the gender codes', () => {
    const people = demoPeople('360000', 400);
    for (const p of people) {
      expect(residentIdGender(p.residentId)).toBe(p.gender);
      expect(p.genderCode).toBe(p.gender === 'male' ? '1' : '2');
      expect(p.genderName).toBe(p.gender === 'male' ? '男' : '女');
    }
    const men = people.filter((p) => p.gender === 'male').length;
    expect(men).toBeGreaterThan(160);
    expect(men).toBeLessThan(240);
  });

  it('gives adults of plausible ages, names, ethnicities, mobiles and addresses', () => {
    const people = demoPeople('360100', 400);
    const ages = people.map((p) => ageAt(p.birthDate, DEMO_REFERENCE_DATE));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(DEMO_MIN_AGE);
    expect(Math.max(...ages)).toBeLessThanOrEqual(DEMO_MAX_AGE);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(40);
    for (const p of people) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(p.ethnicity).toMatch(/族$/);
      expect(p.ethnicityCode).toMatch(/^\d{2}$/);
      expect(p.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(p.address).toMatch(/^江西省南昌市.+(区|县).+号/);
    }
    const han = people.filter((p) => p.ethnicity === '汉族').length;
    expect(han / people.length).toBeGreaterThan(0.85);
    expect(new Set(people.map((p) => p.name)).size).toBeGreaterThan(300);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => demoPeople('360100', -1)).toThrow(RangeError);
    expect(() => demoPeople('360100', 1.5)).toThrow(RangeError);
    expect(demoPeople('360100', 0)).toEqual([]);
  });
});

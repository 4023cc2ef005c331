import { regionName } from '@govdata/codes';

/**
 * Synthetic residents (虚构人员) of a demo region: the people behind the demo sample tables and the
 * exchange demo's 人口基本信息 lookup. Every figure is made up but well formed — a 公民身份号码 that
 * passes GB 11643-1999, a mobile number of a real 号段, an address in a real county — and the same
 * arguments always give the same people, so demo data and tests can name them.
 */

/** The day ages are counted to: demo data never depends on the wall clock. */
export const DEMO_REFERENCE_DATE = '2025-12-31';
/** The seed of {@link demoPeople} when none is given: the people every demo table refers to. */
export const DEFAULT_DEMO_SEED = 20_260_101;
/** Ages of the demo residents at {@link DEMO_REFERENCE_DATE}: adults, as registers of the demo hold. */
export const DEMO_MIN_AGE = 18;
export const DEMO_MAX_AGE = 80;

export type DemoGender = 'male' | 'female';

/** 虚构人员 — one synthetic resident. */
export interface DemoPerson {
  /** 姓名 */
  name: string;
  gender: DemoGender;
  /** 性别代码 (GB/T 2261.1): 1 男, 2 女. */
  genderCode: '1' | '2';
  /** 性别 as forms write it. */
  genderName: '男' | '女';
  /** 民族 (GB 3304 name, e.g. 汉族). */
  ethnicity: string;
  /** 民族代码 (GB 3304, two digits). */
  ethnicityCode: string;
  /** 出生日期, YYYY-MM-DD. */
  birthDate: string;
  /** 公民身份号码 (GB 11643-1999). */
  residentId: string;
  /** 手机号码 */
  mobile: string;
  /** 行政区划代码 of the county the person is registered in (the first six digits of the ID). */
  countyCode: string;
  /** 户籍地址 */
  address: string;
}

// ---------------------------------------------------------------------------------------------
// GB 11643-1999 公民身份号码

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** The 18th character of a 公民身份号码: ISO 7064 MOD 11-2 over the first 17 digits. */
export function gb11643CheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`${first17} is not 17 digits`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Whether a string is a well-formed 18-digit 公民身份号码: address code, a real calendar date of
 * birth from 1900 on, sequence and the right check character (upper-case X).
 */
export function isValidResidentId(id: string): boolean {
  if (!/^[1-8]\d{16}[\dX]$/.test(id)) return false;
  const birth = id.slice(6, 14);
  const year = Number(birth.slice(0, 4));
  const month = Number(birth.slice(4, 6));
  const day = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return false;
  }
  return gb11643CheckCharacter(id.slice(0, 17)) === id[17];
}

/** The gender a 公民身份号码 records: its 17th digit is odd for men, even for women. */
export function residentIdGender(id: string): DemoGender {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** The birth date (YYYY-MM-DD) a 公民身份号码 records. */
export function residentIdBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** A small seeded generator (mulberry32): the same seed gives the same demo data on every machine. */
export class DemoRandom {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'number' ? seed >>> 0 : fnv1a(seed);
  }

  /** The next number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  /** A value chosen with the given relative weights. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** `digits` random decimal digits. */
  digits(digits: number): string {
    let out = '';
    for (let i = 0; i < digits; i++) out += String(this.int(0, 9));
    return out;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const unit of text) {
    hash ^= unit.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// ---------------------------------------------------------------------------------------------
// Where the demo people live

/** A county people are registered in, with the parts of an address. */
export interface DemoCounty {
  code: string;
  province: string;
  /** 地级市; empty under a 直辖市. */
  prefecture: string;
  county: string;
  streets: readonly string[];
}

const county = (code: string, province: string, prefecture: string, name: string, streets: string[]): DemoCounty => ({
  code,
  province,
  prefecture,
  county: name,
  streets,
});

/**
 * Counties under each demo node's region (GB/T 2260-2023 codes; a test checks each against
 * `@govdata/codes`). The national node's residents come from counties across the country.
 */
const DEMO_REGION_COUNTIES: Readonly<Record<string, readonly DemoCounty[]>> = {
  '100000': [
    county('110105', '北京市', '', '朝阳区', ['建国路', '朝阳北路', '东三环中路', '望京街']),
    county('310115', '上海市', '', '浦东新区', ['世纪大道', '张杨路', '浦东南路', '锦绣路']),
    county('440106', '广东省', '广州市', '天河区', ['天河路', '体育西路', '黄埔大道西', '中山大道西']),
    county('420106', '湖北省', '武汉市', '武昌区', ['中南路', '中北路', '武珞路', '友谊大道']),
    county('510107', '四川省', '成都市', '武侯区', ['人民南路', '武侯祠大街', '科华北路', '一环路南四段']),
    county('330106', '浙江省', '杭州市', '西湖区', ['文三路', '天目山路', '古墩路', '教工路']),
    county('610113', '陕西省', '西安市', '雁塔区', ['小寨东路', '长安南路', '科技路', '雁塔北路']),
    county('360102', '江西省', '南昌市', '东湖区', ['八一大道', '中山路', '北京西路', '阳明路']),
  ],
  '360000': [
    county('360102', '江西省', '南昌市', '东湖区', ['八一大道', '中山路', '北京西路', '阳明路']),
    county('360111', '江西省', '南昌市', '青山湖区', ['北京东路', '上海路', '昌东大道', '湖滨东路']),
    county('360203', '江西省', '景德镇市', '珠山区', ['珠山中路', '广场北路', '新厂西路']),
    county('360403', '江西省', '九江市', '浔阳区', ['浔阳路', '长虹大道', '滨江路']),
    county('360502', '江西省', '新余市', '渝水区', ['劳动北路', '仙来中大道', '北湖西路']),
    county('360702', '江西省', '赣州市', '章贡区', ['红旗大道', '文清路', '长征大道']),
    county('360802', '江西省', '吉安市', '吉州区', ['井冈山大道', '吉安南大道', '永叔路']),
    county('360902', '江西省', '宜春市', '袁州区', ['宜阳大道', '中山中路', '袁州大道']),
    county('361002', '江西省', '抚州市', '临川区', ['赣东大道', '玉茗大道', '荔浦路']),
    county('361102', '江西省', '上饶市', '信州区', ['五三大道', '胜利路', '带湖路']),
  ],
  '360100': [
    county('360102', '江西省', '南昌市', '东湖区', ['八一大道', '中山路', '北京西路', '阳明路', '叠山路']),
    county('360103', '江西省', '南昌市', '西湖区', ['孺子路', '桃花路', '洪城路', '朝阳中路']),
    county('360104', '江西省', '南昌市', '青云谱区', ['井冈山大道', '洪都中大道', '迎宾中大道']),
    county('360111', '江西省', '南昌市', '青山湖区', ['北京东路', '上海路', '昌东大道', '湖滨东路']),
    county('360112', '江西省', '南昌市', '新建区', ['长堎大道', '子实路', '建设路']),
    county('360113', '江西省', '南昌市', '红谷滩区', ['红谷中大道', '丰和中大道', '会展路', '赣江中大道']),
    county('360121', '江西省', '南昌市', '南昌县', ['莲塘北大道', '澄湖西路', '向阳路']),
    county('360123', '江西省', '南昌市', '安义县', ['龙津大道', '东阳大道', '文峰路']),
    county('360124', '江西省', '南昌市', '进贤县', ['胜利路', '民和大道', '青岚大道']),
  ],
};

const GENERIC_STREETS = ['人民路', '解放路', '建设路', '中山路', '新华路', '文化路', '胜利路', '和平路'];

/**
 * Counties people of a region are registered in: the demo list for a demo node's region, else the
 * counties `@govdata/codes` knows under a province or prefecture (a county stands for itself).
 */
export function demoCounties(regionCode: string): readonly DemoCounty[] {
  const demo = DEMO_REGION_COUNTIES[regionCode];
  if (demo) return demo;
  if (!/^[1-8]\d{5}$/.test(regionCode) || regionName(regionCode) === undefined) {
    throw new RangeError(`${regionCode} is not a GB/T 2260 division the demo can place people in`);
  }
  const codes = countyCodesUnder(regionCode);
  if (codes.length === 0) throw new RangeError(`no county of ${regionCode} is in the GB/T 2260 data`);
  return codes.map((code) => {
    const province = regionName(`${code.slice(0, 2)}0000`) ?? '';
    const prefecture = regionName(`${code.slice(0, 4)}00`);
    return county(
      code,
      province,
      prefecture && prefecture !== province && !/^(市辖区|省直辖)/.test(prefecture) ? prefecture : '',
      regionName(code)!,
      GENERIC_STREETS,
    );
  });
}

function countyCodesUnder(regionCode: string): string[] {
  const isCounty = (code: string) => !code.endsWith('00') && regionName(code) !== undefined;
  if (!regionCode.endsWith('00')) return [regionCode];
  const prefectures = regionCode.endsWith('0000')
    ? Array.from({ length: 99 }, (_, i) => `${regionCode.slice(0, 2)}${String(i + 1).padStart(2, '0')}`)
    : [regionCode.slice(0, 4)];
  const codes: string[] = [];
  for (const prefix of prefectures) {
    for (let i = 1; i <= 99; i++) {
      const code = `${prefix}${String(i).padStart(2, '0')}`;
      if (isCounty(code)) codes.push(code);
    }
  }
  return codes;
}

// ---------------------------------------------------------------------------------------------
// Names, ethnicities, phones

/** Frequent surnames (2020 census order, roughly), the first ones drawn more often. */
// prettier-ignore
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林',
  '罗', '高', '郑', '梁', '谢', '宋', '唐', '许', '韩', '邓', '冯', '曹', '彭', '曾', '萧', '田', '董', '潘',
  '袁', '蔡', '蒋', '余', '于', '杜', '叶', '程', '魏', '苏', '吕', '丁', '任', '卢', '熊', '万', '涂', '邹',
  '饶', '付', '江', '龚', '游', '欧阳', '司马', '诸葛',
];
// prettier-ignore
const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波',
  '宇', '浩', '凯', '健', '俊', '帆', '峰', '建', '国', '志', '文', '子', '博', '昊', '晨', '睿', '泽', '林',
  '海', '东', '亮', '龙', '成', '金', '永', '春', '德', '荣', '新', '旭',
];
// prettier-ignore
const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀', '玲', '桂', '英', '丹', '萍', '红', '婷', '雪', '琳',
  '洁', '慧', '颖', '琴', '云', '莲', '梅', '晶', '欣', '怡', '佳', '悦', '倩', '璐', '岚', '燕', '兰', '凤',
  '雅', '诗', '梦', '瑶', '萱', '涵', '思', '嘉', '月', '春',
];

/** 民族 (GB 3304) with a rough share: 汉族 first, then peoples found in the demo provinces. */
const ETHNICITIES: ReadonlyArray<readonly [{ code: string; name: string }, number]> = [
  [{ code: '01', name: '汉族' }, 920],
  [{ code: '03', name: '回族' }, 15],
  [{ code: '08', name: '壮族' }, 15],
  [{ code: '11', name: '满族' }, 10],
  [{ code: '06', name: '苗族' }, 10],
  [{ code: '15', name: '土家族' }, 10],
  [{ code: '22', name: '畲族' }, 10],
  [{ code: '02', name: '蒙古族' }, 5],
  [{ code: '12', name: '侗族' }, 5],
];

/** 号段 of the three mobile carriers: a demo number looks like one people carry. */
// prettier-ignore
const MOBILE_PREFIXES = [
  '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '178', '182', '183',
  '187', '188', '198', '130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '133', '153', '173',
  '177', '180', '181', '189', '191', '199',
];

const COMPOUNDS = [
  '阳光花园',
  '锦绣家园',
  '幸福小区',
  '翠苑',
  '绿地新都会',
  '保利香槟',
  '万科城',
  '恒大名都',
  '职工宿舍',
];

/**
 * `count` synthetic residents of a region, always the same for the same region and seed; a shorter
 * list is the start of a longer one. The 公民身份号码 within one list are distinct.
 */
export function demoPeople(regionCode: string, count: number, seed: number = DEFAULT_DEMO_SEED): DemoPerson[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number, got ${count}`);
  const counties = demoCounties(regionCode);
  const random = new DemoRandom(`${regionCode}:${seed}`);
  const usedIds = new Set<string>();
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) people.push(onePerson(random, counties, usedIds));
  return people;
}

function onePerson(random: DemoRandom, counties: readonly DemoCounty[], usedIds: Set<string>): DemoPerson {
  const gender: DemoGender = random.chance(0.51) ? 'male' : 'female';
  const surname = random.weighted(SURNAMES.map((s, i) => [s, SURNAMES.length - i] as const));
  const pool = gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN;
  const given = random.chance(0.75) ? random.pick(pool) + random.pick(pool) : random.pick(pool);
  const ethnicity = random.weighted(ETHNICITIES);
  const place = random.pick(counties);
  const birthDate = randomBirthDate(random);
  return {
    name: surname + given,
    gender,
    genderCode: gender === 'male' ? '1' : '2',
    genderName: gender === 'male' ? '男' : '女',
    ethnicity: ethnicity.name,
    ethnicityCode: ethnicity.code,
    birthDate,
    residentId: uniqueResidentId(random, place.code, birthDate, gender, usedIds),
    mobile: random.pick(MOBILE_PREFIXES) + random.digits(8),
    countyCode: place.code,
    address: demoAddress(random, place),
  };
}

function randomBirthDate(random: DemoRandom): string {
  const reference = new Date(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
  const latest = Date.UTC(reference.getUTCFullYear() - DEMO_MIN_AGE, reference.getUTCMonth(), reference.getUTCDate());
  const earliest =
    Date.UTC(reference.getUTCFullYear() - DEMO_MAX_AGE - 1, reference.getUTCMonth(), reference.getUTCDate()) +
    86_400_000;
  const days = Math.floor((latest - earliest) / 86_400_000);
  return new Date(earliest + random.int(0, days) * 86_400_000).toISOString().slice(0, 10);
}

/** 顺序码 odd for men, even for women; a taken number moves on to the next of the same parity. */
function uniqueResidentId(
  random: DemoRandom,
  countyCode: string,
  birthDate: string,
  gender: DemoGender,
  used: Set<string>,
): string {
  const parity = gender === 'male' ? 1 : 0;
  let sequence = random.int(0, 499) * 2 + parity;
  for (let tries = 0; tries < 500; tries++) {
    const first17 = countyCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
    const id = first17 + gb11643CheckCharacter(first17);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
    sequence = (sequence + 2) % 1000;
  }
  throw new RangeError(`no free 顺序码 left for ${countyCode} ${birthDate}`);
}

/** A 户籍地址 in the county: street and number, often a compound, building and flat. */
export function demoAddress(random: DemoRandom, place: DemoCounty): string {
  const street = `${place.province}${place.prefecture}${place.county}${random.pick(place.streets)}${random.int(1, 999)}号`;
  if (!random.chance(0.7)) return street;
  return `${street}${random.pick(COMPOUNDS)}${random.int(1, 32)}栋${random.int(1, 3)}单元${random.int(1, 33)}0${random.int(1, 4)}室`;
}

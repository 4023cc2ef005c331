import { surnameLength } from '@govdata/codes';
import { z } from 'zod';

/**
 * 脱敏 — masking techniques for common Chinese personal data. No standard fixes which characters to
 * keep; these are the positions platforms commonly use, as named, data-driven rules a node may
 * replace. All functions are pure; they count characters by code point, so a rare-character name
 * (CJK extension B) is not split in half.
 */

export const MASK_CATEGORIES = ['id-card', 'mobile', 'name', 'address', 'bank-card', 'email', 'uscc'] as const;
/**
 * id-card 公民身份号码, mobile 手机号码/联系电话, name 姓名, address 地址, bank-card 银行卡号,
 * email 电子邮箱, uscc 统一社会信用代码.
 */
export type MaskCategory = (typeof MASK_CATEGORIES)[number];

const count = z.number().int().min(0).max(64);

/** A rule as data: the technique and its parameters. */
export const maskTechniqueSchema = z.discriminatedUnion('technique', [
  /** Keeps `front` and `back` characters and stars the middle, keeping the length (138****1234). */
  z.object({ technique: z.literal('keep-ends'), front: count, back: count }).strict(),
  /** Keeps the surname — two characters for a compound one (欧阳**) — or nothing; stars the rest. */
  z.object({ technique: z.literal('person-name'), keep: z.enum(['surname', 'none']) }).strict(),
  /** Keeps the address down to an administrative level and replaces the rest with ****. */
  z.object({ technique: z.literal('address'), keepTo: z.enum(['province', 'city', 'district']) }).strict(),
  /** Keeps `keepLocal` characters of the mailbox name and the domain (z***@example.cn). */
  z.object({ technique: z.literal('email'), keepLocal: count }).strict(),
  /** Replaces the whole value, hiding its length too. */
  z.object({ technique: z.literal('redact') }).strict(),
]);
export type MaskTechnique = z.infer<typeof maskTechniqueSchema>;

const STARS = '****';

/** The platform's named rules; a node's policy may add or replace them. */
export const DEFAULT_MASK_RULES: Record<string, MaskTechnique> = {
  'id-card-keep-6-4': { technique: 'keep-ends', front: 6, back: 4 },
  'id-card-keep-1-1': { technique: 'keep-ends', front: 1, back: 1 },
  'mobile-keep-3-4': { technique: 'keep-ends', front: 3, back: 4 },
  'mobile-keep-0-4': { technique: 'keep-ends', front: 0, back: 4 },
  'name-keep-surname': { technique: 'person-name', keep: 'surname' },
  'name-hide': { technique: 'person-name', keep: 'none' },
  'address-keep-district': { technique: 'address', keepTo: 'district' },
  'address-keep-city': { technique: 'address', keepTo: 'city' },
  'bank-card-keep-4-4': { technique: 'keep-ends', front: 4, back: 4 },
  'bank-card-keep-0-4': { technique: 'keep-ends', front: 0, back: 4 },
  'email-keep-1': { technique: 'email', keepLocal: 1 },
  'email-hide-mailbox': { technique: 'email', keepLocal: 0 },
  /** Keeps 登记管理部门, 机构类别 and the region (8 characters); hides 主体标识码 and the check. */
  'uscc-keep-8': { technique: 'keep-ends', front: 8, back: 0 },
  'uscc-keep-2': { technique: 'keep-ends', front: 2, back: 0 },
  redact: { technique: 'redact' },
};

/** Masks one string with a technique. An empty string stays empty. */
export function maskText(value: string, rule: MaskTechnique): string {
  if (value === '') return value;
  switch (rule.technique) {
    case 'keep-ends':
      return keepEnds(value, rule.front, rule.back);
    case 'person-name':
      return maskPersonName(value, rule.keep);
    case 'address':
      return maskAddress(value, rule.keepTo);
    case 'email':
      return maskEmail(value, rule.keepLocal);
    case 'redact':
      return STARS;
  }
}

/**
 * Masks a field's value whatever its JSON type: strings are masked, numbers as their digits (an ID
 * or phone sent as a number comes back as a masked string), lists and objects element by element;
 * null, booleans and absent values are left as they are.
 */
export function maskValue(value: unknown, rule: MaskTechnique): unknown {
  if (typeof value === 'string') return maskText(value, rule);
  if (typeof value === 'number' && Number.isFinite(value)) return maskText(String(value), rule);
  if (Array.isArray(value)) return value.map((v) => maskValue(v, rule));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, rule)]));
  }
  return value;
}

/** 110105********002X. A value too short to keep both ends is starred whole. */
function keepEnds(value: string, front: number, back: number): string {
  const chars = Array.from(value);
  if (chars.length <= front + back) return '*'.repeat(chars.length);
  return (
    chars.slice(0, front).join('') + '*'.repeat(chars.length - front - back) + chars.slice(chars.length - back).join('')
  );
}

/** Separators kept in a name: the middle dots of transliterated names (买买提·艾力) and spaces. */
const NAME_SEPARATORS = new Set(['·', '•', '・', '.', ' ']);

/** 张三 → 张*, 欧阳娜娜 → 欧阳**, 买买提·艾力 → 买**·**. */
function maskPersonName(value: string, keep: 'surname' | 'none'): string {
  const chars = Array.from(value.trim());
  if (chars.length === 0) return '';
  let kept = 0;
  if (keep === 'surname' && chars.length > 1) {
    kept = surnameLength(value);
  }
  return chars.map((c, i) => (i < kept || NAME_SEPARATORS.has(c) ? c : '*')).join('');
}

/*
 * Administrative levels of a Chinese address, read from the start: province (省, 自治区, 特别行政区,
 * or a municipality 北京市 …), city (市, 自治州, 地区, 盟), district (区, 县, 旗, or a county-level 市).
 * The part before a suffix may not contain another level's suffix, so a match cannot run past a level.
 */
const PROVINCE = /^(?:(?:北京|天津|上海|重庆|重庆)市|[^省市区区县县]{2,7}?(?:省|自治区|自治区|特别行政区|特别行政区))/u;
const CITY = /^[^省市区区县县]{1,10}?(?:市|自治州|地区|地区|盟)/u;
const DISTRICT = /^[^省市区区县县]{1,10}?(?:区|区|县|县|旗|市)/u;
const LEVELS = ['province', 'city', 'district'] as const;

/** 江西省南昌市东湖区八一大道 1 号 → 江西省南昌市东湖区****. An address without levels is starred whole. */
function maskAddress(value: string, keepTo: 'province' | 'city' | 'district'): string {
  const text = value.trim();
  const patterns = { province: PROVINCE, city: CITY, district: DISTRICT };
  let kept = 0;
  for (const level of LEVELS.slice(0, LEVELS.indexOf(keepTo) + 1)) {
    const match = patterns[level].exec(text.slice(kept));
    if (match) kept += match[0].length;
  }
  if (kept === 0) return STARS;
  return kept >= text.length ? text : text.slice(0, kept) + STARS;
}

/** zhangsan@example.cn → z***@example.cn. A value that is no address is starred whole. */
function maskEmail(value: string, keepLocal: number): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return STARS;
  const local = Array.from(value.slice(0, at));
  const keep = local.length > keepLocal ? keepLocal : 0;
  return local.slice(0, keep).join('') + '***' + value.slice(at);
}

import { COMPOUND_SURNAMES } from '@govdata/codes';
import pg from 'pg';

/**
 * 脱敏 in SQL — the masking rules an opening review may choose, as expressions PostgreSQL computes
 * while it reads the table, so a download streams masked rows straight from COPY and no unmasked
 * value ever reaches the service. They give the same results as the exchange's masking of API
 * responses (same names, same positions, characters counted by code point); rules that need
 * parsing beyond SQL (addresses) are not offered here — such columns are withheld instead.
 */
export const OPEN_MASK_RULES = {
  'id-card-keep-6-4': { technique: 'keep-ends', front: 6, back: 4, zh: '公民身份号码：保留前 6 位和后 4 位' },
  'id-card-keep-1-1': { technique: 'keep-ends', front: 1, back: 1, zh: '公民身份号码：保留首尾各 1 位' },
  'mobile-keep-3-4': { technique: 'keep-ends', front: 3, back: 4, zh: '手机号码：保留前 3 位和后 4 位' },
  'mobile-keep-0-4': { technique: 'keep-ends', front: 0, back: 4, zh: '手机号码：只保留后 4 位' },
  'bank-card-keep-4-4': { technique: 'keep-ends', front: 4, back: 4, zh: '银行卡号：保留前 4 位和后 4 位' },
  'bank-card-keep-0-4': { technique: 'keep-ends', front: 0, back: 4, zh: '银行卡号：只保留后 4 位' },
  'uscc-keep-8': { technique: 'keep-ends', front: 8, back: 0, zh: '统一社会信用代码：保留前 8 位' },
  'uscc-keep-2': { technique: 'keep-ends', front: 2, back: 0, zh: '统一社会信用代码：保留前 2 位' },
  'name-keep-surname': { technique: 'person-name', keep: 'surname', zh: '姓名：只保留姓' },
  'name-hide': { technique: 'person-name', keep: 'none', zh: '姓名：全部隐去' },
  'email-keep-1': { technique: 'email', keepLocal: 1, zh: '电子邮箱：保留首字符和域名' },
  'email-hide-mailbox': { technique: 'email', keepLocal: 0, zh: '电子邮箱：只保留域名' },
  redact: { technique: 'redact', zh: '整体隐去' },
} as const;
export type OpenMaskRule = keyof typeof OPEN_MASK_RULES;
export const OPEN_MASK_RULE_NAMES = Object.keys(OPEN_MASK_RULES) as OpenMaskRule[];

// 复姓 — the compound surnames a masked name keeps whole (the list the exchange's masking uses).
const COMPOUND_ARRAY = `ARRAY[${[...COMPOUND_SURNAMES].map((s) => pg.escapeLiteral(s)).join(', ')}]`;

/** `"column"`, quoted for SQL. */
export function quoteIdent(name: string): string {
  return pg.escapeIdentifier(name);
}

/**
 * The SQL expression of `column` masked by `rule`, a text (NULL stays NULL, an empty value stays
 * empty). Numbers and other types are masked as their text.
 */
export function maskedExpression(column: string, rule: OpenMaskRule): string {
  const v = `${quoteIdent(column)}::text`;
  const r = OPEN_MASK_RULES[rule];
  switch (r.technique) {
    case 'keep-ends': {
      const keep = r.front + r.back;
      return `(CASE WHEN ${v} IS NULL THEN NULL WHEN char_length(${v}) <= ${keep} THEN repeat('*', char_length(${v}))
        ELSE left(${v}, ${r.front}) || repeat('*', char_length(${v}) - ${keep}) || right(${v}, ${r.back}) END)`;
    }
    case 'person-name': {
      // 张三 → 张*, 欧阳娜娜 → 欧阳**, 买买提·艾力 → 买**·**: separators stay, the rest is starred.
      const t = `btrim(${v})`;
      const kept =
        r.keep === 'none'
          ? '0'
          : `(CASE WHEN char_length(${t}) > 2 AND left(${t}, 2) = ANY(${COMPOUND_ARRAY}) THEN 2
               WHEN char_length(${t}) > 1 THEN 1 ELSE 0 END)`;
      return `(CASE WHEN ${v} IS NULL THEN NULL
        ELSE left(${t}, ${kept}) || regexp_replace(substr(${t}, ${kept} + 1), '[^·•・. ]', '*', 'g') END)`;
    }
    case 'email': {
      // zhangsan@example.cn → z***@example.cn; a value that is no address is starred whole.
      const local = `substring(${v} from '^(.+)@[^@]*$')`;
      const keep = `(CASE WHEN char_length(${local}) > ${r.keepLocal} THEN ${r.keepLocal} ELSE 0 END)`;
      return `(CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} = '' THEN ''
        WHEN ${v} !~ '^.+@[^@]*$' THEN '****'
        ELSE left(${local}, ${keep}) || '***' || substring(${v} from '^.+(@[^@]*)$') END)`;
    }
    case 'redact':
      return `(CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} = '' THEN '' ELSE '****' END)`;
  }
}

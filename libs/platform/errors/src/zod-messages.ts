import { z } from 'zod';

type ZodIssue = Parameters<z.core.$ZodErrorMap>[0];

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: 'true 或 false',
  object: '对象',
  array: '数组',
  date: '日期',
  null: 'null',
  file: '文件',
};

const FORMAT_NAMES: Record<string, string> = {
  email: '电子邮箱地址',
  url: '网址',
  uuid: 'UUID',
  guid: 'UUID',
  datetime: 'ISO 8601 日期时间（如 2026-12-07T08:00:00Z）',
  date: '日期（YYYY-MM-DD）',
  time: '时间（HH:MM:SS）',
  duration: 'ISO 8601 时长',
  ipv4: 'IPv4 地址',
  ipv6: 'IPv6 地址',
  cidrv4: 'IPv4 网段',
  cidrv6: 'IPv6 网段',
  base64: 'Base64 编码',
  base64url: 'Base64URL 编码',
  json_string: 'JSON 文本',
  jwt: 'JWT',
  lowercase: '小写字母',
  uppercase: '大写字母',
};

const SIZE_UNITS: Record<string, string> = { string: '个字符', array: '项', set: '项', map: '项', file: '字节' };

/** A space between Chinese and a following Latin word or number, as Chinese typesetting has it. */
const spaced = (text: string): string => (/^[A-Za-z0-9]/.test(text) ? ` ${text}` : text);

const shown = (value: unknown): string => (typeof value === 'string' ? `“${value}”` : String(value));

/** A bound of a date check (zod gives it as milliseconds) as a Beijing-independent ISO date. */
const bound = (origin: string, value: number | bigint): string =>
  origin === 'date' ? new Date(Number(value)).toISOString().slice(0, 10) : String(value);

/**
 * What a zod check that was given no message of its own says, in simplified Chinese: the API's
 * field errors are read beside form fields by people who write Chinese. Schema-level messages (the
 * services' own rules) still win; this only replaces zod's English defaults.
 */
export function chineseZodMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '必填';
      return `应为${spaced(TYPE_NAMES[issue.expected] ?? issue.expected)}`;
    }
    case 'too_small': {
      const unit = SIZE_UNITS[issue.origin];
      const n = bound(issue.origin, issue.minimum);
      if (unit) return issue.exact ? `应为 ${n} ${unit}` : `至少 ${n} ${unit}`;
      if (issue.origin === 'date') return issue.inclusive ? `不能早于 ${n}` : `应晚于 ${n}`;
      return issue.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    }
    case 'too_big': {
      const unit = SIZE_UNITS[issue.origin];
      const n = bound(issue.origin, issue.maximum);
      if (unit) return issue.exact ? `应为 ${n} ${unit}` : `最多 ${n} ${unit}`;
      if (issue.origin === 'date') return issue.inclusive ? `不能晚于 ${n}` : `应早于 ${n}`;
      return issue.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
    }
    case 'invalid_format': {
      const format = issue.format;
      if (format === 'starts_with' && 'prefix' in issue) return `应以${shown(issue.prefix)}开头`;
      if (format === 'ends_with' && 'suffix' in issue) return `应以${shown(issue.suffix)}结尾`;
      if (format === 'includes' && 'includes' in issue) return `应包含${shown(issue.includes)}`;
      if (format === 'regex') return '格式不符合要求';
      return `应为${spaced(FORMAT_NAMES[format] ?? `${format} 格式`)}`;
    }
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `应为 ${shown(issue.values[0])}`
        : `应为以下之一：${issue.values.map(shown).join('、')}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_union':
      return '不符合任何一种允许的形式';
    case 'invalid_key':
      return '键不符合要求';
    case 'invalid_element':
      return '其中有不符合要求的值';
    default:
      return '不符合要求';
  }
}

/**
 * Makes zod's own messages Chinese in this process (zod's lowest-priority `localeError`); each
 * service calls it as it starts (startService).
 */
export function useChineseZodMessages(): void {
  z.config({ localeError: chineseZodMessage });
}

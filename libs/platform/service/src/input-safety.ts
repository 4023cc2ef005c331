import type { INestApplication } from '@nestjs/common';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import type { NextFunction, Request, Response } from 'express';

/**
 * The deepest nesting of arrays and objects a JSON request body may have. Real bodies (a catalog
 * entry with its items) stay under 10 levels; 64 leaves room while keeping every recursive walk of
 * a body — zod's, ours, and JSON.stringify when the gateway re-sends it upstream — far from the
 * stack limit (a body ~5,000 deep overflowed the gateway's re-serialisation).
 */
export const MAX_JSON_DEPTH = 64;

/** The largest JSON or form body the gateway and every service read; above it the answer is 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Problems named at most per answer, so a body full of bad strings does not make a huge answer. */
const MAX_PROBLEMS = 20;

/** Rules the edge applies to every request before a handler (or the gateway's proxy) sees it. */
export enum InputRule {
  /** U+0000 has no place in text, and PostgreSQL refuses it in `text` and `jsonb`. */
  NoNul = 'no-nul',
  /** No unpaired UTF-16 surrogate (U+D800–U+DFFF), which cannot be stored as UTF-8. */
  WellFormedUnicode = 'well-formed-unicode',
  MaxDepth = 'max-depth',
  /** A `%` escape of the URL that does not decode to UTF-8 text (`%zz`, a lone `%E4`). */
  PercentEncoding = 'percent-encoding',
}

// With the u flag a paired surrogate is one code point above U+FFFF, so only a lone one matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The rules every string must keep. */
export type StringRule = InputRule.NoNul | InputRule.WellFormedUnicode;

/** The rule a string breaks, if any. */
export function stringRule(text: string): StringRule | undefined {
  if (text.includes('\u0000')) return InputRule.NoNul;
  if (LONE_SURROGATE.test(text)) return InputRule.WellFormedUnicode;
  return undefined;
}

/** What each rule asks, in Chinese then English: a field's message is `中文 (English)`. */
const RULE_WORDS: Record<InputRule, { zh: string; en: string }> = {
  [InputRule.NoNul]: { zh: '不得包含 NUL 字符（U+0000）', en: 'must not contain the NUL character (U+0000)' },
  [InputRule.WellFormedUnicode]: {
    zh: '须为合法的 Unicode 文本（不得含未配对的代理字符 U+D800–U+DFFF）',
    en: 'must be well-formed Unicode (no unpaired surrogate U+D800–U+DFFF)',
  },
  [InputRule.MaxDepth]: {
    zh: `数组和对象的嵌套不得超过 ${MAX_JSON_DEPTH} 层`,
    en: `must not nest arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
  },
  [InputRule.PercentEncoding]: {
    zh: '无法解码：% 转义序列不是 UTF-8 文本',
    en: 'cannot be decoded: a %-escape that is not UTF-8 text',
  },
};

const RULE_MESSAGES = Object.fromEntries(
  Object.entries(RULE_WORDS).map(([rule, { zh, en }]) => [rule, `${zh} (${en})`]),
) as Record<InputRule, string>;

function problem(path: string, rule: InputRule): FieldProblem {
  return { path, rule, message: RULE_MESSAGES[rule] };
}

/** A key made printable for a field path: the offending characters shown, not echoed. */
function printable(key: string): string {
  return key.replaceAll('\u0000', '\\u0000').replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
}

/**
 * Every string in `value` (object keys and values at any depth) that breaks a rule, by dotted path
 * under `root` (`body.items.0.name`). Iterative, so a deep value cannot overflow the stack.
 */
export function unsafeStrings(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: Array<[unknown, string, number]> = [[value, root, 0]];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [current, path, depth] = pending.pop()!;
    if (typeof current === 'string') {
      const rule = stringRule(current);
      if (rule) problems.push(problem(path, rule));
    } else if (current !== null && typeof current === 'object' && depth >= MAX_JSON_DEPTH) {
      // Also for bodies the raw scan did not see (forms, other charsets).
      problems.push(problem(root, InputRule.MaxDepth));
      break;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push([item, `${path}.${index}`, depth + 1]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const keyPath = `${path}.${printable(key)}`;
        const keyRule = stringRule(key);
        if (keyRule)
          problems.push({
            ...problem(keyPath, keyRule),
            message: `键名${RULE_WORDS[keyRule].zh} (a key ${RULE_WORDS[keyRule].en})`,
          });
        pending.push([item, keyPath, depth + 1]);
      }
    }
  }
  return problems;
}

/** Whether raw JSON text nests arrays and objects deeper than `max`; brackets inside strings don't count. */
export function jsonDeeperThan(raw: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > max) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** body-parser's `verify`: refuses a too-deep body before it is parsed. */
function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonDeeperThan(raw, MAX_JSON_DEPTH)) throw GovdataError.validation([problem('body', InputRule.MaxDepth)]);
}

/** The problems of the URL path, each segment percent-decoded as a router would. */
function pathProblems(path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Percent-encoding that is not UTF-8 (an encoded lone surrogate is one) cannot be a parameter.
      problems.push(problem('path', InputRule.PercentEncoding));
      continue;
    }
    const rule = stringRule(decoded);
    if (rule) problems.push(problem('path', rule));
  }
  return problems;
}

/** Refuses NUL and lone surrogates anywhere in the path, query string or parsed body, with a 400 naming each. */
export function refuseUnsafeInput(req: Request, _res: Response, next: NextFunction): void {
  const problems = [
    ...pathProblems(req.path),
    ...unsafeStrings(req.query, 'query'),
    ...(req.body === undefined ? [] : unsafeStrings(req.body, 'body')),
  ];
  next(problems.length > 0 ? GovdataError.validation(problems.slice(0, MAX_PROBLEMS)) : undefined);
}

/**
 * What every service (the gateway included, before it proxies) applies to a request: JSON and form
 * bodies up to {@link MAX_BODY_BYTES} (413 above), JSON nested at most {@link MAX_JSON_DEPTH} deep,
 * and no NUL or lone surrogate in any string.
 */
export function applyInputLimits(
  app: INestApplication & { useBodyParser(type: string, options: object): unknown },
): void {
  app.useBodyParser('json', { limit: MAX_BODY_BYTES, verify: refuseDeepJson });
  app.useBodyParser('urlencoded', { limit: MAX_BODY_BYTES, extended: true, depth: MAX_JSON_DEPTH });
  app.use(refuseUnsafeInput);
}

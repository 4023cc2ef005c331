import { InputRule, jsonDeeperThan, MAX_JSON_DEPTH, stringRule, unsafeStrings } from './input-safety.js';

describe('input safety', () => {
  it('tells NUL and lone surrogates from text that is merely unusual', () => {
    expect(stringRule('a\u0000b')).toBe(InputRule.NoNul);
    expect(stringRule('x\ud800')).toBe(InputRule.WellFormedUnicode);
    expect(stringRule('\udc00x')).toBe(InputRule.WellFormedUnicode);
    expect(stringRule('𠮷野家 \u202e %00 \\u0000')).toBeUndefined();
  });

  it('names every bad string by its path, keys included, at any depth', () => {
    expect(unsafeStrings({ items: [{ name: 'ok' }, { name: 'a\u0000' }], ['k\ud800']: 1 }, 'body')).toEqual([
      expect.objectContaining({ path: 'body.k\ufffd', rule: 'well-formed-unicode' }),
      expect.objectContaining({ path: 'body.items.1.name', rule: 'no-nul' }),
    ]);
  });

  it('measures JSON depth on the raw text, brackets inside strings not counted', () => {
    const nested = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(jsonDeeperThan(Buffer.from(`{"a":"${'['.repeat(100)}\\"{{"}`), 2)).toBe(false);
  });

  it('refuses a parsed value nested too deep even when the raw scan did not see it', () => {
    let value: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH + 1; i++) value = { a: value };
    expect(unsafeStrings(value, 'body')).toEqual([expect.objectContaining({ path: 'body', rule: 'max-depth' })]);
  });
});

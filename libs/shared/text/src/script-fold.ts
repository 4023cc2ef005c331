import { ConverterFactory, type DictLike } from 'opencc-js/core';
import * as Locale from 'opencc-js/preset';

/**
 * 繁简折叠 — text in the one script everything is compared in: mainland simplified (规范汉字).
 * People type either script, so the index, queries, labels and names are all folded the same way
 * before they are compared. Only compared forms are folded; stored text stays as entered.
 *
 * The conversion is OpenCC's (opencc-js), as a round trip, each step with its phrase dictionary:
 * simplified to OpenCC's standard traditional, Taiwan and Hong Kong variants to the standard forms,
 * traditional to simplified. Converting one way only would fold the two scripts of a word apart
 * where a character is written in both: U+8457 is simplified too, so traditional-to-simplified
 * alone turns the simplified word U+663E U+8457 ("notable") into U+663E U+7740, while the word's
 * traditional spelling folds to U+663E U+8457; through the standard traditional form both fold to
 * U+663E U+8457. (Code points, not characters: the repository's literals are converted to
 * simplified script, which would rewrite the example itself.) One converter, built once.
 */
const CHAIN = [Locale.from['cn']!, Locale.from['tw']!, Locale.from['hk']!, Locale.to['cn']!];
const convert = ConverterFactory(...CHAIN);

/** Pairs of a serialised (`from to|from to`) or listed dictionary. */
function pairsOf(dict: DictLike): Array<readonly [string, string]> {
  if (typeof dict !== 'string') return [...dict];
  return dict
    .split('|')
    .filter(Boolean)
    .map((pair) => {
      const [from = '', to = ''] = pair.split(' ');
      return [from, to] as const;
    });
}

/**
 * For every mapping that changes text, the first character it changes. Text without any of them —
 * codes, Latin text, characters written alike in both scripts — cannot be changed by the converter
 * (every key that could match maps to itself), so it skips the conversion.
 */
const TRIGGERS: ReadonlySet<string> = new Set(
  CHAIN.flatMap((groups) => groups.flatMap((group) => group.flatMap(pairsOf))).flatMap(([from, to]) => {
    const a = [...from];
    const b = [...to];
    const at = a.findIndex((c, i) => c !== b[i]);
    return at < 0 ? (a.length === b.length ? [] : [a[0]!]) : [a[at]!];
  }),
);

function needsConversion(text: string): boolean {
  for (const char of text) if (TRIGGERS.has(char)) return true;
  return false;
}

/**
 * Folds traditional (incl. Taiwan and Hong Kong variants) to mainland simplified. Keeps the number
 * of characters (code points), so a position in the folded text is the same character of the
 * original (see `foldedOffsets`): where a phrase would change it, characters are folded one by one.
 */
export function foldScript(text: string): string {
  if (!needsConversion(text)) return text;
  if (text.length > MEMO_TEXT) return fold(text);
  let folded = memo.get(text);
  if (folded === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    folded = fold(text);
    memo.set(text, folded);
  }
  return folded;
}

/**
 * Short texts — names, item names, tags, queries — repeat across a catalog (姓名, 统一社会信用代码),
 * so their folded forms are kept; abstracts are folded each time.
 */
const MEMO_TEXT = 32;
const MEMO_SIZE = 50_000;
const memo = new Map<string, string>();

function fold(text: string): string {
  const folded = convert(text);
  if (sameCodePointCount(folded, text)) return folded;
  return [...text]
    .map((char) => {
      const one = convert(char);
      return [...one].length === 1 ? one : char;
    })
    .join('');
}

function sameCodePointCount(a: string, b: string): boolean {
  if (a.length === b.length && !/[\uD800-\uDBFF]/.test(a) && !/[\uD800-\uDBFF]/.test(b)) return true;
  return [...a].length === [...b].length;
}

/**
 * The UTF-16 offset in `original` of every UTF-16 offset in `folded` (one more entry for the end),
 * for texts of the same code-point count — to mark in stored text what matched its folded form.
 */
export function foldedOffsets(original: string, folded: string): number[] {
  const offsets: number[] = [];
  const a = [...original];
  let from = 0;
  [...folded].forEach((char, i) => {
    for (let k = 0; k < char.length; k++) offsets.push(from);
    from += a[i]?.length ?? char.length;
  });
  offsets.push(from);
  return offsets;
}

/**
 * A name as names are compared (一数一源 similarity, data element look-up, de-duplication):
 * NFKC, lower case, simplified script. The stored name is kept as entered; this is only its key.
 */
export function comparableName(name: string): string {
  return foldScript(name.normalize('NFKC').toLowerCase());
}

import { foldScript, foldedOffsets } from '@govdata/text';
import { normaliseText } from './search-tokenizer.js';

/** A short passage of an abstract around the first place it matches, with the matches marked. */
export interface Snippet {
  text: string;
  /** [start, end) offsets (UTF-16, as JavaScript strings count) of matched text within `text`. */
  highlights: Array<[number, number]>;
}

const LENGTH = 120;
const LEAD = 30;

/**
 * Cuts `abstract` around the first occurrence of any needle (longest needles first). Offsets are
 * returned instead of markup, so a client can never be handed HTML it did not build.
 */
export function snippet(abstract: string, needles: readonly string[]): Snippet {
  const haystack = comparable(abstract);
  // The script fold keeps the number of characters, not always of UTF-16 units (a few folded
  // characters are outside the BMP): `at` maps an offset in the haystack back to the stored text,
  // so the marks fall on the provider's own characters, whichever script they are in.
  const offsets = haystack.length === abstract.length ? null : foldedOffsets(abstract, haystack);
  const at = (offset: number) => (offsets ? offsets[offset]! : offset);
  let first = -1;
  for (const needle of needles) {
    const found = needle ? haystack.indexOf(needle) : -1;
    if (found >= 0 && (first < 0 || found < first)) first = found;
  }
  const start = first <= LEAD ? 0 : first - LEAD;
  const end = Math.min(haystack.length, start + LENGTH);
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${abstract.slice(at(start), at(end))}${at(end) < abstract.length ? '…' : ''}`;

  const highlights: Array<[number, number]> = [];
  const window = haystack.slice(start, end);
  const taken = new Array<boolean>(window.length).fill(false);
  const mark = (from: number) => at(start + from) - at(start) + prefix.length;
  for (const needle of needles) {
    if (!needle) continue;
    for (let i = window.indexOf(needle); i >= 0; i = window.indexOf(needle, i + needle.length)) {
      if (taken.slice(i, i + needle.length).some(Boolean)) continue;
      taken.fill(true, i, i + needle.length);
      highlights.push([mark(i), mark(i + needle.length)]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { text, highlights };
}

/**
 * The abstract folded as the needles are (NFKC, lower case, simplified script: `normaliseText`).
 * NFKC and lower case keep the characters apart for CJK and ASCII, which is what catalog text
 * consists of; when they would not, matches are looked up in the text folded by script alone.
 */
function comparable(abstract: string): string {
  const folded = normaliseText(abstract);
  if (folded.length === abstract.length || [...folded].length === [...abstract].length) return folded;
  return foldScript(abstract);
}

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
  // NFKC and lower case keep lengths for CJK and ASCII, which is what catalog text consists of;
  // when they would not, matches are looked up in the original text instead.
  const folded = abstract.normalize('NFKC').toLowerCase();
  const haystack = folded.length === abstract.length ? folded : abstract;
  let first = -1;
  for (const needle of needles) {
    const at = needle ? haystack.indexOf(needle) : -1;
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = first <= LEAD ? 0 : first - LEAD;
  const end = Math.min(abstract.length, start + LENGTH);
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${abstract.slice(start, end)}${end < abstract.length ? '…' : ''}`;

  const highlights: Array<[number, number]> = [];
  const window = haystack.slice(start, end);
  const taken = new Array<boolean>(window.length).fill(false);
  for (const needle of needles) {
    if (!needle) continue;
    for (let at = window.indexOf(needle); at >= 0; at = window.indexOf(needle, at + needle.length)) {
      if (taken.slice(at, at + needle.length).some(Boolean)) continue;
      taken.fill(true, at, at + needle.length);
      highlights.push([at + prefix.length, at + prefix.length + needle.length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { text, highlights };
}

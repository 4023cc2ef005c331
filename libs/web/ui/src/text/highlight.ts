/** A piece of a text, marked when it is part of a match. */
export interface TextSegment {
  text: string;
  marked: boolean;
}

/**
 * Splits a text at the matched ranges the search API gives (`[start, end)` in UTF-16 code units,
 * as JavaScript counts), merging overlaps and ignoring ranges outside the text.
 */
export function highlightSegments(text: string, ranges: ReadonlyArray<readonly [number, number]>): TextSegment[] {
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, start), Math.min(text.length, end)] as const)
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) segments.push({ text: text.slice(at, start), marked: false });
    segments.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

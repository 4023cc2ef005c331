import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.js';

describe('highlightSegments', () => {
  it('marks the matched ranges and keeps the text between them', () => {
    expect(highlightSegments('南昌市人口基础信息', [[3, 5]])).toEqual([
      { text: '南昌市', marked: false },
      { text: '人口', marked: true },
      { text: '基础信息', marked: false },
    ]);
  });

  it('merges overlapping ranges and ignores ranges outside the text', () => {
    expect(
      highlightSegments('企业登记信息', [
        [2, 4],
        [0, 3],
        [9, 12],
      ]),
    ).toEqual([
      { text: '企业登记', marked: true },
      { text: '信息', marked: false },
    ]);
  });
});

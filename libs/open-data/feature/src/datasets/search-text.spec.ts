import { describe, expect, it } from 'vitest';
import { containsPattern, searchText, searchWord } from './search-text.js';

// Traditional characters by code point: the repository's literals are simplified script.
const TRADITIONAL_LIBRARY = '\u5716\u66f8\u9928'; // 图书馆 in traditional script

describe('open catalog search text', () => {
  it('folds title, description and tags to lower-case simplified script, the title on its own line', () => {
    expect(searchText({ name: `${TRADITIONAL_LIBRARY} API`, abstract: '开放时间', tags: ['文化'] })).toBe(
      '图书馆 api\n开放时间 文化',
    );
  });

  it('folds what a person types the same way, and escapes LIKE wildcards', () => {
    expect(searchWord(` ${TRADITIONAL_LIBRARY} `)).toBe('图书馆');
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});

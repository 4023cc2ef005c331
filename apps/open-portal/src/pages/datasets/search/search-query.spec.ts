import { describe, expect, it } from 'vitest';
import { queryOfSearch, searchFromQuery } from './search-query.js';

describe('a catalog search in the URL', () => {
  it('reads the keyword and both facets, trimmed, first value of each', () => {
    expect(searchFromQuery({ q: ' 人口 ', domain: ['livelihood', 'health'], organisationId: 'org-a' })).toEqual({
      q: '人口',
      domain: 'livelihood',
      organisationId: 'org-a',
    });
    expect(searchFromQuery({})).toEqual({ q: '', domain: '', organisationId: '' });
  });

  it('writes only the parts given, so the plain catalog has no query', () => {
    expect(queryOfSearch({ q: '', domain: '', organisationId: '' })).toEqual({});
    expect(queryOfSearch({ q: '公交', domain: 'transport', organisationId: '' })).toEqual({
      q: '公交',
      domain: 'transport',
    });
  });

  it('round-trips', () => {
    const search = { q: '医院', domain: 'health', organisationId: 'org-b' };
    expect(searchFromQuery(queryOfSearch(search) as Record<string, string>)).toEqual(search);
  });
});

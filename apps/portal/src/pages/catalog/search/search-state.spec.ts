import { describe, expect, it } from 'vitest';
import { apiQuery, routeFromState, scopesFor, stateFromRoute, toggleFilter } from './search-state.js';

describe('search state', () => {
  it('reads a search from the address and writes it back the same', () => {
    const state = stateFromRoute({ q: ' 人口 ', scope: 'subtree', grade: 'general-2', unknown: 'x' });
    expect(state).toEqual({ q: '人口', scope: 'subtree', filters: { grade: 'general-2' } });
    expect(routeFromState(state)).toEqual({ q: '人口', scope: 'subtree', grade: 'general-2' });
    expect(stateFromRoute({ scope: 'everywhere' }).scope).toBe('node');
  });

  it('asks the API for facets and the page after the cursor', () => {
    const state = stateFromRoute({ q: '企业', sharingType: 'conditional' });
    expect(apiQuery(state, 'abc', 20)).toEqual({
      q: '企业',
      scope: 'node',
      sharingType: 'conditional',
      facets: 'true',
      limit: 20,
      cursor: 'abc',
    });
  });

  it('filters by a facet value with the API parameter it belongs to, and unfilters on a second click', () => {
    const state = stateFromRoute({});
    const byClass = toggleFilter(state, 'classificationClass', '1');
    expect(byClass.filters).toEqual({ classification: '1' });
    expect(toggleFilter(byClass, 'classification', '101').filters).toEqual({ classification: '101' });
    expect(toggleFilter(byClass, 'classificationClass', '1').filters).toEqual({});
    expect(toggleFilter(state, 'originNode', '360100').filters).toEqual({ origin: '360100' });
    expect(toggleFilter(state, 'originLevel', 'municipal')).toBe(state);
  });

  it('offers the nationwide scope at the national node only', () => {
    expect(scopesFor('national')).toEqual(['node', 'subtree', 'all']);
    expect(scopesFor('municipal')).toEqual(['node', 'subtree']);
  });
});

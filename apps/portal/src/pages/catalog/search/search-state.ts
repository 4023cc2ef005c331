import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { paths } from '@/api/generated/catalog.js';

/** The query parameters of GET /api/v1/catalog/search, from its OpenAPI document. */
export type SearchQuery = NonNullable<paths['/api/v1/catalog/search']['get']['parameters']['query']>;

/** The filters a facet value sets (the search API's own parameter names). */
export const FILTERS = [
  'classification',
  'provider',
  'sharingType',
  'openType',
  'grade',
  'updateCycle',
  'status',
  'origin',
] as const;
export type SearchFilter = (typeof FILTERS)[number];

/**
 * Which filter each facet of the answer sets: a 类 and a 项/目 both filter by `classification`;
 * `originNode` filters by `origin`. `originLevel` is derived by the API and has no filter.
 */
export const FACET_FILTERS: Readonly<Record<string, SearchFilter>> = {
  classificationClass: 'classification',
  classification: 'classification',
  provider: 'provider',
  sharingType: 'sharingType',
  openType: 'openType',
  grade: 'grade',
  updateCycle: 'updateCycle',
  status: 'status',
  originNode: 'origin',
};

/** 本节点 / 下级 / 全部 — the 一本账 scope of a search. */
export type SearchScope = NonNullable<SearchQuery['scope']>;

export interface SearchState {
  q: string;
  scope: SearchScope;
  filters: Partial<Record<SearchFilter, string>>;
}

/** `all` is the national node's (the API answers 400 elsewhere); every node has node and subtree. */
export function scopesFor(nodeLevel: string | undefined): SearchScope[] {
  return nodeLevel === 'national' ? ['node', 'subtree', 'all'] : ['node', 'subtree'];
}

const first = (value: LocationQuery[string]): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')) || '';

/** The search a page address describes (so a search can be bookmarked, shared and gone back to). */
export function stateFromRoute(query: LocationQuery): SearchState {
  const scope = first(query['scope']);
  const filters: SearchState['filters'] = {};
  for (const filter of FILTERS) {
    const value = first(query[filter]);
    if (value) filters[filter] = value;
  }
  return {
    q: first(query['q']).trim(),
    scope: scope === 'subtree' || scope === 'all' ? scope : 'node',
    filters,
  };
}

export function routeFromState(state: SearchState): LocationQueryRaw {
  return {
    ...(state.q ? { q: state.q } : {}),
    ...(state.scope !== 'node' ? { scope: state.scope } : {}),
    ...state.filters,
  };
}

/** The API query for one page of the search; facets are counted with every page. */
export function apiQuery(state: SearchState, cursor: string | null, limit = 20): SearchQuery {
  return {
    ...(state.q ? { q: state.q } : {}),
    scope: state.scope,
    ...(state.filters as Partial<SearchQuery>),
    facets: 'true',
    limit,
    ...(cursor ? { cursor } : {}),
  } as SearchQuery;
}

/** Selecting a facet value filters by it; selecting it again removes the filter. */
export function toggleFilter(state: SearchState, facet: string, value: string): SearchState {
  const filter = FACET_FILTERS[facet];
  if (!filter) return state;
  const filters = { ...state.filters };
  if (filters[filter] === value) delete filters[filter];
  else filters[filter] = value;
  return { ...state, filters };
}

export function isSelected(state: SearchState, facet: string, value: string): boolean {
  const filter = FACET_FILTERS[facet];
  return filter !== undefined && state.filters[filter] === value;
}

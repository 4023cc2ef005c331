import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/** What a visitor searches the catalog for; the page's URL carries it, so a search can be shared. */
export interface DatasetSearch {
  q: string;
  /** 主题领域 code. */
  domain: string;
  /** 提供部门 (the providing organisation's id). */
  organisationId: string;
}

const first = (value: LocationQuery[string] | undefined): string => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() : '';
};

export function searchFromQuery(query: LocationQuery): DatasetSearch {
  return {
    q: first(query['q']).slice(0, 100),
    domain: first(query['domain']),
    organisationId: first(query['organisationId']),
  };
}

/** The route query of a search: empty parts left out, so the plain catalog is `/datasets`. */
export function queryOfSearch(search: DatasetSearch): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (search.q) query['q'] = search.q;
  if (search.domain) query['domain'] = search.domain;
  if (search.organisationId) query['organisationId'] = search.organisationId;
  return query;
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { GradeCategory, OpenType, SharingType, UpdateCycle } from '../entries/entry-content.js';
import { ENTRY_LABELS, type Label } from '../entries/entry-labels.js';
import type { EntryStatus } from '../entries/entry-lifecycle.js';
import type { ReaderScope } from '../entries/entry-visibility.js';
import { EntrySearchIndexer } from './entry-search.indexer.js';
import {
  EntrySearchRepository,
  FACETS,
  type FacetCount,
  type FacetName,
  type SearchHit,
  type SearchPlan,
  type TextMatch,
  type Tier,
} from './entry-search.repository.js';
import {
  decodeCursor,
  encodeCursor,
  gradeFilterValues,
  queryFingerprint,
  type GradeValue,
  type SearchQuery,
} from './search-query.js';
import { snippet } from './search-snippet.js';
import { NODE_LEVEL_LABELS, nodeLevelOf } from '../ledger/ledger-scope.js';
import type { NodeLevel } from '@govdata/codes';
import { highlightNeedles, nameKey, parseQuery, toTsquery } from './search-tokenizer.js';

/** One entry in a result list. */
export interface SearchItem {
  id: string;
  code: string;
  name: string;
  /** 摘要 — a passage around the first match (the start without a query). */
  abstract: string;
  /** [start, end) of matched text within `abstract`. */
  highlights: Array<[number, number]>;
  provider: { id: string; name: string | null };
  classificationCode: string;
  sharingType: SharingType;
  openType: OpenType;
  grade: { category: GradeCategory; level: number | null };
  updateCycle: UpdateCycle;
  status: EntryStatus;
  /** 发布日期 (CCYY-MM-DD); null until published. */
  publishDate: string | null;
  /** 一本账 provenance, on replicas only: the origin node, the path it came by, when and at which version. */
  origin?: { nodeCode: string; path: string[]; receivedAt: string; version: number };
  /**
   * Relevance, higher first: the tier (5 name is the query, 4 starts with it, 3 contains it, 2 in
   * name and tags, 1 in the items, 0 elsewhere), plus a fraction for shorter names in tiers 3–5.
   * Null when sorted by time.
   */
  score: number | null;
}

export interface FacetValue {
  value: string;
  label: Label;
  count: number;
}

/** `originLevel` (平台层级 of the origin node) is derived from the `originNode` counts. */
export type SearchFacets = Record<FacetName | 'originLevel', FacetValue[]>;

export interface SearchPage {
  items: SearchItem[];
  /** Pass back unchanged for the next page; null on the last one. */
  nextCursor: string | null;
  /** With `facets`: counts per value over what the reader may see, and the number of matches. */
  facets?: SearchFacets;
  total?: number;
}

export interface Suggestion {
  text: string;
  kind: 'name' | 'tag';
  /** 信息资源代码, when exactly one entry the reader may see has this name. */
  code?: string;
}

const DEFAULT_LIMIT = 20;
const REINDEX_BATCH = 500;

/**
 * 目录检索 — Chinese full-text search over the catalog with facets, keyset paging and suggestions.
 * The index follows every entry write in that write's transaction (`EntrySearchHook`), so a
 * search never shows an entry in a state it has left.
 */
@Injectable()
export class CatalogSearchService {
  constructor(
    private readonly index: EntrySearchRepository,
    private readonly indexer: EntrySearchIndexer,
    private readonly dataSource: DataSource,
  ) {}

  /** Rebuilds the index from the entries within one transaction (small catalogs, tests). */
  async reindexAll(manager: EntityManager): Promise<number> {
    let indexed = 0;
    for (let after: string | null = null; ;) {
      const ids = await this.indexer.entryIdsAfter(manager, after, REINDEX_BATCH);
      if (ids.length === 0) break;
      indexed += await this.indexer.index(manager, ids);
      after = ids[ids.length - 1]!;
    }
    await this.indexer.dropOrphans(manager);
    return indexed;
  }

  /**
   * Rebuilds the index after a restore or a change to the tokenisation, one transaction per batch
   * so a large catalog neither holds one long transaction nor blocks entry writes for long.
   */
  async rebuild(): Promise<{ indexed: number; seconds: number }> {
    const started = performance.now();
    let indexed = 0;
    for (let after: string | null = null; ;) {
      const ids = await this.indexer.entryIdsAfter(this.dataSource.manager, after, REINDEX_BATCH);
      if (ids.length === 0) break;
      indexed += await this.dataSource.transaction((m) => this.indexer.index(m, ids));
      after = ids[ids.length - 1]!;
    }
    await this.indexer.dropOrphans(this.dataSource.manager);
    return { indexed, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
  }

  /** Re-reads these entries into the index (bulk writers that bypass the hooks call this). */
  reindex(manager: EntityManager, entryIds: readonly string[]): Promise<number> {
    return this.indexer.index(manager, entryIds);
  }

  /** A page of what `reader` may see; `query` as parsed by `parseSearchParams` (REST) or built by gRPC. */
  async search(manager: EntityManager, reader: ReaderScope, query: SearchQuery): Promise<SearchPage> {
    const parsed = query.q ? parseQuery(query.q) : null;
    const tsquery = parsed ? toTsquery(parsed) : null;
    const match: TextMatch | null = parsed && tsquery ? { tsquery, key: parsed.key } : null;
    const sort = match ? (query.sort ?? 'relevance') : 'recent';
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filters = {
      classification: query.classification,
      provider: query.provider,
      sharingType: query.sharingType,
      openType: query.openType,
      grade: query.grade ? gradeFilterValues(query.grade) : undefined,
      updateCycle: query.updateCycle,
      status: query.status?.length ? [...new Set(query.status)] : ['published'],
      origin: query.origin,
    };
    if (query.scope === 'all') throw new Error('scope=all reaches the search unresolved (resolveScope)');
    const scope = query.scope ?? 'node';
    const fingerprint = queryFingerprint({ match, sort, ...filters, ...(scope === 'node' ? {} : { scope }) });
    const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : undefined;
    const plan: SearchPlan = {
      reader,
      scope,
      match,
      filters,
      sort,
      after: cursor
        ? { tier: cursor.tier as Tier | undefined, nameLen: cursor.nameLen, recency: cursor.recency, id: cursor.id }
        : undefined,
      limit: limit + 1,
    };

    const hits = await this.index.search(manager, plan);
    const more = hits.length > limit;
    const pageHits = more ? hits.slice(0, limit) : hits;
    const last = pageHits[pageHits.length - 1];
    const needles = parsed ? highlightNeedles(parsed) : [];
    const page: SearchPage = {
      items: pageHits.map((hit) => toItem(hit, needles)),
      nextCursor:
        more && last
          ? encodeCursor({
              sort,
              tier: last.tier ?? undefined,
              nameLen: last.tier === null ? undefined : last.nameLen,
              recency: last.recency,
              id: last.entryId,
              fingerprint,
            })
          : null,
    };
    if (query.facets) {
      const { counts, total } = await this.index.facets(manager, plan);
      page.facets = toFacets(counts);
      page.total = total;
    }
    return page;
  }

  /**
   * 输入提示 — as the user types: names that start with the text (the name itself first, then
   * shortest), tags that start with it, then names that contain it; only entries the reader may
   * see. A name carries its code when one entry alone bears it.
   */
  async suggest(
    manager: EntityManager,
    reader: ReaderScope,
    q: string,
    limit: number,
  ): Promise<{ suggestions: Suggestion[] }> {
    const key = nameKey(q);
    const [starting, tags] = await Promise.all([
      this.index.namesStartingWith(manager, reader, key, limit),
      this.index.tagsStartingWith(manager, reader, key, limit),
    ]);
    let names = starting;
    const match = toTsquery(parseQuery(q, { literal: true }));
    if (names.length < limit && match) {
      names = [...names, ...(await this.index.namesContaining(manager, reader, key, match, limit))];
    }
    // Tags get up to a third of the list when names alone would fill it.
    const tagShare = Math.min(tags.length, Math.ceil(limit / 3));
    const seen = new Set<string>();
    const picked = [
      ...names.slice(0, limit - tagShare).map((text) => ({ text, kind: 'name' as const })),
      ...tags.map((text) => ({ text, kind: 'tag' as const })),
      ...names.slice(limit - tagShare).map((text) => ({ text, kind: 'name' as const })),
    ]
      .filter((s) => !seen.has(s.text) && seen.add(s.text))
      .slice(0, limit);
    const codes = await this.index.codesOfUniqueNames(
      manager,
      reader,
      picked.filter((s) => s.kind === 'name').map((s) => nameKey(s.text)),
    );
    const suggestions = picked.map((s): Suggestion => {
      const code = s.kind === 'name' ? codes.get(nameKey(s.text)) : undefined;
      return code ? { ...s, code } : s;
    });
    return { suggestions };
  }
}

/**
 * Relevance as a number: the tier, plus in the name tiers a fraction that is larger for shorter
 * names — higher is better, in the order the results come in.
 */
function score(tier: Tier, nameLen: number): number {
  return tier >= 3 ? Number((tier + 1 / (1 + nameLen)).toFixed(4)) : tier;
}

function toItem(hit: SearchHit, needles: readonly string[]): SearchItem {
  const passage = snippet(hit.abstract, needles);
  return {
    id: hit.entryId,
    code: hit.code,
    name: hit.name,
    abstract: passage.text,
    highlights: passage.highlights,
    provider: { id: hit.organisationId, name: hit.providerName },
    classificationCode: hit.classificationCode,
    sharingType: hit.sharingType as SharingType,
    openType: hit.openType as OpenType,
    grade: { category: hit.gradeCategory as GradeCategory, level: hit.gradeLevel },
    updateCycle: hit.updateCycle as UpdateCycle,
    status: hit.status as EntryStatus,
    publishDate: hit.publishDate,
    score: hit.tier === null ? null : score(hit.tier, hit.nameLen),
    ...(hit.origin ? { origin: { nodeCode: hit.nodeCode, ...hit.origin } } : {}),
  };
}

/** zh/en labels of enumerated facet values; classifications and providers come labelled from the database. */
function facetLabel(count: FacetCount): Label {
  const { facet, value } = count;
  switch (facet) {
    case 'classificationClass':
    case 'classification':
    case 'provider':
      return { zh: count.labelZh ?? value, en: count.labelEn ?? count.labelZh ?? value };
    case 'sharingType':
      return ENTRY_LABELS.sharingType[value as SharingType] ?? { zh: value, en: value };
    case 'openType':
      return ENTRY_LABELS.openType[value as OpenType] ?? { zh: value, en: value };
    case 'updateCycle':
      return ENTRY_LABELS.updateCycle[value as UpdateCycle] ?? { zh: value, en: value };
    case 'status':
      return ENTRY_LABELS.status[value as EntryStatus] ?? { zh: value, en: value };
    case 'grade':
      return gradeLabel(value as GradeValue);
    case 'originNode':
      return { zh: value, en: value };
  }
}

function gradeLabel(value: GradeValue): Label {
  const level = /^general-(\d)$/.exec(value)?.[1];
  if (level) return { zh: `一般数据 ${level}级`, en: `General data, level ${level}` };
  return ENTRY_LABELS.gradeCategory[value as Exclude<GradeCategory, 'general'>] ?? { zh: value, en: value };
}

function toFacets(counts: FacetCount[]): SearchFacets {
  const facets = Object.fromEntries([...FACETS, 'originLevel'].map((f) => [f, [] as FacetValue[]])) as SearchFacets;
  for (const count of counts)
    facets[count.facet].push({ value: count.value, label: facetLabel(count), count: count.count });
  facets.originLevel = originLevels(facets.originNode);
  return facets;
}

/** Origin node counts summed per 平台层级 (the level read from the node code), most first. */
function originLevels(nodes: readonly FacetValue[]): FacetValue[] {
  const levels = new Map<string, number>();
  for (const node of nodes) {
    const level = nodeLevelOf(node.value) ?? 'unknown';
    levels.set(level, (levels.get(level) ?? 0) + node.count);
  }
  return [...levels]
    .map(([value, count]) => ({
      value,
      count,
      label: NODE_LEVEL_LABELS[value as NodeLevel] ?? { zh: value, en: value },
    }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

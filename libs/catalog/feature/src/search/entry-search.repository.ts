import type { EntityManager } from 'typeorm';
import type { ReaderScope } from '../entries/entry-visibility.js';
import { toSearchHit, type SearchHitRaw } from './search-rows.js';

/** Filters of a search; every list is "any of" (empty or absent: no filter). */
export interface SearchFilters {
  /** Code prefixes (类, 项, 目 or 细目). */
  classification?: string[];
  provider?: string[];
  sharingType?: string[];
  openType?: string[];
  /** Facet values (core, important, general-1 … general-4). */
  grade?: string[];
  updateCycle?: string[];
  status: string[];
  /** 一本账: origin node codes (the own node's code for own entries). */
  origin?: string[];
}

/** The text query: every term must occur (any of its forms). */
export interface TextMatch {
  /** tsquery literal, matched against each field's vector. */
  tsquery: string;
  /** The query as a name key, for exact and prefix name matches. */
  key: string;
}

/** A search as SQL needs it. */
export interface SearchPlan {
  reader: ReaderScope;
  /** `node`: own entries only; `subtree`: own entries and the replicas of the subtree (一本账). */
  scope: 'node' | 'subtree';
  /** Null: no text query. */
  match: TextMatch | null;
  filters: SearchFilters;
  sort: 'relevance' | 'recent';
  /** Where the previous page ended. */
  after?: SearchPosition;
  limit: number;
}

/**
 * Relevance tiers, best first (相关度): 5 the name is the query, 4 starts with it, 3 contains every
 * term; 2 every term in name and tags (标签); 1 every term in the item names (信息项); 0 anywhere
 * (the abstract, or terms spread over fields).
 */
export const TIERS = [5, 4, 3, 2, 1, 0] as const;
export type Tier = (typeof TIERS)[number];

/** A place in the order: tier, then (name tiers) name length, then newest first (recency), then id. */
export interface SearchPosition {
  /** Relevance order only. */
  tier?: Tier;
  nameLen?: number;
  /** Integer text: minus the sort time in milliseconds. */
  recency: string;
  id: string;
}

export interface SearchHit {
  entryId: string;
  code: string;
  name: string;
  abstract: string;
  organisationId: string;
  providerName: string | null;
  classificationCode: string;
  sharingType: string;
  openType: string;
  gradeCategory: string;
  gradeLevel: number | null;
  updateCycle: string;
  status: string;
  publishDate: string | null;
  /** Relevance tier; null when sorted by time. */
  tier: Tier | null;
  nameLen: number;
  /** For the next page's cursor. */
  recency: string;
  /** The owning node; for a replica, its origin. */
  nodeCode: string;
  /** Provenance of a replica; null for this node's own entries. */
  origin: { path: string[]; receivedAt: string; version: number } | null;
}

export const FACETS = [
  'classificationClass',
  'classification',
  'provider',
  'sharingType',
  'openType',
  'grade',
  'updateCycle',
  'status',
  'originNode',
] as const;
export type FacetName = (typeof FACETS)[number];

export interface FacetCount {
  facet: FacetName;
  value: string;
  count: number;
  /** Names from the database for classifications and providers. */
  labelZh: string | null;
  labelEn: string | null;
}

/** Column and filter of each facet; a facet's counts ignore its own filter (multi-select). */
const FACET_COLUMNS: Record<FacetName, { column: string; filter: keyof SearchFilters }> = {
  classificationClass: { column: 'classification_class', filter: 'classification' },
  classification: { column: 'classification_item', filter: 'classification' },
  provider: { column: 'organisation_id', filter: 'provider' },
  sharingType: { column: 'sharing_type', filter: 'sharingType' },
  openType: { column: 'open_type', filter: 'openType' },
  grade: { column: 'grade', filter: 'grade' },
  updateCycle: { column: 'update_cycle', filter: 'updateCycle' },
  status: { column: 'status', filter: 'status' },
  originNode: { column: 'node_code', filter: 'origin' },
};

/** Positional parameters for one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * What a reader may see (entry-visibility.ts `maySee`) within the scope, as SQL over `entry_search s`.
 * A replica is seen only published and unrestricted: its provider and node authority are elsewhere.
 */
function visibleTo(reader: ReaderScope, p: Params, scope: SearchPlan['scope']): string {
  const own = `(s.organisation_id = ${p.add(reader.organisationId)}::uuid
           OR (${p.add(reader.nodeAuthority)}::boolean AND s.node_code = ${p.add(reader.nodeCode)}))`;
  return scope === 'node'
    ? `NOT s.replica AND ((s.published AND NOT s.restricted) OR ${own})`
    : `((s.published AND NOT s.restricted) OR (NOT s.replica AND ${own}))`;
}

/** One filter's condition, or null when it does not filter. */
function filterCondition(name: keyof SearchFilters, values: string[] | undefined, p: Params): string | null {
  if (!values?.length) return null;
  switch (name) {
    case 'classification':
      return `s.classification_code LIKE ANY(${p.add(values.map((code) => `${code}%`))}::text[])`;
    case 'provider':
      return `s.organisation_id = ANY(${p.add(values)}::uuid[])`;
    case 'sharingType':
      return `s.sharing_type = ANY(${p.add(values)}::text[])`;
    case 'openType':
      return `s.open_type = ANY(${p.add(values)}::text[])`;
    case 'grade':
      return `s.grade = ANY(${p.add(values)}::text[])`;
    case 'updateCycle':
      return `s.update_cycle = ANY(${p.add(values)}::text[])`;
    case 'status':
      return `s.status = ANY(${p.add(values)}::text[])`;
    case 'origin':
      return `s.node_code = ANY(${p.add(values)}::text[])`;
  }
}

function allFilters(filters: SearchFilters, p: Params): string[] {
  return (Object.keys(filters) as Array<keyof SearchFilters>)
    .map((name) => filterCondition(name, filters[name], p))
    .filter((c): c is string => c !== null);
}

/** Distinct tags considered for suggestions. */
const TAG_CANDIDATES = 200;

/** Entries walked in index order before a sparse tier is read from its GIN index instead. */
const WALK = 2_000;

/** One column of a sort key: its SQL, its type, and its value at a cursor position. */
type KeyPart = [sql: string, type: string, value: (at: SearchPosition) => unknown];
const ID_KEY: KeyPart = ['s.entry_id', 'uuid', (a) => a.id];
/** Newest first (recency ascending). */
const RECENCY_KEY: KeyPart[] = [['s.recency', 'bigint', (a) => a.recency], ID_KEY];
/** Shortest name first, then newest. */
const NAME_KEY: KeyPart[] = [['s.name_len', 'smallint', (a) => a.nameLen ?? 0], ...RECENCY_KEY];

function order(key: KeyPart[]): string {
  return key.map(([sql]) => sql).join(', ');
}

/** Entries after `position` in the key's order: a row comparison, an index range. */
function after(key: KeyPart[], position: SearchPosition, p: Params): string {
  const values = key.map(([, type, value]) => `${p.add(value(position))}::${type}`);
  return `(${order(key)}) > (${values.join(', ')})`;
}

/** Escapes LIKE wildcards in user text. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const HIT_COLUMNS = `s.entry_id, s.code, s.name, s.abstract, s.organisation_id, o.name AS provider_name,
  s.classification_code, s.sharing_type, s.open_type, s.grade_category, s.grade_level, s.update_cycle, s.status,
  to_char(s.publish_date, 'YYYY-MM-DD') AS publish_date, s.name_len, s.node_code, s.replica,
  r.path AS origin_path, r.received_at AS origin_received_at, r.version AS origin_version, r.provider_name AS origin_provider_name`;

/** The hit's provider name and, for a replica, its provenance. */
const HIT_JOINS = `LEFT JOIN organisation_ref o ON o.id = s.organisation_id
  LEFT JOIN replica_entry r ON s.replica AND r.origin_node = s.node_code AND r.entry_id = s.entry_id`;

/** Queries on the search index, with what the reader may see applied in SQL. */
export class EntrySearchRepository {
  /**
   * One page in the plan's order, at most `limit` entries (the caller asks for one more to know if
   * more follow). No OFFSET: a page starts after the previous page's last position.
   *
   * Relevance reads the tiers best first and stops once the page is full; within a tier the order
   * is an index order (name tiers: shortest name first, the name closest to the query; the others:
   * newest first), so a query matching half the catalog costs about what a rare one does — nothing
   * is scored for every match.
   */
  async search(manager: EntityManager, plan: SearchPlan): Promise<SearchHit[]> {
    if (!plan.match || plan.sort === 'recent') return this.recent(manager, plan);
    const hits: SearchHit[] = [];
    const from = plan.after?.tier ?? 5;
    for (const tier of TIERS) {
      if (tier > from) continue;
      const after = tier === from ? plan.after : undefined;
      hits.push(...(await this.tier(manager, plan, plan.match, tier, after, plan.limit - hits.length)));
      if (hits.length >= plan.limit) break;
    }
    return hits;
  }

  /** Newest first: every entry the reader may see, or those matching the text. */
  private async recent(manager: EntityManager, plan: SearchPlan): Promise<SearchHit[]> {
    const p = new Params();
    const where = [visibleTo(plan.reader, p, plan.scope), ...allFilters(plan.filters, p)];
    if (plan.match) where.unshift(`s.document @@ ${p.add(plan.match.tsquery)}::tsquery`);
    if (plan.after) where.push(after(RECENCY_KEY, plan.after, p));
    const rows: SearchHitRaw[] = await manager.query(
      `SELECT ${HIT_COLUMNS}, NULL::smallint AS tier, s.recency::text AS recency
         FROM entry_search s ${HIT_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY ${order(RECENCY_KEY)}
        LIMIT ${p.add(plan.limit)}`,
      p.values,
    );
    return rows.map(toSearchHit);
  }

  /** One relevance tier after `position`; each tier excludes those above it, so an entry is listed once. */
  private async tier(
    manager: EntityManager,
    plan: SearchPlan,
    m: TextMatch,
    tier: Tier,
    position: SearchPosition | undefined,
    limit: number,
  ): Promise<SearchHit[]> {
    const key = tier >= 3 ? NAME_KEY : RECENCY_KEY;
    /** The statement for this tier; `how` decides how rows are found and ordered. */
    const statement = (how: 'index' | 'walk' | 'gin') => {
      const p = new Params();
      const where = [visibleTo(plan.reader, p, plan.scope), ...allFilters(plan.filters, p)];
      if (position) where.push(after(key, position, p));
      // Parameters are added only for the conditions the tier uses (an unused one has no type).
      const q = `${p.add(m.tsquery)}::tsquery`;
      const prefix = () => `s.name_key LIKE ${p.add(`${likeEscape(m.key)}%`)}`;
      const exact = () => `s.name_key = ${p.add(m.key)}`;
      const tierConditions: Record<Tier, () => string[]> = {
        5: () => [exact(), `s.document @@ ${q}`],
        4: () => [prefix(), `NOT ${exact()}`, `s.document @@ ${q}`],
        3: () => [`s.name_vector @@ ${q}`, `NOT ${prefix()}`],
        2: () => [`s.title_vector @@ ${q}`, `NOT s.name_vector @@ ${q}`, `NOT ${prefix()}`],
        1: () => [`s.item_vector @@ ${q}`, `NOT s.title_vector @@ ${q}`, `NOT ${prefix()}`],
        0: () => [`s.document @@ ${q}`, `NOT s.title_vector @@ ${q}`, `NOT s.item_vector @@ ${q}`, `NOT ${prefix()}`],
      };
      const conditions = tierConditions[tier]();
      // 'gin': the first sort column as an expression, so no index order is on offer and the
      // tier's matches come from its GIN index, then are sorted.
      const sortKey: KeyPart[] =
        how === 'gin' ? [[`(${key[0]![0]} + 0)`, key[0]![1], key[0]![2]], ...key.slice(1)] : key;
      const source =
        how === 'walk'
          ? `(SELECT * FROM entry_search s WHERE ${where.join(' AND ')} ORDER BY ${order(key)} LIMIT ${WALK}) s`
          : 'entry_search s';
      const filter = how === 'walk' ? conditions : [...where, ...conditions];
      return {
        sql: `SELECT ${HIT_COLUMNS}, ${tier}::smallint AS tier, s.recency::text AS recency
                FROM ${source} ${HIT_JOINS}
               WHERE ${filter.join(' AND ')}
               ORDER BY ${order(sortKey)}
               LIMIT ${p.add(limit)}`,
        values: p.values,
      };
    };
    const run = async (how: 'index' | 'walk' | 'gin') => {
      const { sql, values } = statement(how);
      const rows: SearchHitRaw[] = await manager.query(sql, values);
      return rows.map(toSearchHit);
    };

    // Exact and prefix names: a btree lookup on name_key.
    if (tier >= 4) return run('index');
    // The lower tiers exclude what the tiers above matched, and the planner cannot know how those
    // conditions correlate: it may expect an index walk to stop early in a tier that is nearly
    // empty, and read the whole table. So walk the next WALK entries in order and keep the tier's
    // — enough when the tier is dense —, and only if that does not fill the page, take the tier's
    // matches from its GIN index and sort them (cheap exactly when the tier is sparse).
    const walked = await run('walk');
    return walked.length >= limit ? walked : run('gin');
  }

  /**
   * Facet counts over everything the reader may see that matches the text query; each facet
   * applies every filter except its own, so a user can widen a choice as well as narrow it.
   * `total` is the number of entries matching all filters.
   */
  async facets(manager: EntityManager, plan: SearchPlan): Promise<{ counts: FacetCount[]; total: number }> {
    const p = new Params();
    const where = [visibleTo(plan.reader, p, plan.scope)];
    if (plan.match) where.unshift(`s.document @@ ${p.add(plan.match.tsquery)}::tsquery`);
    const flags = (Object.keys(FACET_COLUMNS) as FacetName[])
      .map((facet) => FACET_COLUMNS[facet].filter)
      .filter((f, i, all) => all.indexOf(f) === i);
    const conditions = new Map(flags.map((f) => [f, filterCondition(f, plan.filters[f], p) ?? 'true']));
    const allOf = (except?: string) =>
      flags
        .filter((f) => f !== except)
        .map((f) => `f_${f}`)
        .join(' AND ');
    const branches = FACETS.map(
      (facet) => `SELECT '${facet}' AS facet, ${FACET_COLUMNS[facet].column}::text AS value,
                         count(*) FILTER (WHERE ${allOf(FACET_COLUMNS[facet].filter)}) AS n
                    FROM m GROUP BY 2`,
    );
    branches.push(`SELECT 'total', NULL, count(*) FILTER (WHERE ${allOf()}) FROM m`);
    const rows: Array<{
      facet: string;
      value: string | null;
      n: string;
      label_zh: string | null;
      label_en: string | null;
    }> = await manager.query(
      `WITH m AS MATERIALIZED (
           SELECT ${Object.values(FACET_COLUMNS)
             .map((f) => f.column)
             .filter((c, i, all) => all.indexOf(c) === i)
             .join(', ')},
                  ${flags.map((f) => `${conditions.get(f)} AS f_${f}`).join(', ')}
             FROM entry_search s WHERE ${where.join(' AND ')}
         ), counts AS (${branches.join(' UNION ALL ')})
         SELECT c.facet, c.value, c.n,
                COALESCE(cl.name, o.name, rp.provider_name) AS label_zh,
                COALESCE(cl.name_en, o.name, rp.provider_name) AS label_en
           FROM counts c
           LEFT JOIN classification cl ON c.facet IN ('classificationClass', 'classification') AND cl.code = c.value
           LEFT JOIN organisation_ref o ON c.facet = 'provider' AND o.id::text = c.value
           -- a replica's provider is on another node: its name came with the record
           LEFT JOIN LATERAL (
             SELECT r.provider_name FROM replica_entry r
              WHERE o.id IS NULL AND r.organisation_id = CASE WHEN c.facet = 'provider' THEN c.value::uuid END
              LIMIT 1) rp ON true
          WHERE c.n > 0 OR c.facet = 'total'
          ORDER BY c.facet, c.n DESC, c.value`,
      p.values,
    );
    let total = 0;
    const counts: FacetCount[] = [];
    for (const row of rows) {
      if (row.facet === 'total') total = Number(row.n);
      else {
        counts.push({
          facet: row.facet as FacetName,
          value: row.value ?? '',
          count: Number(row.n),
          labelZh: row.label_zh,
          labelEn: row.label_en,
        });
      }
    }
    return { counts, total };
  }

  /** Distinct names of entries the reader may see that start with `key`: the name itself first, then shortest. */
  async namesStartingWith(manager: EntityManager, reader: ReaderScope, key: string, limit: number): Promise<string[]> {
    const p = new Params();
    const rows: Array<{ name: string }> = await manager.query(
      `SELECT min(s.name) AS name
         FROM entry_search s
        WHERE s.name_key LIKE ${p.add(`${likeEscape(key)}%`)} AND s.status <> 'retired' AND ${visibleTo(reader, p, 'node')}
        GROUP BY s.name_key
        ORDER BY s.name_key = ${p.add(key)} DESC, min(s.name_len), s.name_key
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => r.name);
  }

  /**
   * Distinct names that contain the typed text after their first character, shortest first. The
   * candidates are read in name-length order and cut early, so a text found in half the catalog's
   * names answers as fast as a rare one.
   */
  async namesContaining(
    manager: EntityManager,
    reader: ReaderScope,
    key: string,
    match: string,
    limit: number,
  ): Promise<string[]> {
    const p = new Params();
    const rows: Array<{ name: string }> = await manager.query(
      `SELECT min(c.name) AS name FROM (
         SELECT s.name, s.name_key, s.name_len
           FROM entry_search s
          WHERE s.name_vector @@ ${p.add(match)}::tsquery
            -- '%_' + key: after the first character (names starting with it come from namesStartingWith)
            AND s.name_key LIKE ${p.add(`%_${likeEscape(key)}%`)}
            AND s.status <> 'retired' AND ${visibleTo(reader, p, 'node')}
          ORDER BY s.name_len, s.recency, s.entry_id
          LIMIT ${p.add(limit * 5)}
       ) c
       GROUP BY c.name_key
       ORDER BY min(c.name_len), c.name_key
       LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => r.name);
  }

  /** 信息资源代码 of the names (by name key) that exactly one visible, current entry bears. */
  async codesOfUniqueNames(manager: EntityManager, reader: ReaderScope, keys: string[]): Promise<Map<string, string>> {
    if (keys.length === 0) return new Map();
    const p = new Params();
    const rows: Array<{ name_key: string; code: string }> = await manager.query(
      `SELECT s.name_key, min(s.code) AS code
         FROM entry_search s
        WHERE s.name_key = ANY(${p.add(keys)}::text[]) AND s.status <> 'retired' AND ${visibleTo(reader, p, 'node')}
        GROUP BY s.name_key
       HAVING count(*) = 1`,
      p.values,
    );
    return new Map(rows.map((r) => [r.name_key, r.code]));
  }

  /**
   * Tags starting with `key` that some current entry the reader may see bears: the tag itself
   * first, then shortest. Distinct tags are read by skipping through the tag index (one probe per
   * tag, not one row per tagged entry), so a tag on thousands of entries costs one lookup.
   */
  async tagsStartingWith(manager: EntityManager, reader: ReaderScope, key: string, limit: number): Promise<string[]> {
    const p = new Params();
    const prefix = p.add(`${likeEscape(key)}%`);
    const rows: Array<{ tag: string }> = await manager.query(
      `WITH RECURSIVE tag_keys(k) AS (
         SELECT min(tag_key) FROM entry_search_tag WHERE tag_key LIKE ${prefix}
         UNION ALL
         SELECT (SELECT min(t.tag_key) FROM entry_search_tag t WHERE t.tag_key ~>~ tag_keys.k AND t.tag_key LIKE ${prefix})
           FROM tag_keys WHERE tag_keys.k IS NOT NULL
       )
       SELECT (SELECT t.tag FROM entry_search_tag t WHERE t.tag_key = c.k LIMIT 1) AS tag
         FROM (SELECT k FROM tag_keys WHERE k IS NOT NULL LIMIT ${p.add(TAG_CANDIDATES)}) c
        WHERE EXISTS (SELECT 1 FROM entry_search_tag t JOIN entry_search s ON s.entry_id = t.entry_id
                       WHERE t.tag_key = c.k AND s.status <> 'retired' AND ${visibleTo(reader, p, 'node')})
        ORDER BY c.k = ${p.add(key)} DESC, length(c.k), c.k
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => r.tag);
  }
}

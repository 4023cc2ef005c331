import type { EntityManager } from 'typeorm';
import { DOWNLOAD_FORMATS, type OpenDomain } from '../datasets/open-vocabulary.js';
import { containsPattern } from '../datasets/search-text.js';
import type { CkanFilterField, FqClause, PackageSearch } from './ckan-search-query.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SearchSql {
  where: string;
  params: unknown[];
  order: string;
}

/** `LIKE` pattern of a word anywhere in the text. */
/** Quotes a lexeme for a `tsquery` literal. */
function lexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The `tsquery` the bigram index answers for words (see the migration `CkanSearch1768100100000`):
 * every bigram of each word, a single character as a prefix (it starts a bigram or ends the text).
 * Bigrams found apart are re-checked by `LIKE` on the few rows the index gives.
 */
export function bigramQuery(words: readonly string[]): string | null {
  const parts = words.flatMap((word) => {
    const chars = [...word];
    if (chars.length === 0) return [];
    if (chars.length === 1) return [`${lexeme(word)}:*`];
    return chars.slice(0, -1).map((c, i) => lexeme(c + chars[i + 1]!));
  });
  return parts.length ? [...new Set(parts)].join(' & ') : null;
}

function clauseSql(c: FqClause, param: (v: unknown) => string): string {
  switch (c.field) {
    case 'organization':
      return UUID.test(c.value)
        ? `organisation_id = ${param(c.value.toLowerCase())}::uuid`
        : `provider_code = ${param(c.value.toUpperCase())}`;
    case 'groups':
      return `domain = ${param(c.value)}`;
    case 'tags':
      return `tags @> ARRAY[${param(c.value)}]::text[]`;
    case 'license_id':
      return `licence = ${param(c.value)}`;
    case 'dataset_type':
      return c.value === 'dataset' ? 'true' : 'false';
    case 'res_format':
      // Every table resource is served in every download format.
      return (DOWNLOAD_FORMATS as readonly string[]).includes(c.value.toLowerCase())
        ? 'EXISTS (SELECT 1 FROM open_resource r WHERE r.dataset_id = open_dataset.id)'
        : 'false';
    case 'metadata_modified': {
      const parts: string[] = [];
      if (c.from) parts.push(`metadata_modified ${c.inclusive ? '>=' : '>'} ${param(c.from)}::timestamptz`);
      if (c.to) parts.push(`metadata_modified ${c.inclusive ? '<=' : '<'} ${param(c.to)}::timestamptz`);
      return parts.length ? parts.join(' AND ') : 'true';
    }
  }
}

/**
 * The datasets a node's CKAN API lists (`$1` the node's code): its own and the replicas of those
 * opened below it (一本账: each keeps its origin, shown in the `来源节点` extra).
 */
const IN_CATALOG = '(node_code = $1 OR origin_path IS NOT NULL)';

/**
 * The WHERE and ORDER BY of a `package_search`: the node's open datasets (archived ones are gone
 * for a harvester), every word in the title, description or tags, every `fq` clause. Ties are
 * broken by id, so pages never overlap or skip.
 */
export function packageSearchSql(nodeCode: string, s: Pick<PackageSearch, 'words' | 'filters' | 'sort'>): SearchSql {
  const params: unknown[] = [nodeCode];
  const param = (v: unknown) => `$${params.push(v)}`;
  const where = [IN_CATALOG, "status = 'open'"];
  const tsquery = bigramQuery(s.words);
  if (tsquery) where.push(`open_dataset_bigrams(search_text) @@ ${param(tsquery)}::tsquery`);
  const wordParams = s.words.map((w) => param(containsPattern(w)));
  for (const p of wordParams) where.push(`search_text LIKE ${p}`);
  for (const c of s.filters) where.push(clauseSql(c, param));
  const order: string[] = [];
  for (const { key, direction } of s.sort) {
    const dir = direction === 'desc' ? 'DESC' : 'ASC';
    if (key === 'score') {
      // Relevance: datasets whose title holds every word first.
      if (wordParams.length) {
        order.push(`(${wordParams.map((p) => `split_part(search_text, E'\\n', 1) LIKE ${p}`).join(' AND ')}) ${dir}`);
      }
    } else if (key === 'metadata_modified') order.push(`metadata_modified ${dir}`);
    else if (key === 'title_string') order.push(`name ${dir}`);
    else order.push(`id ${dir}`);
  }
  const last = s.sort.at(-1);
  if (!order.some((o) => o.startsWith('id '))) order.push(`id ${last?.direction === 'asc' ? 'ASC' : 'DESC'}`);
  return { where: where.join(' AND '), params, order: order.join(', ') };
}

export interface FacetCount {
  name: string;
  displayName: string;
  count: number;
}

/**
 * What the CKAN action API reads of the open catalog, beside the datasets themselves (which
 * `DatasetRepository` reads): ids of a search page, counts, facets, departments, tags.
 */
export class CkanCatalogRepository {
  async searchIds(manager: EntityManager, sql: SearchSql, limit: number, offset: number): Promise<string[]> {
    if (limit === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM open_dataset WHERE ${sql.where} ORDER BY ${sql.order}
       LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
      sql.params,
    );
    return rows.map((r) => r.id);
  }

  async count(manager: EntityManager, sql: SearchSql): Promise<number> {
    const rows: Array<{ n: string }> = await manager.query(
      `SELECT count(*) AS n FROM open_dataset WHERE ${sql.where}`,
      sql.params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Counts per value of a facet over the search's datasets, most frequent first. */
  async facet(
    manager: EntityManager,
    sql: SearchSql,
    field: CkanFilterField,
    limit: number | null,
  ): Promise<FacetCount[]> {
    const top = limit === null ? '' : ` LIMIT ${Number(limit)}`;
    let text: string;
    switch (field) {
      case 'organization':
        text = `SELECT organisation_id::text AS name,
                  (array_agg(provider_name ORDER BY metadata_modified DESC))[1] AS display_name, count(*) AS n
                FROM open_dataset WHERE ${sql.where} GROUP BY organisation_id ORDER BY n DESC, name${top}`;
        break;
      case 'groups':
        text = `SELECT domain AS name, domain AS display_name, count(*) AS n FROM open_dataset
                WHERE ${sql.where} AND domain IS NOT NULL GROUP BY domain ORDER BY n DESC, name${top}`;
        break;
      case 'license_id':
        text = `SELECT licence AS name, licence AS display_name, count(*) AS n FROM open_dataset
                WHERE ${sql.where} AND licence IS NOT NULL GROUP BY licence ORDER BY n DESC, name${top}`;
        break;
      case 'tags':
        text = `SELECT t AS name, t AS display_name, count(*) AS n FROM open_dataset, unnest(tags) AS t
                WHERE ${sql.where} GROUP BY t ORDER BY n DESC, name${top}`;
        break;
      case 'res_format': {
        const rows: Array<{ n: string }> = await manager.query(
          `SELECT count(*) AS n FROM open_dataset WHERE ${sql.where}
             AND EXISTS (SELECT 1 FROM open_resource r WHERE r.dataset_id = open_dataset.id)`,
          sql.params,
        );
        const n = Number(rows[0]?.n ?? 0);
        return n === 0 ? [] : ['CSV', 'JSON'].map((name) => ({ name, displayName: name, count: n }));
      }
    }
    const rows: Array<{ name: string; display_name: string; n: string }> = await manager.query(text, sql.params);
    return rows.map((r) => ({ name: r.name, displayName: r.display_name, count: Number(r.n) }));
  }

  /** Names (ids) of the node's open datasets, in name order. */
  async packageNames(
    manager: EntityManager,
    nodeCode: string,
    limit: number | null,
    offset: number,
  ): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM open_dataset WHERE ${IN_CATALOG} AND status = 'open' ORDER BY id
       ${limit === null ? '' : `LIMIT ${Number(limit)}`} OFFSET ${Number(offset)}`,
      [nodeCode],
    );
    return rows.map((r) => r.id);
  }

  /** 提供部门 with open datasets on the node: id, latest name and code, how many datasets. */
  async organizations(
    manager: EntityManager,
    nodeCode: string,
    only?: { organisationId?: string; providerCode?: string },
  ): Promise<Array<{ organisationId: string; providerName: string; providerCode: string; count: number }>> {
    const params: unknown[] = [nodeCode];
    let filter = '';
    if (only?.organisationId) filter = ` AND organisation_id = $${params.push(only.organisationId)}::uuid`;
    if (only?.providerCode) filter = ` AND provider_code = $${params.push(only.providerCode)}`;
    const rows: Array<{ organisation_id: string; provider_name: string; provider_code: string; n: string }> =
      await manager.query(
        `SELECT organisation_id, (array_agg(provider_name ORDER BY metadata_modified DESC))[1] AS provider_name,
           (array_agg(provider_code ORDER BY metadata_modified DESC))[1] AS provider_code, count(*) AS n
         FROM open_dataset WHERE ${IN_CATALOG} AND status = 'open'${filter}
         GROUP BY organisation_id ORDER BY organisation_id`,
        params,
      );
    return rows.map((r) => ({
      organisationId: r.organisation_id,
      providerName: r.provider_name,
      providerCode: r.provider_code,
      count: Number(r.n),
    }));
  }

  async domainCounts(manager: EntityManager, nodeCode: string): Promise<Map<OpenDomain, number>> {
    const rows: Array<{ domain: OpenDomain; n: string }> = await manager.query(
      `SELECT domain, count(*) AS n FROM open_dataset WHERE ${IN_CATALOG} AND status = 'open' AND domain IS NOT NULL
       GROUP BY domain`,
      [nodeCode],
    );
    return new Map(rows.map((r) => [r.domain, Number(r.n)]));
  }

  /** Tags of the node's open datasets, optionally those containing `query`, in order. */
  async tags(manager: EntityManager, nodeCode: string, query: string | undefined, limit: number): Promise<string[]> {
    const params: unknown[] = [nodeCode];
    const filter = query ? ` AND t ILIKE $${params.push(containsPattern(query))}` : '';
    const rows: Array<{ t: string }> = await manager.query(
      `SELECT DISTINCT t FROM open_dataset, unnest(tags) AS t
       WHERE ${IN_CATALOG} AND status = 'open'${filter} ORDER BY t LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((r) => r.t);
  }

  /** The dataset a resource belongs to. */
  async datasetOfResource(manager: EntityManager, resourceId: string): Promise<string | null> {
    if (!UUID.test(resourceId)) return null;
    const rows: Array<{ dataset_id: string }> = await manager.query(
      'SELECT dataset_id FROM open_resource WHERE id = $1',
      [resourceId],
    );
    return rows[0]?.dataset_id ?? null;
  }
}

import { GovdataError } from '@govdata/platform-errors';
import { z } from 'zod';
import { searchWord } from '../datasets/search-text.js';

/** Fields `package_search`'s `fq` and `facet.field` know, as CKAN's Solr schema names them. */
export const CKAN_FILTER_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;
export type CkanFilterField = (typeof CKAN_FILTER_FIELDS)[number];
export const CKAN_FACET_FIELDS = CKAN_FILTER_FIELDS;

/** One clause of `fq`, all of them ANDed. */
export type FqClause =
  | { field: CkanFilterField | 'dataset_type'; value: string }
  | { field: 'metadata_modified'; from: string | null; to: string | null; inclusive: boolean };

/** `id` as ckanext-harvest sorts its pages, `name` the same order (a package's name is its id). */
export const CKAN_SORT_KEYS = ['metadata_modified', 'id', 'name', 'title_string', 'score'] as const;
export type CkanSortKey = (typeof CKAN_SORT_KEYS)[number];

export interface PackageSearch {
  /** Words that must all occur in the title, description or tags (lower case). */
  words: string[];
  filters: FqClause[];
  sort: Array<{ key: CkanSortKey; direction: 'asc' | 'desc' }>;
  rows: number;
  start: number;
  facetFields: CkanFilterField[];
  /** Values per facet; null: all of them (`facet.limit=-1`). */
  facetLimit: number | null;
}

export const MAX_ROWS = 1_000;

/** A message in the house style, as the field of a CKAN Validation Error. */
function invalid(field: string, message: string): GovdataError {
  return GovdataError.validation([{ path: field, rule: 'ckan', message }], message);
}

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : v),
    z.coerce
      .number({ error: `须为整数 (must be a whole number)` })
      .int(`须为整数 (must be a whole number)`)
      .min(min, `不能小于 ${min} (must be at least ${min})`)
      .max(max, `不能大于 ${max} (must be less than or equal to ${max})`),
  );

/** What CKAN's `package_search` takes; other parameters (`include_private`, `fl`, …) are accepted and ignored. */
const packageSearchSchema = z.object({
  q: z.string().max(500, '最多 500 个字符 (at most 500 characters)').optional(),
  fq: z.string().max(2_000, '最多 2000 个字符 (at most 2000 characters)').optional(),
  sort: z.string().max(200).optional(),
  rows: wholeNumber(0, MAX_ROWS, 10),
  start: wholeNumber(0, 10_000_000, 0),
  'facet.field': z.union([z.string().max(1_000), z.array(z.string())]).optional(),
  'facet.limit': wholeNumber(-1, 1_000, 50),
});

/** Parses `package_search` parameters (query string or JSON body) the way CKAN reads them. */
export function parsePackageSearch(params: Record<string, unknown>): PackageSearch {
  const parsed = packageSearchSchema.safeParse(params);
  if (!parsed.success) throw GovdataError.fromZod(parsed.error);
  const p = parsed.data;
  return {
    words: parseQ(p.q),
    filters: parseFq(p.fq ?? ''),
    sort: parseSort(p.sort),
    rows: p.rows,
    start: p.start,
    facetFields: parseFacetFields(p['facet.field']),
    facetLimit: p['facet.limit'] < 0 ? null : p['facet.limit'],
  };
}

/** Free text: `*:*` or nothing means everything; otherwise words (quoted phrases kept whole). */
export function parseQ(q: string | undefined): string[] {
  const text = (q ?? '').trim();
  if (text === '' || text === '*:*' || text === '*') return [];
  const words: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    // Folded as the index is: either script finds either.
    const word = searchWord(m[1] ?? m[2] ?? '');
    if (word && word !== 'and') words.push(word);
  }
  return words;
}

/**
 * `fq` in the Solr syntax harvesters send: clauses joined by whitespace or `AND` (an optional
 * leading `+`), each `field:value` or `field:"quoted value"`, and `metadata_modified:[from TO to]`
 * (or `{…}` exclusive) with ISO dates, `*` or `NOW`. OR, negation and grouping are refused, named.
 */
export function parseFq(fq: string): FqClause[] {
  const clauses: FqClause[] = [];
  let rest = fq.trim();
  while (rest !== '') {
    const and = /^(?:AND|&&)\s+/.exec(rest);
    if (and) {
      rest = rest.slice(and[0].length);
      continue;
    }
    const m =
      /^\+?([A-Za-z_]+):(?:"((?:[^"\\]|\\.)*)"|([[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])|([^\s"()[\]{}]+))(?:\s+|$)/.exec(
        rest,
      );
    if (!m) {
      throw invalid(
        'fq',
        `无法解析的筛选条件：${rest.slice(0, 60)}；支持 字段:值、字段:"值"、metadata_modified:[起 TO 止]，以 AND 连接 (cannot parse "${rest.slice(0, 60)}": use field:value, field:"value" or metadata_modified:[from TO to], joined by AND)`,
      );
    }
    rest = rest.slice(m[0].length);
    const field = m[1]!;
    if (field === 'metadata_modified') {
      if (!m[3]) {
        throw invalid('fq', 'metadata_modified 须为区间：[起 TO 止] (metadata_modified takes a range: [from TO to])');
      }
      if ((m[3] === '[') !== (m[6] === ']')) {
        throw invalid('fq', '区间的括号须成对：[…] 或 {…} (a range is [from TO to] or {from TO to})');
      }
      clauses.push({ field, from: rangeDate(m[4]!), to: rangeDate(m[5]!), inclusive: m[3] === '[' });
      continue;
    }
    // CKAN adds +dataset_type:dataset to searches itself; clients send it too.
    const known = [...CKAN_FILTER_FIELDS, 'dataset_type'] as const;
    if (!(known as readonly string[]).includes(field)) {
      throw invalid(
        'fq',
        `不支持按 ${field} 筛选；可用：${[...known, 'metadata_modified'].join('、')} (cannot filter on ${field}: use ${[...known, 'metadata_modified'].join(', ')})`,
      );
    }
    if (m[3]) throw invalid('fq', `${field} 不支持区间 (${field} takes a value, not a range)`);
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[7]!;
    if (value === 'OR' || value === 'NOT') {
      throw invalid('fq', '不支持 OR 与 NOT，请用 AND 连接条件 (OR and NOT are not supported: join clauses by AND)');
    }
    clauses.push({ field: field as CkanFilterField | 'dataset_type', value });
  }
  return clauses;
}

/** A range bound: `*` (open), `NOW`, `NOW-7DAYS`, or an ISO date or time (UTC when no zone, as CKAN stores). */
export function rangeDate(raw: string, now: Date = new Date()): string | null {
  if (raw === '*') return null;
  const relative = /^NOW(?:([+-])(\d{1,5})(DAYS?|HOURS?|MINUTES?))?$/.exec(raw);
  if (relative) {
    const unit = relative[3]?.startsWith('DAY') ? 86_400_000 : relative[3]?.startsWith('HOUR') ? 3_600_000 : 60_000;
    const delta = relative[1] ? Number(relative[2]) * unit * (relative[1] === '-' ? -1 : 1) : 0;
    return new Date(now.getTime() + delta).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)) {
    const zoned = /T.*(?:Z|[+-]\d{2}:?\d{2})$/.test(raw) ? raw : raw.includes('T') ? `${raw}Z` : `${raw}T00:00:00Z`;
    const time = Date.parse(zoned);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  throw invalid(
    'fq',
    `无法识别的时间：${raw}；请用 ISO 8601 时间、* 或 NOW (not a time: ${raw}; use an ISO 8601 date or time, * or NOW)`,
  );
}

/** `sort`: comma-separated `key asc|desc`; CKAN's default is relevance, then newest change. */
export function parseSort(raw: string | undefined): PackageSearch['sort'] {
  const text = (raw ?? '').trim();
  if (text === '')
    return [
      { key: 'score', direction: 'desc' },
      { key: 'metadata_modified', direction: 'desc' },
    ];
  return text.split(',').map((part) => {
    const m = /^\s*([a-z_]+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    const key = m?.[1]?.toLowerCase();
    if (!m || !key || !(CKAN_SORT_KEYS as readonly string[]).includes(key)) {
      throw invalid(
        'sort',
        `不支持的排序：${part.trim()}；可用：${CKAN_SORT_KEYS.join('、')}，后接 asc 或 desc (unsupported sort "${part.trim()}": use ${CKAN_SORT_KEYS.join(', ')} followed by asc or desc)`,
      );
    }
    return { key: key as CkanSortKey, direction: (m[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc' };
  });
}

/** `facet.field`: a JSON list of field names (a JSON string in a query string, a list in a JSON body). */
export function parseFacetFields(raw: string | string[] | undefined): CkanFilterField[] {
  if (raw === undefined || raw === '') return [];
  let fields: unknown = raw;
  if (typeof raw === 'string') {
    try {
      fields = JSON.parse(raw);
    } catch {
      throw invalid(
        'facet.field',
        '须为 JSON 数组，如 ["organization","tags"] (a JSON list, e.g. ["organization","tags"])',
      );
    }
  }
  if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) {
    throw invalid(
      'facet.field',
      '须为 JSON 数组，如 ["organization","tags"] (a JSON list, e.g. ["organization","tags"])',
    );
  }
  for (const f of fields as string[]) {
    if (!(CKAN_FACET_FIELDS as readonly string[]).includes(f)) {
      throw invalid(
        'facet.field',
        `不支持的分面：${f}；可用：${CKAN_FACET_FIELDS.join('、')} (unsupported facet ${f}: use ${CKAN_FACET_FIELDS.join(', ')})`,
      );
    }
  }
  return [...new Set(fields as CkanFilterField[])];
}

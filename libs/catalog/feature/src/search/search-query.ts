import { createHash } from 'node:crypto';
import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { z } from 'zod';
import { GRADE_CATEGORIES, OPEN_TYPES, SHARING_TYPES, UPDATE_CYCLES } from '../entries/entry-content.js';
import { ENTRY_STATUSES, type EntryStatus } from '../entries/entry-lifecycle.js';
import { LEDGER_SCOPES, type LedgerScope } from '../ledger/ledger-scope.js';
import { SearchQueryProblem } from './search.exception.js';

/** 节点代码: a GB/T 2260 code of 6 digits or an 18-character unified social credit code. */
const NODE_CODE = /^(?:[0-9]{6}|[0-9A-HJ-NPQRTUWXY]{18})$/;

/**
 * 数据分级 as one facet value: 核心 / 重要 / 一般 L1–L4. As a filter `general` means any level.
 */
export const GRADE_VALUES = ['core', 'important', 'general-1', 'general-2', 'general-3', 'general-4'] as const;
export type GradeValue = (typeof GRADE_VALUES)[number];
const GRADE_FILTERS = [...GRADE_VALUES, 'general'] as const;

/** 类 (1 digit), 项 (3), 目 (6) or 细目 (9) — a filter takes every entry under that code. */
const CLASSIFICATION_FILTER = /^[1-3](\d{2}(\d{3}){0,2})?$/;

export const SEARCH_SORTS = ['relevance', 'recent'] as const;

/** A multi-valued query parameter: repeated (`?grade=core&grade=important`) or comma-separated. */
function list<T extends z.ZodType<string>>(item: T) {
  return z.preprocess((value) => {
    if (value === undefined) return undefined;
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
    return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
  }, z.array(item).max(50, '最多 50 个值 (at most 50 values)').optional());
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => `unknown value ${JSON.stringify(issue.input)}; one of: ${values.join(', ')}`,
  });
}

const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v), schema);

/** `GET /api/v1/catalog/search` query parameters. Unknown parameters are refused, not ignored. */
export const searchParamsSchema = z
  .object({
    q: single(z.string().trim().max(100, '最多 100 个字符 (at most 100 characters)').optional()),
    classification: list(
      z.string().regex(CLASSIFICATION_FILTER, 'a classification code: 类 (1 digit), 项 (3), 目 (6) or 细目 (9)'),
    ),
    provider: list(z.uuid('提供方机构 ID（UUID） (a provider organisation id (uuid))')),
    sharingType: list(oneOf(SHARING_TYPES)),
    openType: list(oneOf(OPEN_TYPES)),
    grade: list(oneOf(GRADE_FILTERS)),
    updateCycle: list(oneOf(UPDATE_CYCLES)),
    status: list(oneOf(ENTRY_STATUSES)),
    sort: single(oneOf(SEARCH_SORTS).optional()),
    limit: single(
      z.coerce
        .number({ error: '1–100 之间的整数 (a whole number 1–100)' })
        .int('1–100 之间的整数 (a whole number 1–100)')
        .min(1)
        .max(100)
        .default(20),
    ),
    cursor: single(z.string().max(512).optional()),
    facets: single(z.enum(['true', 'false'], { error: 'true 或 false (true or false)' }).default('false')),
    scope: single(oneOf(LEDGER_SCOPES).optional()),
    origin: list(
      z
        .string()
        .regex(
          NODE_CODE,
          '节点代码（6 位数字，部委为 18 位） (a node code (6 digits, or 18 characters for a ministry))',
        ),
    ),
  })
  .strict();

/** What a search asks for, from REST or gRPC. */
export interface SearchQuery {
  q?: string;
  /** Codes of any level; an entry matches when its code starts with one of them. */
  classification?: string[];
  provider?: string[];
  sharingType?: (typeof SHARING_TYPES)[number][];
  openType?: (typeof OPEN_TYPES)[number][];
  grade?: (GradeValue | 'general')[];
  updateCycle?: (typeof UPDATE_CYCLES)[number][];
  /** Default: published only. Visibility still applies to every status. */
  status?: EntryStatus[];
  /** Default: relevance with a query, most recent without. */
  sort?: (typeof SEARCH_SORTS)[number];
  limit?: number;
  cursor?: string;
  facets?: boolean;
  /** 一本账: default `node` (own entries); `all` must be resolved (`resolveScope`) before searching. */
  scope?: LedgerScope;
  /** Origin node codes. */
  origin?: string[];
}

/**
 * Parses query parameters; a 400 names each bad parameter and rule, an unknown parameter by its
 * own name (a misspelt filter silently ignored would return the wrong entries).
 */
function parseParams<S extends z.ZodObject>(schema: S, params: unknown): z.output<S> {
  const input = (params ?? {}) as Record<string, unknown>;
  const unknown: FieldProblem[] = Object.keys(input)
    .filter((key) => !(key in schema.shape))
    .map((key) => ({
      path: key,
      rule: SearchQueryProblem.UnknownParameter,
      message: `不是有效参数；可用参数：${Object.keys(schema.shape).join(', ')} (not a parameter; one of: ${Object.keys(schema.shape).join(', ')})`,
    }));
  const known = Object.fromEntries(Object.entries(input).filter(([key]) => key in schema.shape));
  const result = schema.safeParse(known);
  const invalid = result.success ? [] : GovdataError.fromZod(result.error).fields;
  if (unknown.length || invalid.length) throw GovdataError.validation([...unknown, ...invalid]);
  return result.data as z.output<S>;
}

export function parseSearchParams(params: unknown): SearchQuery {
  const { facets, q, ...rest } = parseParams(searchParamsSchema, params);
  return { ...rest, q: q || undefined, facets: facets === 'true' };
}

export const suggestParamsSchema = z
  .object({
    q: single(
      z
        .string()
        .trim()
        .min(1, '请至少输入一个字符 (type at least one character)')
        .max(50, '最多 50 个字符 (at most 50 characters)'),
    ),
    limit: single(
      z.coerce
        .number({ error: '1–20 之间的整数 (a whole number 1–20)' })
        .int('1–20 之间的整数 (a whole number 1–20)')
        .min(1)
        .max(20)
        .default(10),
    ),
  })
  .strict();

export function parseSuggestParams(params: unknown): { q: string; limit: number } {
  return parseParams(suggestParamsSchema, params);
}

/** The grade categories a filter value stands for, with the level when it names one. */
export function gradeFilterValues(values: readonly (GradeValue | 'general')[]): string[] {
  return [
    ...new Set(values.flatMap((v) => (v === 'general' ? GRADE_VALUES.filter((g) => g.startsWith('general')) : [v]))),
  ];
}

/** The facet value of an entry's grade. */
export function gradeValue(grade: { category: (typeof GRADE_CATEGORIES)[number]; level?: number }): GradeValue {
  return grade.category === 'general' ? (`general-${grade.level ?? 4}` as GradeValue) : grade.category;
}

/**
 * Where the next page starts: the sort keys and id of the last item returned, and a fingerprint of
 * the query it belongs to (a cursor reused with other filters would skip or repeat entries).
 */
export interface SearchCursor {
  sort: 'relevance' | 'recent';
  /** Relevance tier and name length of the last item; relevance order only. */
  tier?: number;
  nameLen?: number;
  /** Recency of the last item (integer text). */
  recency: string;
  id: string;
  fingerprint: string;
}

const cursorSchema = z
  .object({
    v: z.literal(2),
    s: z.enum(SEARCH_SORTS),
    t: z.number().int().min(0).max(5).optional(),
    l: z.number().int().min(0).max(1000).optional(),
    r: z.string().regex(/^-?\d{1,16}$/),
    i: z.uuid(),
    f: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict()
  .refine((c) => (c.s === 'relevance') === (c.t !== undefined && c.l !== undefined));

export function encodeCursor(cursor: SearchCursor): string {
  const body = {
    v: 2,
    s: cursor.sort,
    t: cursor.tier,
    l: cursor.nameLen,
    r: cursor.recency,
    i: cursor.id,
    f: cursor.fingerprint,
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Reads a cursor; 400 naming `cursor` when it is not one of ours or belongs to another query. */
export function decodeCursor(text: string, fingerprint: string): SearchCursor {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    const json: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    parsed = cursorSchema.parse(json);
  } catch {
    throw GovdataError.validation([
      {
        path: 'cursor',
        rule: SearchQueryProblem.Malformed,
        message:
          '不是本次检索返回的游标（请原样传入 nextCursor） (not a cursor returned by this search (pass nextCursor unchanged))',
      },
    ]);
  }
  if (parsed.f !== fingerprint) {
    throw GovdataError.validation([
      {
        path: 'cursor',
        rule: SearchQueryProblem.QueryMismatch,
        message:
          '该游标属于检索词、筛选条件或排序不同的检索，请去掉游标重新检索 (the cursor belongs to a search with other terms, filters or sort; start again without it)',
      },
    ]);
  }
  return {
    sort: parsed.s,
    tier: parsed.t,
    nameLen: parsed.l,
    recency: parsed.r,
    id: parsed.i,
    fingerprint: parsed.f,
  };
}

/** A fingerprint of everything that decides the order and membership of results. */
export function queryFingerprint(parts: Record<string, unknown>): string {
  const canonical = JSON.stringify(parts, (_key, value: unknown) =>
    Array.isArray(value) ? [...value].map(String).sort() : value,
  );
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

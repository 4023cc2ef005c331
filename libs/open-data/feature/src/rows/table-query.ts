import { publishedColumns, type LocalResource, type ReviewedColumn } from '../datasets/dataset.js';
import { badQuery, OpenDataRule } from '../datasets/open-data.exception.js';
import { maskedExpression, quoteIdent } from '../sources/masking-sql.js';

/** Column types a filter or sort value is cast to (as information_schema names them); others compare as text. */
const CASTABLE_TYPES = new Set([
  'smallint',
  'integer',
  'bigint',
  'numeric',
  'real',
  'double precision',
  'text',
  'character varying',
  'character',
  'date',
  'timestamp without time zone',
  'timestamp with time zone',
  'boolean',
]);
/** Types read as text, so a date is the date the table holds and not a moment in the server's zone. */
const AS_TEXT = /^(date|time|timestamp|interval|uuid|json|jsonb|xml|inet|cidr|USER-DEFINED|ARRAY|bytea)/;

export interface RowsQuery {
  /** Item name → value the column must equal (published, unmasked columns only). */
  filters: Record<string, string | number | boolean | null>;
  sort?: { item: string; direction: 'asc' | 'desc' };
  after?: string;
  limit: number;
}

/** Where the next page starts: after a row (`ctid`, and its sort value), or at an offset for a view. */
type Cursor = { k: 'row'; c: string; n?: boolean; v?: string } | { k: 'offset'; o: number };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, keyed: boolean): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (keyed && c.k === 'row' && /^\(\d+,\d+\)$/.test(c.c)) return c;
    if (!keyed && c.k === 'offset' && Number.isSafeInteger(c.o) && c.o >= 0) return c;
  } catch {
    // answered below
  }
  throw badQuery(
    'after',
    OpenDataRule.Cursor,
    '翻页游标无效，请从第一页重新开始 (the cursor is not valid: start from the first page)',
  );
}

/** `expr AS "item"` for each published column: masked in SQL, dates as text. */
export function selectList(columns: readonly ReviewedColumn[]): string {
  return columns
    .map((c) => {
      const expr =
        c.decision === 'mask' && c.mask
          ? maskedExpression(c.column, c.mask as Parameters<typeof maskedExpression>[1])
          : AS_TEXT.test(c.columnType)
            ? `${quoteIdent(c.column)}::text`
            : quoteIdent(c.column);
      return `${expr} AS ${quoteIdent(c.item)}`;
    })
    .join(', ');
}

export function tableName(resource: LocalResource): string {
  return `${quoteIdent(resource.source.schema)}.${quoteIdent(resource.source.table)}`;
}

function castParam(column: ReviewedColumn, index: number): string {
  return CASTABLE_TYPES.has(column.columnType) ? `$${index}::${column.columnType}` : `$${index}`;
}

function comparable(column: ReviewedColumn): string {
  return CASTABLE_TYPES.has(column.columnType) ? quoteIdent(column.column) : `${quoteIdent(column.column)}::text`;
}

/** A published column that is not masked, by item name: the only ones a query may filter or sort on. */
function openColumn(columns: readonly ReviewedColumn[], item: string, path: string): ReviewedColumn {
  const column = columns.find((c) => c.item === item);
  if (!column || column.decision !== 'open') {
    const open = columns.filter((c) => c.decision === 'open').map((c) => c.item);
    throw badQuery(
      path,
      OpenDataRule.OpenColumn,
      `只能按未脱敏的开放字段筛选或排序：${open.join('、')} (filter and sort on unmasked published columns only: ${open.join(', ')})`,
    );
  }
  return column;
}

export interface BuiltQuery {
  text: string;
  values: unknown[];
  countText: string;
  countValues: unknown[];
}

/**
 * The SQL of one page of rows: filters on unmasked columns, sorted (nulls last) with the row's
 * physical position as tie-breaker, and keyset paging after the previous page's last row — a page
 * deep in a large table costs what the first one does. A view has no row position: it pages by
 * offset.
 */
export function buildRowsQuery(resource: LocalResource, query: RowsQuery, keyed: boolean): BuiltQuery {
  const columns = publishedColumns(resource);
  const values: unknown[] = [];
  const where: string[] = [];
  for (const [item, value] of Object.entries(query.filters)) {
    const column = openColumn(columns, item, `filters.${item}`);
    if (value === null) where.push(`${quoteIdent(column.column)} IS NULL`);
    else where.push(`${comparable(column)} = ${castParam(column, values.push(String(value)))}`);
  }
  const countValues = [...values];
  const countText = `SELECT count(*)::bigint AS n FROM ${tableName(resource)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const sort = query.sort ? openColumn(columns, query.sort.item, 'sort') : undefined;
  const desc = query.sort?.direction === 'desc';
  const cursor = query.after ? decodeCursor(query.after, keyed) : undefined;
  let order: string;
  let extra = '';
  let offset = 0;
  if (keyed) {
    const cmp = desc ? '<' : '>';
    extra = ', ctid::text AS "__position"';
    if (sort) {
      const col = comparable(sort);
      extra += `, ${quoteIdent(sort.column)} IS NULL AS "__null", ${quoteIdent(sort.column)}::text AS "__sort"`;
      order = `${quoteIdent(sort.column)} IS NULL, ${col} ${desc ? 'DESC' : 'ASC'}, ctid ${desc ? 'DESC' : 'ASC'}`;
      if (cursor?.k === 'row') {
        const c = values.push(cursor.c);
        if (cursor.n) where.push(`(${quoteIdent(sort.column)} IS NULL AND ctid ${cmp} $${c}::tid)`);
        else {
          const v = values.push(cursor.v ?? '');
          where.push(
            `(${quoteIdent(sort.column)} IS NULL OR (${col}, ctid) ${cmp} (${castParam(sort, v)}, $${c}::tid))`,
          );
        }
      }
    } else {
      order = 'ctid';
      if (cursor?.k === 'row') where.push(`ctid > $${values.push(cursor.c)}::tid`);
    }
  } else {
    order = sort ? `${comparable(sort)} ${desc ? 'DESC' : 'ASC'} NULLS LAST` : '1';
    offset = cursor?.k === 'offset' ? cursor.o : 0;
  }
  const text =
    `SELECT ${selectList(columns)}${extra} FROM ${tableName(resource)}` +
    `${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order}` +
    ` LIMIT ${query.limit + 1}${offset ? ` OFFSET ${offset}` : ''}`;
  return { text, values, countText, countValues };
}

/** The page's rows without the paging columns, and the cursor after its last row when there is more. */
export function pageOf(
  rows: Array<Record<string, unknown>>,
  query: RowsQuery,
  keyed: boolean,
): { rows: Array<Record<string, unknown>>; next: string | null } {
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  let next: string | null = null;
  if (more && last) {
    if (keyed) {
      next = encodeCursor({
        k: 'row',
        c: String(last['__position']),
        ...(query.sort ? { n: Boolean(last['__null']), ...(last['__null'] ? {} : { v: String(last['__sort']) }) } : {}),
      });
    } else {
      const previous = query.after ? decodeCursor(query.after, false) : { k: 'offset' as const, o: 0 };
      next = encodeCursor({ k: 'offset', o: (previous.k === 'offset' ? previous.o : 0) + query.limit });
    }
  }
  for (const row of page) {
    delete row['__position'];
    delete row['__null'];
    delete row['__sort'];
  }
  return { rows: page, next };
}

/**
 * The SQL of rows `offset` to `offset + limit` (CKAN's `datastore_search`, which pages by offset):
 * filters and sort as `buildRowsQuery`, ties broken by row position on a table so that the pages
 * of one table split it exactly; no extra row is read (the count says whether there is more).
 */
export function buildSliceQuery(
  resource: LocalResource,
  query: Omit<RowsQuery, 'after'>,
  offset: number,
  keyed: boolean,
): BuiltQuery {
  const columns = publishedColumns(resource);
  const values: unknown[] = [];
  const where: string[] = [];
  for (const [item, value] of Object.entries(query.filters)) {
    const column = openColumn(columns, item, `filters.${item}`);
    if (value === null) where.push(`${quoteIdent(column.column)} IS NULL`);
    else where.push(`${comparable(column)} = ${castParam(column, values.push(String(value)))}`);
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const sort = query.sort ? openColumn(columns, query.sort.item, 'sort') : undefined;
  const dir = query.sort?.direction === 'desc' ? 'DESC' : 'ASC';
  const order = [
    ...(sort ? [`${comparable(sort)} ${dir} NULLS LAST`] : []),
    ...(keyed ? [`ctid ${sort ? dir : 'ASC'}`] : []),
  ];
  const text =
    `SELECT ${selectList(columns)} FROM ${tableName(resource)}${filter}` +
    `${order.length ? ` ORDER BY ${order.join(', ')}` : ''} LIMIT ${Number(query.limit)} OFFSET ${Number(offset)}`;
  return {
    text,
    values,
    countText: `SELECT count(*)::bigint AS n FROM ${tableName(resource)}${filter}`,
    countValues: [...values],
  };
}

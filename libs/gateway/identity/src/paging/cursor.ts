import { GovdataError } from '@govdata/platform-errors';
import { z } from 'zod';
import { PagingRule } from './paging.exception.js';

/** Position after the last row of a page, in (created_at, id) order. Opaque to callers. */
export interface PagePosition {
  /** created_at with microseconds, UTC (`2026-01-05T08:00:00.123456Z`): JS dates would lose the microseconds. */
  createdAt: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const position = z
  .object({ t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), i: z.uuid() })
  .strict();

export function encodeCursor(p: PagePosition): string {
  return Buffer.from(JSON.stringify({ t: p.createdAt, i: p.id })).toString('base64url');
}

/** Decodes a cursor given by a caller; a 400 naming `path` when it was not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string, path = 'cursor'): PagePosition {
  try {
    const parsed = position.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: parsed.t, id: parsed.i };
  } catch {
    throw GovdataError.validation([
      { path, rule: PagingRule.Cursor, message: '不是上一页返回的游标 (is not a cursor returned by a previous page)' },
    ]);
  }
}

/** SQL expression giving the page key of a `created_at` column (microseconds, UTC). */
export function pageKeySql(column = 'created_at'): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says another page exists. */
export function toPage<R extends { id: string; page_key: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    nextCursor: more && last ? encodeCursor({ createdAt: last.page_key, id: last.id }) : null,
  };
}

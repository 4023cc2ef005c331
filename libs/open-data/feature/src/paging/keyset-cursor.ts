import { encodeListCursor } from '../datasets/list-cursor.js';

/** A keyset position — the last item's time and id — of a list ordered newest first. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** One page of `limit` from `limit + 1` rows read, and the cursor of the next page if there is one. */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  position: (last: T) => KeysetPosition,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? position(items.at(-1)!) : null;
  return { items, next: last ? encodeListCursor(last.at, last.id) : null };
}

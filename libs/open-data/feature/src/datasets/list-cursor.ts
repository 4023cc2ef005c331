import { z } from 'zod';
import { badQuery, OpenDataRule } from './open-data.exception.js';

const uuid = z.uuid();

/** The cursor of a list ordered by (time, id): the last item's time and id, opaque to the client. */
export function encodeListCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The time and id a cursor names; 400 naming `after` for anything this service did not give out. */
export function decodeListCursor(raw: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && uuid.safeParse(id).success) return { at, id };
  } catch {
    // answered below
  }
  throw badQuery(
    'after',
    OpenDataRule.Cursor,
    '翻页游标无效，请从第一页重新开始 (the cursor is not valid: start from the first page)',
  );
}

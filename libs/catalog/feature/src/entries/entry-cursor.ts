import { GovdataError } from '@govdata/platform-errors';
import { isUuid } from '@govdata/codes';
import { EntryInputProblem } from './entry.exception.js';

/** Keyset position in a list of entries ordered by (updated_at, id) descending. */
export interface EntryCursor {
  updatedAt: string;
  id: string;
}

/** Opaque to callers: they pass back what they were given. */
export function encodeEntryCursor(cursor: EntryCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id])).toString('base64url');
}

/** The cursor, or a 400 naming `field` when it is not one this API handed out. */
export function decodeEntryCursor(token: string, field: string): EntryCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof updatedAt !== 'string' || Number.isNaN(Date.parse(updatedAt))) throw new Error('time');
    if (typeof id !== 'string' || !isUuid(id)) {
      throw new Error('id');
    }
    return { updatedAt, id };
  } catch {
    throw GovdataError.validation([
      { path: field, rule: EntryInputProblem.Cursor, message: '不是本接口返回的游标 (not a cursor this API returned)' },
    ]);
  }
}

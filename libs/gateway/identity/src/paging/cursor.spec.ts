import { GovdataError } from '@govdata/platform-errors';
import { decodeCursor, encodeCursor, toPage } from './cursor.js';

describe('page cursors', () => {
  const position = { createdAt: '2026-01-05T08:00:00.123456Z', id: '6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b' };

  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor it did not make with a 400 naming the field', () => {
    for (const bad of ['', 'abc', Buffer.from('{"t":"yesterday","i":"x"}').toString('base64url')]) {
      try {
        decodeCursor(bad, 'pageToken');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(GovdataError);
        expect((error as GovdataError).httpStatus).toBe(400);
        expect((error as GovdataError).fields[0]).toMatchObject({ path: 'pageToken', rule: 'cursor' });
      }
    }
  });

  it('gives a next cursor only when a row beyond the limit was fetched', () => {
    const rows = [1, 2, 3].map((n) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      page_key: `2026-01-0${n}T00:00:00.000000Z`,
    }));
    const full = toPage(rows, 2, (r) => r.id);
    expect(full.items).toHaveLength(2);
    expect(decodeCursor(full.nextCursor!)).toEqual({ createdAt: rows[1]!.page_key, id: rows[1]!.id });
    expect(toPage(rows, 3, (r) => r.id).nextCursor).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { decodeListCursor } from '../datasets/list-cursor.js';
import { pageOf } from './keyset-cursor.js';

const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('pageOf', () => {
  it('gives a next cursor only when more rows were read than the page holds', () => {
    const rows = [1, 2, 3].map((n) => ({ at: `2026-12-0${n}T00:00:00.000Z`, id }));
    expect(pageOf(rows, 3, (r) => r)).toEqual({ items: rows, next: null });
    const page = pageOf(rows, 2, (r) => r);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(decodeListCursor(page.next!)).toEqual(rows[1]);
  });
});

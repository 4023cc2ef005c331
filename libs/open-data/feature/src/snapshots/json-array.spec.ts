import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { jsonArray } from './json-array.js';

describe('jsonArray', () => {
  it('writes rows as one valid JSON array, one row per line', async () => {
    const rows = [
      { 名称: '图书馆"一"', 数量: 3 },
      { 名称: null, 数量: 0 },
    ];
    const out = await text(Readable.from(rows).pipe(jsonArray()));
    expect(JSON.parse(out)).toEqual(rows);
    expect(out.split('\n')).toHaveLength(5);
  });

  it('writes an empty array for no rows', async () => {
    expect(JSON.parse(await text(Readable.from([]).pipe(jsonArray())))).toEqual([]);
  });
});

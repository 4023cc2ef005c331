import { describe, expect, it } from 'vitest';
import { ApiError } from '@govdata/web-ui';
import { createOpenDataApi, downloadPath, queryString } from './open-data-api.js';

describe('the open-data client', () => {
  it('leaves empty parts out of the query and sends filters as JSON', async () => {
    const asked: string[] = [];
    const api = createOpenDataApi(async (input) => {
      asked.push(input);
      return new Response(JSON.stringify({ items: [], next: null }), { status: 200 });
    });
    await api.datasets({ q: '', domain: 'health', limit: 20 });
    await api.rows('d1', 'r1', { filters: { 性别: '女' }, sort: '人数 desc', limit: 20 });
    await api.rows('d1', 'r1', { filters: {} });
    expect(asked[0]).toBe('/api/v1/open-data/datasets?domain=health&limit=20');
    expect(new URL(asked[1]!, 'http://x').searchParams.get('filters')).toBe('{"性别":"女"}');
    expect(new URL(asked[1]!, 'http://x').searchParams.get('sort')).toBe('人数 desc');
    expect(asked[2]).toBe('/api/v1/open-data/datasets/d1/resources/r1/rows');
    expect(queryString({})).toBe('');
    expect(downloadPath('d1', 'r1', 'csv')).toBe('/api/v1/open-data/datasets/d1/resources/r1/download?format=csv');
  });

  it('rejects with the problem the service answered, or as unreachable', async () => {
    const problem = {
      status: 403,
      code: 'forbidden',
      errors: [{ path: 'id', rule: 'conditional-opening', message: '' }],
    };
    const refused = createOpenDataApi(async () => new Response(JSON.stringify(problem), { status: 403 }));
    const error = await refused.rows('d1', 'r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 403,
      service: 'open-data',
      problem: { errors: [{ rule: 'conditional-opening' }] },
    });
    const down = createOpenDataApi(async () => {
      throw new TypeError('fetch failed');
    });
    expect(await down.vocabulary().catch((e: unknown) => e)).toMatchObject({
      status: 0,
      problem: { code: 'unreachable' },
    });
  });
});

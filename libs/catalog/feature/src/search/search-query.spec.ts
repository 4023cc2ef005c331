import { GovdataError } from '@govdata/platform-errors';
import {
  decodeCursor,
  encodeCursor,
  gradeFilterValues,
  parseSearchParams,
  parseSuggestParams,
  queryFingerprint,
} from './search-query.js';

/** The field problems of a 400, or fails when the call does not throw one. */
function problems(call: () => unknown): Array<{ path: string; rule: string }> {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(GovdataError);
    expect((error as GovdataError).httpStatus).toBe(400);
    return (error as GovdataError).fields.map(({ path, rule }) => ({ path, rule }));
  }
  throw new Error('expected a 400');
}

describe('parseSearchParams', () => {
  it('takes repeated and comma-separated values, and defaults', () => {
    const query = parseSearchParams({
      q: ' 人口 ',
      grade: ['core', 'general-3'],
      sharingType: 'unconditional,conditional',
      classification: '1,203',
    });
    expect(query).toEqual({
      q: '人口',
      grade: ['core', 'general-3'],
      sharingType: ['unconditional', 'conditional'],
      classification: ['1', '203'],
      limit: 20,
      facets: false,
    });
    expect(parseSearchParams({ limit: '100', facets: 'true', status: 'draft' })).toMatchObject({
      limit: 100,
      facets: true,
      status: ['draft'],
    });
    expect(parseSearchParams({ q: '   ' }).q).toBeUndefined();
  });

  it('answers 400 naming the parameter for unknown values, bad limits and unknown parameters', () => {
    expect(problems(() => parseSearchParams({ sharingType: 'sometimes' }))).toEqual([
      { path: 'sharingType.0', rule: 'invalid_value' },
    ]);
    expect(problems(() => parseSearchParams({ status: 'published,gone' }))).toEqual([
      { path: 'status.1', rule: 'invalid_value' },
    ]);
    expect(problems(() => parseSearchParams({ limit: '0' }))[0]!.path).toBe('limit');
    expect(problems(() => parseSearchParams({ limit: '101' }))[0]!.path).toBe('limit');
    expect(problems(() => parseSearchParams({ limit: 'ten' }))[0]!.path).toBe('limit');
    expect(problems(() => parseSearchParams({ limit: '2.5' }))[0]!.path).toBe('limit');
    expect(problems(() => parseSearchParams({ classification: '10' }))[0]!.path).toBe('classification.0');
    expect(problems(() => parseSearchParams({ provider: 'orgA' }))[0]!.path).toBe('provider.0');
    expect(problems(() => parseSearchParams({ facets: 'yes' }))[0]!.path).toBe('facets');
    expect(problems(() => parseSearchParams({ page: '2', limit: '0' }))).toEqual([
      { path: 'page', rule: 'unknown-parameter' },
      { path: 'limit', rule: 'too_small' },
    ]);
    expect(problems(() => parseSearchParams({ q: ['人口', '信息'] }))[0]!.path).toBe('q');
  });

  it('expands the grade filter general to its four levels', () => {
    expect(gradeFilterValues(['general', 'core', 'general-2'])).toEqual([
      'general-1',
      'general-2',
      'general-3',
      'general-4',
      'core',
    ]);
  });
});

describe('parseSuggestParams', () => {
  it('needs some text and a limit of 1–20', () => {
    expect(parseSuggestParams({ q: '人口' })).toEqual({ q: '人口', limit: 10 });
    expect(problems(() => parseSuggestParams({}))[0]!.path).toBe('q');
    expect(problems(() => parseSuggestParams({ q: ' ' }))[0]!.path).toBe('q');
    expect(problems(() => parseSuggestParams({ q: '人', limit: '21' }))[0]!.path).toBe('limit');
  });
});

describe('cursors', () => {
  const fingerprint = queryFingerprint({ match: "'人口'", sort: 'relevance', status: ['published'] });
  const id = '0b6f3a52-4f3e-4c59-9a53-2f5e2a0c9d11';
  const recency = '-1772352000123';
  const raw = (body: Record<string, unknown>) => Buffer.from(JSON.stringify(body)).toString('base64url');

  it('round-trip, opaque', () => {
    const text = encodeCursor({ sort: 'relevance', tier: 3, nameLen: 6, recency, id, fingerprint });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, fingerprint)).toEqual({
      sort: 'relevance',
      tier: 3,
      nameLen: 6,
      recency,
      id,
      fingerprint,
    });
    const recent = encodeCursor({ sort: 'recent', recency, id, fingerprint });
    expect(decodeCursor(recent, fingerprint)).toMatchObject({ sort: 'recent', tier: undefined, recency, id });
  });

  it('are refused with 400 on cursor when malformed, tampered with or from another query', () => {
    expect(problems(() => decodeCursor('not-a-cursor', fingerprint))).toEqual([{ path: 'cursor', rule: 'malformed' }]);
    const tampered = raw({ v: 2, s: 'recent', r: "1' OR 1=1", i: id, f: fingerprint });
    expect(problems(() => decodeCursor(tampered, fingerprint))).toEqual([{ path: 'cursor', rule: 'malformed' }]);
    const tierless = raw({ v: 2, s: 'relevance', r: recency, i: id, f: fingerprint });
    expect(problems(() => decodeCursor(tierless, fingerprint))).toEqual([{ path: 'cursor', rule: 'malformed' }]);
    const other = encodeCursor({ sort: 'recent', recency, id, fingerprint: queryFingerprint({ match: "'信息'" }) });
    expect(problems(() => decodeCursor(other, fingerprint))).toEqual([{ path: 'cursor', rule: 'query-mismatch' }]);
  });

  it('fingerprints ignore the order of filter values', () => {
    expect(queryFingerprint({ grade: ['core', 'important'] })).toBe(queryFingerprint({ grade: ['important', 'core'] }));
    expect(queryFingerprint({ grade: ['core'] })).not.toBe(queryFingerprint({ grade: ['important'] }));
  });
});

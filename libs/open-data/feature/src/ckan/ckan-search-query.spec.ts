import { describe, expect, it } from 'vitest';
import { GovdataError } from '@govdata/platform-errors';
import { bigramQuery, packageSearchSql } from './ckan-catalog.repository.js';
import { parseFacetFields, parseFq, parsePackageSearch, parseQ, parseSort, rangeDate } from './ckan-search-query.js';

function fieldsOf(run: () => unknown): Record<string, string[]> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GovdataError);
    const out: Record<string, string[]> = {};
    for (const f of (error as GovdataError).fields) (out[f.path] ??= []).push(f.message);
    return out;
  }
  throw new Error('expected a validation error');
}

describe('package_search fq', () => {
  it('reads the clauses harvesters send, ANDed, quoted or not', () => {
    expect(
      parseFq('organization:0e6f1c9a-7f1e-4a53-9d62-3f0f2b8e8d11 AND groups:health +tags:"社会 保险" res_format:CSV'),
    ).toEqual([
      { field: 'organization', value: '0e6f1c9a-7f1e-4a53-9d62-3f0f2b8e8d11' },
      { field: 'groups', value: 'health' },
      { field: 'tags', value: '社会 保险' },
      { field: 'res_format', value: 'CSV' },
    ]);
    expect(parseFq('tags:"say \\"hi\\""')).toEqual([{ field: 'tags', value: 'say "hi"' }]);
    expect(parseFq('+dataset_type:dataset')).toEqual([{ field: 'dataset_type', value: 'dataset' }]);
    expect(parseFq('  ')).toEqual([]);
  });

  it('reads metadata_modified ranges: ISO dates and times, *, NOW, inclusive or exclusive', () => {
    expect(parseFq('metadata_modified:[2026-01-02T03:04:05.123Z TO *]')).toEqual([
      { field: 'metadata_modified', from: '2026-01-02T03:04:05.123Z', to: null, inclusive: true },
    ]);
    // CKAN's own timestamps have no zone: they are UTC.
    const [clause] = parseFq('metadata_modified:{2026-01-02T03:04:05.123456 TO NOW}');
    expect(clause).toMatchObject({ from: '2026-01-02T03:04:05.123Z', inclusive: false });
    expect(Date.parse((clause as { to: string }).to)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(parseFq('metadata_modified:[2026-01-02 TO 2026-02-01]')[0]).toMatchObject({
      from: '2026-01-02T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
    });
    const now = new Date('2026-03-10T00:00:00Z');
    expect(rangeDate('NOW-7DAYS', now)).toBe('2026-03-03T00:00:00.000Z');
    expect(rangeDate('2026-03-10T08:00:00+08:00')).toBe('2026-03-10T00:00:00.000Z');
  });

  it('names fq in what it refuses: unknown fields, OR, grouping, bad dates, mismatched brackets', () => {
    expect(fieldsOf(() => parseFq('author:someone'))['fq']?.[0]).toMatch(
      /不支持按 author 筛选.*\(cannot filter on author/,
    );
    expect(fieldsOf(() => parseFq('tags:a OR tags:b'))['fq']?.[0]).toMatch(/cannot parse|OR/);
    expect(fieldsOf(() => parseFq('organization:(a OR b)'))).toHaveProperty('fq');
    expect(fieldsOf(() => parseFq('metadata_modified:[yesterday TO *]'))['fq']?.[0]).toMatch(/not a time: yesterday/);
    expect(fieldsOf(() => parseFq('metadata_modified:[* TO *}'))).toHaveProperty('fq');
    expect(fieldsOf(() => parseFq('metadata_modified:2026-01-01'))).toHaveProperty('fq');
  });
});

describe('package_search parameters', () => {
  it('defaults as CKAN does: 10 rows from 0, relevance then newest change', () => {
    expect(parsePackageSearch({})).toEqual({
      words: [],
      filters: [],
      sort: [
        { key: 'score', direction: 'desc' },
        { key: 'metadata_modified', direction: 'desc' },
      ],
      rows: 10,
      start: 0,
      facetFields: [],
      facetLimit: 50,
    });
  });

  it('takes numbers as strings (query string) or numbers (JSON body), and ignores include_private', () => {
    expect(parsePackageSearch({ rows: '100', start: 17000, include_private: 'false' })).toMatchObject({
      rows: 100,
      start: 17000,
    });
  });

  it('refuses rows above 1000, naming the field', () => {
    expect(fieldsOf(() => parsePackageSearch({ rows: '1001' }))['rows']?.[0]).toMatch(/1000/);
    expect(fieldsOf(() => parsePackageSearch({ start: '-1' }))).toHaveProperty('start');
  });

  it('reads q as words (quoted phrases whole), *:* as everything', () => {
    expect(parseQ('*:*')).toEqual([]);
    expect(parseQ(' 社保  "Population Data" ')).toEqual(['社保', 'population data']);
  });

  it('reads sort and facet.field as CKAN sends them', () => {
    expect(parseSort('metadata_modified asc, name desc')).toEqual([
      { key: 'metadata_modified', direction: 'asc' },
      { key: 'name', direction: 'desc' },
    ]);
    expect(fieldsOf(() => parseSort('views_recent desc'))).toHaveProperty('sort');
    expect(parseFacetFields('["organization","tags","tags"]')).toEqual(['organization', 'tags']);
    expect(parseFacetFields(['groups'])).toEqual(['groups']);
    expect(fieldsOf(() => parseFacetFields('organization'))).toHaveProperty(['facet.field']);
    expect(fieldsOf(() => parseFacetFields('["author"]'))).toHaveProperty(['facet.field']);
    expect(parsePackageSearch({ 'facet.limit': '-1' }).facetLimit).toBeNull();
  });
});

describe('package_search SQL', () => {
  it('keeps to the node’s open datasets and binds every value', () => {
    const sql = packageSearchSql('360000', parsePackageSearch({ q: "人口'; DROP", fq: 'tags:"a b" groups:health' }));
    expect(sql.where).toContain("status = 'open'");
    expect(sql.where).not.toContain('DROP');
    expect(sql.params).toEqual([
      '360000',
      "'人口' & '口''' & ''';' & 'dr' & 'ro' & 'op'",
      "%人口';%",
      '%drop%',
      'a b',
      'health',
    ]);
  });

  it('orders with the id last, so pages neither overlap nor skip', () => {
    expect(packageSearchSql('1', parsePackageSearch({})).order).toBe('metadata_modified DESC, id DESC');
    expect(packageSearchSql('1', parsePackageSearch({ sort: 'metadata_modified asc' })).order).toBe(
      'metadata_modified ASC, id ASC',
    );
    expect(packageSearchSql('1', parsePackageSearch({ sort: 'name asc' })).order).toBe('id ASC');
    // ckanext-harvest pages with sort=id asc.
    expect(packageSearchSql('1', parsePackageSearch({ sort: 'id asc' })).order).toBe('id ASC');
    expect(packageSearchSql('1', parsePackageSearch({ fq: '+dataset_type:dataset' })).where).toMatch(/ AND true$/);
  });

  it('finds an organization by id or by provider code, and escapes LIKE wildcards', () => {
    const byCode = packageSearchSql('1', parsePackageSearch({ fq: 'organization:11360000abc', q: '100%_' }));
    expect(byCode.where).toContain('provider_code = $4');
    expect(byCode.params).toEqual(['1', "'10' & '00' & '0%' & '%_'", '%100\\%\\_%', '11360000ABC']);
  });
});

describe('bigram query', () => {
  it('asks the index for every bigram of each word, one character as a prefix, as the catalog tokenises', () => {
    expect(bigramQuery([])).toBeNull();
    expect(bigramQuery(['社保'])).toBe("'社保'");
    expect(bigramQuery(['公积金', '南'])).toBe("'公积' & '积金' & '南':*");
    expect(bigramQuery(['a\\b'])).toBe("'a\\\\' & '\\\\b'");
  });
});

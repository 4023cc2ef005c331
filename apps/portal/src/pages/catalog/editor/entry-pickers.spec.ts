import { describe, expect, it } from 'vitest';
import type { Classification, InformationSystemSummary } from '@/api/types/catalog.js';
import { classificationSuggestions, systemOptions } from './entry-pickers.js';

const c = (
  code: string,
  parentCode: string | null,
  name: string,
  withdrawnAt: string | null = null,
): Classification => ({
  code,
  parentCode,
  level: code.length === 1 ? 1 : code.length === 3 ? 2 : code.length === 6 ? 3 : 4,
  name,
  nameEn: null,
  origin: 'national',
  inheritedFrom: null,
  withdrawnAt,
});

const TABLE = [
  c('1', null, '基础信息资源'),
  c('101', '1', '人口信息'),
  c('101002', '101', '户籍信息'),
  c('101001', '101', '人口基本信息'),
  c('101003', '101', '旧户籍目录', '2026-01-01T00:00:00Z'),
  c('2', null, '主题信息资源'),
  c('203', '2', '社会保障'),
  c('203001', '203', '社会保险'),
];

describe('entry editor pickers', () => {
  it('offers codes starting with what was typed, with their path, in code order', () => {
    expect(classificationSuggestions(TABLE, '1010')).toEqual([
      { value: '101001', label: '101001 基础信息资源 / 人口信息 / 人口基本信息', level: 3 },
      { value: '101002', label: '101002 基础信息资源 / 人口信息 / 户籍信息', level: 3 },
    ]);
  });

  it('finds codes by a word of their name, never a withdrawn one', () => {
    expect(classificationSuggestions(TABLE, '户籍').map((s) => s.value)).toEqual(['101002']);
    expect(classificationSuggestions(TABLE, '社会').map((s) => s.value)).toEqual(['203', '203001']);
  });

  it('offers the codes entries are filed under when nothing is typed', () => {
    expect(classificationSuggestions(TABLE, ' ').map((s) => s.value)).toEqual(['101001', '101002', '203001']);
    expect(classificationSuggestions(TABLE, '', 1)).toHaveLength(1);
  });

  it("offers the organisation's systems, keeping the one the entry names", () => {
    const s = (id: string, organisationId: string, name: string): InformationSystemSummary => ({
      id,
      organisationId,
      name,
      description: null,
      status: 'in-use',
    });
    const systems = [
      s('a', 'org-1', '人口库'),
      s('b', 'org-2', '社保系统'),
      s('c', 'org-1', '户籍系统'),
      s('d', 'org-3', '旧系统'),
    ];
    expect(systemOptions(systems, 'org-1', undefined).map((x) => x.id)).toEqual(['c', 'a']);
    expect(systemOptions(systems, 'org-1', 'd').map((x) => x.id)).toContain('d');
  });
});

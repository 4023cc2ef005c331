import { ApiError } from '@govdata/web-ui';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '@/api/types/catalog.js';
import { exportHref, importedEntries, looksLikeWorkbook, reportLines, reportOfRefusal } from './import-report.js';

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    importId: '8c0e8a1e-3c2b-4c8e-9a57-2f1b0e6a9d10',
    mode: 'per-row',
    dryRun: false,
    committed: true,
    total: 3,
    created: 1,
    updated: 0,
    unchanged: 0,
    failed: 2,
    message: '新增 1 条，2 行出错',
    rows: [
      {
        sheet: '信息资源目录',
        row: 2,
        serial: '1',
        outcome: 'created',
        entryCode: '360000-11360000014500002N/00001',
        entryId: 'b3c1',
        errors: [],
      },
      {
        sheet: '信息资源目录',
        row: 3,
        serial: '2',
        outcome: 'failed',
        errors: [
          {
            sheet: '信息资源目录',
            row: 3,
            column: '更新周期',
            field: 'content.updateCycle',
            rule: 'enum',
            message: '请选择',
          },
          {
            sheet: '信息项',
            row: 5,
            column: '数据长度',
            field: 'content.items.1.length',
            rule: 'max',
            message: '过长',
          },
        ],
      },
      {
        sheet: '信息项',
        row: 9,
        serial: '7',
        outcome: 'failed',
        errors: [{ sheet: '信息项', row: 9, column: null, field: null, rule: 'unknown-serial', message: '没有序号 7' }],
      },
    ],
    ...overrides,
  };
}

describe('Excel import report', () => {
  it('lists each problem with the sheet, row and column it names, and rows without one by their outcome', () => {
    const lines = reportLines(report(), false);
    expect(lines.map((l) => [l.sheet, l.row, l.column, l.outcome, l.rule])).toEqual([
      ['信息资源目录', 2, null, 'created', null],
      ['信息资源目录', 3, '更新周期', 'failed', 'enum'],
      ['信息项', 5, '数据长度', 'failed', 'max'],
      ['信息项', 9, null, 'failed', 'unknown-serial'],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });

  it('keeps only the problems when filtered to errors', () => {
    const lines = reportLines(report(), true);
    expect(lines.map((l) => l.message)).toEqual(['请选择', '过长', '没有序号 7']);
  });

  it('names the entries created or edited only when the import was committed', () => {
    expect(importedEntries(report())).toEqual([
      { id: 'b3c1', code: '360000-11360000014500002N/00001', outcome: 'created' },
    ]);
    expect(importedEntries(report({ committed: false }))).toEqual([]);
  });

  it('reads the report out of a refused all-or-nothing import, and nothing out of other problems', () => {
    const refused = new ApiError(422, 'catalog', { code: 'rule_violated', detail: '未导入', ...report() });
    expect(reportOfRefusal(refused)?.rows).toHaveLength(3);
    const badFile = new ApiError(400, 'catalog', {
      code: 'validation',
      errors: [{ path: 'file', message: '不是 .xlsx 文件' }],
    });
    expect(reportOfRefusal(badFile)).toBeNull();
    expect(reportOfRefusal(new ApiError(422, 'catalog', { code: 'rule_violated' }))).toBeNull();
  });

  it('builds export links for the API', () => {
    expect(exportHref({ format: 'xlsx' })).toBe('/api/v1/catalog/excel/export?format=xlsx');
    expect(exportHref({ format: 'xlsx', sheet: 'items', status: 'published' })).toBe(
      '/api/v1/catalog/excel/export?format=xlsx&status=published',
    );
    expect(exportHref({ format: 'csv', sheet: 'items' })).toBe('/api/v1/catalog/excel/export?format=csv&sheet=items');
  });

  it('takes .xlsx workbooks by name or type', () => {
    expect(looksLikeWorkbook({ name: '目录.XLSX', type: '' })).toBe(true);
    expect(looksLikeWorkbook({ name: '目录.xls', type: 'application/vnd.ms-excel' })).toBe(false);
  });
});

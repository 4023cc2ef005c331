import type { ApiError } from '@govdata/web-ui';
import type { ImportReport, ImportReportRow, ImportRowOutcome } from '@/api/types/catalog.js';

/** The catalog's Excel endpoints, reached by plain links (same origin, the session cookie goes along). */
export const EXCEL_TEMPLATE_PATH = '/api/v1/catalog/excel/template';
export const EXCEL_EXPORT_PATH = '/api/v1/catalog/excel/export';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const IMPORT_MODES = ['all-or-nothing', 'per-row'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * The report a refused import carries: an all-or-nothing import (or a dry run) with failed rows is
 * answered 422 with the whole report in the problem document. Any other problem has no report.
 */
export function reportOfRefusal(error: ApiError): ImportReport | null {
  const problem = error.problem;
  if (error.status !== 422 || !Array.isArray(problem['rows']) || typeof problem['importId'] !== 'string') return null;
  return problem as unknown as ImportReport;
}

/** One line of the report table: a problem in a cell (or a row), or the outcome of a row without one. */
export interface ReportLine {
  key: string;
  sheet: string;
  row: number;
  /** The column header the problem names; null for the row as a whole. */
  column: string | null;
  outcome: ImportRowOutcome;
  rule: string | null;
  message: string | null;
  entryCode: string | null;
}

/**
 * The report as table lines, in the order of the workbook: each problem of a row on its own line
 * (with the sheet and row the problem names — an entry's item problems sit on the 信息项 sheet),
 * rows without problems as one line with their outcome, left out when only errors are wanted.
 */
export function reportLines(report: ImportReport, onlyErrors: boolean): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const row of report.rows) {
    if (row.errors.length === 0) {
      if (!onlyErrors) lines.push(outcomeLine(row));
      continue;
    }
    row.errors.forEach((problem, n) => {
      lines.push({
        key: `${row.sheet}:${row.row}:${n}`,
        sheet: problem.sheet,
        row: problem.row,
        column: problem.column,
        outcome: row.outcome,
        rule: problem.rule,
        message: problem.message,
        entryCode: row.entryCode ?? null,
      });
    });
  }
  return lines;
}

function outcomeLine(row: ImportReportRow): ReportLine {
  return {
    key: `${row.sheet}:${row.row}`,
    sheet: row.sheet,
    row: row.row,
    column: null,
    outcome: row.outcome,
    rule: null,
    message: null,
    entryCode: row.entryCode ?? null,
  };
}

/** The entries the import put in the catalog (created or edited drafts); none when nothing was committed. */
export function importedEntries(
  report: ImportReport,
): Array<{ id: string; code: string; outcome: 'created' | 'updated' }> {
  if (!report.committed) return [];
  const entries: Array<{ id: string; code: string; outcome: 'created' | 'updated' }> = [];
  for (const row of report.rows) {
    if ((row.outcome === 'created' || row.outcome === 'updated') && row.entryId && row.entryCode) {
      entries.push({ id: row.entryId, code: row.entryCode, outcome: row.outcome });
    }
  }
  return entries;
}

/** The export link: xlsx (re-importable) or CSV of one sheet, of the entries in a status or all. */
export function exportHref(options: { format: 'xlsx' | 'csv'; sheet?: 'entries' | 'items'; status?: string }): string {
  const query = new URLSearchParams({ format: options.format });
  if (options.format === 'csv' && options.sheet) query.set('sheet', options.sheet);
  if (options.status) query.set('status', options.status);
  return `${EXCEL_EXPORT_PATH}?${query.toString()}`;
}

/** Only .xlsx workbooks are imported; the API refuses anything else, this only spares the upload. */
export function looksLikeWorkbook(file: Pick<File, 'name' | 'type'>): boolean {
  return file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name);
}

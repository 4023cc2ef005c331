import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { ENTRY_COLUMNS, ITEM_COLUMNS, type ColumnSpec } from './excel-columns.js';
import type { CellValue, RowProblem } from './excel-row-mapping.js';
import type { UploadedSheet, UploadedWorkbook } from './excel-workbook-reader.js';
import {
  addCodeTableSheet,
  addInstructionsSheet,
  addValidations,
  CELL_COLOURS,
  codeTableRange,
  styleHeader,
  type ClassificationOption,
} from './excel-workbook-writer.js';

/** all-or-nothing (全部成功才导入) or per-row (逐行导入); the caller must choose. */
export const IMPORT_MODES = ['all-or-nothing', 'per-row'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * What became of one row: `not-committed` is a good row of an all-or-nothing import that another
 * row's failure (or a dry run) kept out.
 */
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'failed' | 'not-committed';

export interface ReportRow {
  sheet: string;
  row: number;
  /** 序号 of the entry (资源序号 for an item row that names no entry). */
  serial: string;
  outcome: RowOutcome;
  /** 信息资源代码 of the entry created or edited. */
  entryCode?: string;
  entryId?: string;
  /** Each problem names its own sheet and row: an entry's item problems sit on the 信息项 sheet. */
  errors: RowProblem[];
}

export interface ImportReport {
  importId: string;
  mode: ImportMode;
  dryRun: boolean;
  /** True when what the report calls created/updated is in the catalog. */
  committed: boolean;
  /** Entry rows, plus item rows that name no entry. */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  message: string;
  rows: ReportRow[];
}

const RESULT_HEADER = '导入结果';
const OUTCOME_TEXT: Record<RowOutcome, string> = {
  created: '✔ 已新增（草稿）',
  updated: '✔ 已修改（草稿）',
  unchanged: '— 内容未变，未修改',
  failed: '✘ 未导入',
  'not-committed': '未导入：本批次未提交',
};

/**
 * The uploaded workbook given back with the outcome of every row: a 导入结果 column, the cells in
 * error filled red with the reasons as comments, the codes of created entries filled in — so staff
 * fix the file in Excel and import it again. Cell values and positions are the uploaded ones (row
 * numbers in the report match); the instructions and the code table are the current ones.
 */
export async function writeImportReportWorkbook(
  output: Writable,
  upload: UploadedWorkbook,
  report: ImportReport,
  classifications: ClassificationOption[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'govdata';
  addSummarySheet(workbook, report);
  const codeRange = codeTableRange(classifications);

  const bySheetRow = new Map<string, RowProblem[]>();
  for (const row of report.rows) {
    for (const error of row.errors) {
      const key = `${error.sheet}\u0000${error.row}`;
      bySheetRow.set(key, [...(bySheetRow.get(key) ?? []), error]);
    }
  }
  const entryOutcome = new Map(report.rows.filter((r) => r.sheet === upload.entries.name).map((r) => [r.row, r]));

  writeAnnotatedSheet(workbook, upload.entries, ENTRY_COLUMNS, codeRange, bySheetRow, (row) => {
    const outcome = entryOutcome.get(row);
    return outcome
      ? { text: OUTCOME_TEXT[outcome.outcome], code: outcome.entryCode, outcome: outcome.outcome }
      : undefined;
  });
  writeAnnotatedSheet(workbook, upload.items, ITEM_COLUMNS, codeRange, bySheetRow, () => undefined);
  addInstructionsSheet(workbook);
  addCodeTableSheet(workbook, classifications);
  await workbook.commit();
}

function addSummarySheet(workbook: ExcelJS.Workbook, report: ImportReport): void {
  const sheet = workbook.addWorksheet('导入报告');
  sheet.columns = [{ width: 16 }, { width: 80, style: { alignment: { wrapText: true } } }];
  const lines: Array<[string, string | number]> = [
    ['结果', report.message],
    ['导入方式', report.mode === 'all-or-nothing' ? '全部成功才导入 (all-or-nothing)' : '逐行导入 (per-row)'],
    ['已提交', report.committed ? '是' : '否'],
    ['行数', report.total],
    ['新增', report.created],
    ['修改', report.updated],
    ['未变', report.unchanged],
    ['出错', report.failed],
    ['导入编号', report.importId],
  ];
  for (const [label, value] of lines) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  sheet.commit();
}

function writeAnnotatedSheet(
  workbook: ExcelJS.Workbook,
  upload: UploadedSheet<string>,
  columns: readonly ColumnSpec[],
  codeRange: string,
  problems: Map<string, RowProblem[]>,
  outcomeOf: (row: number) => { text: string; code?: string; outcome: RowOutcome } | undefined,
): void {
  const sheet = workbook.addWorksheet(upload.name, { views: [{ state: 'frozen', ySplit: upload.headerRow }] });
  const header = upload.raw.find((r) => r.row === upload.headerRow)!.values;
  const existing = header.findIndex((v) => v === RESULT_HEADER);
  // Right of anything the user wrote, unless an earlier report's column is there to reuse.
  const resultCol = existing > 0 ? existing : upload.raw.reduce((max, r) => Math.max(max, r.values.length), 1);
  const columnOf = new Map<string, number>();
  for (const [key, col] of upload.columns) columnOf.set(columns.find((c) => c.key === key)!.header, col);
  const specAt = new Map<number, ColumnSpec>();
  for (const [key, col] of upload.columns)
    specAt.set(
      col,
      columns.find((c) => c.key === key)!,
    );
  sheet.columns = Array.from({ length: resultCol }, (_, i) => ({
    width: i + 1 === resultCol ? 48 : (specAt.get(i + 1)?.width ?? 14),
    style: i + 1 === resultCol ? { alignment: { wrapText: true, vertical: 'top' } } : {},
  }));
  const codeCol = upload.columns.get('code');

  for (const { row: number, values } of upload.raw) {
    const row = sheet.getRow(number);
    values.forEach((value, col) => {
      if (col !== resultCol) row.getCell(col).value = excelValue(value);
    });
    if (number === upload.headerRow) {
      row.getCell(resultCol).value = RESULT_HEADER;
      styleHeader(
        row,
        Array.from({ length: resultCol }, (_, i) => specAt.get(i + 1)),
      );
      row.commit();
      continue;
    }
    if (number < upload.headerRow) {
      row.commit();
      continue;
    }
    const rowProblems = problems.get(`${upload.name}\u0000${number}`) ?? [];
    const outcome = outcomeOf(number);
    const lines: string[] = [];
    if (outcome && (outcome.outcome !== 'failed' || rowProblems.length === 0)) lines.push(outcome.text);
    if (outcome?.code && codeCol !== undefined) row.getCell(codeCol).value = outcome.code;
    if (outcome && (outcome.outcome === 'created' || outcome.outcome === 'updated') && codeCol !== undefined) {
      row.getCell(codeCol).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: CELL_COLOURS.created } };
    }
    const byColumn = new Map<number, string[]>();
    for (const p of rowProblems) {
      lines.push(`✘ ${p.column ? `【${p.column}】` : ''}${p.message}`);
      const col = p.column ? columnOf.get(p.column) : undefined;
      if (col !== undefined) byColumn.set(col, [...(byColumn.get(col) ?? []), p.message]);
    }
    for (const [col, messages] of byColumn) {
      const cell = row.getCell(col);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: CELL_COLOURS.error } };
      cell.note = messages.join('\n');
    }
    if (lines.length) {
      const cell = row.getCell(resultCol);
      cell.value = lines.join('\n');
      if (rowProblems.length) cell.font = { color: { argb: CELL_COLOURS.required } };
    }
    row.commit();
  }
  addValidations(sheet, columns, codeRange, upload.headerRow + 1, upload.columns);
  sheet.commit();
}

function excelValue(value: CellValue): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (typeof value === 'object' && !(value instanceof Date)) return { error: value.error } as ExcelJS.CellErrorValue;
  return value;
}

import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { ENTRY_LABELS } from '../entries/entry-labels.js';
import {
  CODE_TABLE_SHEET,
  ENTRY_COLUMNS,
  ENTRY_SHEET,
  EXAMPLE_SERIAL,
  INSTRUCTIONS_SHEET,
  ITEM_COLUMNS,
  ITEM_SHEET,
  MAX_ENTRY_ROWS,
  VALIDATED_ROWS,
  type ColumnSpec,
} from './excel-columns.js';
import type { EntryRowValues, ItemRowValues } from './excel-row-mapping.js';

/** A row of the node's classification code table (目录分类). */
export interface ClassificationOption {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** What goes into a catalog workbook: the template is the same workbook without data rows. */
export interface CatalogWorkbookContent {
  classifications: ClassificationOption[];
  /** The template shows one example entry with its items (序号「示例」, never imported). */
  example?: boolean;
  entries?: AsyncIterable<EntryRowValues>;
  /** Read after every entry row is written, so both sheets stream one after the other. */
  items?: () => AsyncIterable<ItemRowValues>;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const COLOURS = {
  header: 'FFDDEBF7',
  platformHeader: 'FFE7E6E6',
  platformCell: 'FFF2F2F2',
  required: 'FFC00000',
  example: 'FF808080',
  error: 'FFFFC7CE',
  created: 'FFC6EFCE',
};

/** Data-validation rule as ExcelJS writes it (`any` carries only the input prompt). */
interface SheetValidation {
  type: 'list' | 'whole' | 'any';
  formulae?: unknown[];
  allowBlank?: boolean;
  operator?: 'between';
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: boolean;
  errorStyle?: 'stop' | 'warning' | 'information';
  errorTitle?: string;
  error?: string;
}

interface ValidatedSheet {
  dataValidations: { add(range: string, validation: SheetValidation): void };
}

/**
 * Writes the catalog workbook to a stream with ExcelJS's streaming writer (rows leave as they are
 * written: an export of tens of thousands of entries does not sit in memory): 信息资源目录 and
 * 信息项 with their drop-downs, prompts and frozen header, then 填写说明 and 分类代码表.
 */
export async function writeCatalogWorkbook(output: Writable, content: CatalogWorkbookContent): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'govdata';
  workbook.created = new Date();
  const codeRange = codeTableRange(content.classifications);

  const entrySheet = addDataSheet(workbook, ENTRY_SHEET, ENTRY_COLUMNS, 3, codeRange);
  if (content.example) writeRow(entrySheet, ENTRY_COLUMNS, exampleValues(ENTRY_COLUMNS), 'example');
  for await (const values of content.entries ?? []) writeRow(entrySheet, ENTRY_COLUMNS, values);
  entrySheet.commit();

  const itemSheet = addDataSheet(workbook, ITEM_SHEET, ITEM_COLUMNS, 3, codeRange);
  if (content.example) {
    writeRow(itemSheet, ITEM_COLUMNS, exampleValues(ITEM_COLUMNS), 'example');
    writeRow(
      itemSheet,
      ITEM_COLUMNS,
      { ...exampleValues(ITEM_COLUMNS), name: '姓名', length: 50, dataElement: undefined, description: undefined },
      'example',
    );
  }
  for await (const values of content.items?.() ?? []) writeRow(itemSheet, ITEM_COLUMNS, values);
  itemSheet.commit();

  addInstructionsSheet(workbook);
  addCodeTableSheet(workbook, content.classifications);
  await workbook.commit();
}

/** A data sheet: widths, column formats, the styled and frozen header row, drop-downs and prompts. */
export function addDataSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly ColumnSpec[],
  frozenColumns: number,
  codeRange: string,
  positions?: Map<string, number>,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: positions ? 0 : frozenColumns, ySplit: 1 }],
  });
  if (!positions) {
    sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, style: columnStyle(c) }));
    const header = sheet.addRow(columns.map((c) => c.header));
    styleHeader(header, columns);
    header.commit();
  }
  addValidations(sheet, columns, codeRange, 2, positions);
  return sheet;
}

function columnStyle(column: ColumnSpec): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  // Codes stay text: 360000 must not become a number, DE00001 keeps its zeros.
  if (['classification', 'text', 'list', 'entry-code', 'serial'].includes(column.kind)) style.numFmt = '@';
  if (column.kind === 'platform') {
    style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.platformCell } };
  }
  if (column.width >= 24) style.alignment = { vertical: 'top', wrapText: true };
  return style;
}

export function styleHeader(header: ExcelJS.Row, columns: readonly (ColumnSpec | undefined)[]): void {
  header.height = 30;
  header.eachCell((cell, col) => {
    const column = columns[col - 1];
    cell.font = { bold: true, color: { argb: column?.required ? COLOURS.required : 'FF000000' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: column?.kind === 'platform' ? COLOURS.platformHeader : COLOURS.header },
    };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/** Drop-downs for enumerated columns (Chinese labels), whole numbers for lengths, prompts everywhere. */
export function addValidations(
  sheet: ExcelJS.Worksheet,
  columns: readonly ColumnSpec[],
  codeRange: string,
  firstRow: number,
  positions?: Map<string, number>,
): void {
  const target = sheet as unknown as ValidatedSheet;
  columns.forEach((column, i) => {
    const col = positions ? positions.get(column.key) : i + 1;
    if (col === undefined) return;
    const letter = columnLetter(col);
    const prompt = {
      showInputMessage: true,
      promptTitle: column.header.slice(0, 32),
      prompt: `${column.required ? '【必填】' : ''}${column.hint}`.slice(0, 255),
    };
    target.dataValidations.add(
      `${letter}${firstRow}:${letter}${VALIDATED_ROWS}`,
      validationFor(column, codeRange, prompt),
    );
  });
}

function validationFor(
  column: ColumnSpec,
  codeRange: string,
  prompt: Pick<SheetValidation, 'showInputMessage' | 'promptTitle' | 'prompt'>,
): SheetValidation {
  const refuse = (error: string, errorStyle: SheetValidation['errorStyle'] = 'stop') => ({
    showErrorMessage: true,
    errorStyle,
    errorTitle: `「${column.header}」取值无效`.slice(0, 32),
    error,
  });
  const labels = column.labels ? Object.values(column.labels).map((l) => l.zh) : [];
  switch (column.kind) {
    case 'enum':
    case 'grade-level':
    case 'boolean':
      return {
        type: 'list',
        allowBlank: true,
        formulae: [`"${labels.join(',')}"`],
        ...prompt,
        ...refuse(`请从下拉列表中选择：${labels.join('、')}`),
      };
    case 'enum-list':
      // Several values joined by 、 are not in the list, so the list only suggests.
      return {
        type: 'list',
        allowBlank: true,
        formulae: [`"${labels.join(',')}"`],
        ...prompt,
        showErrorMessage: false,
      };
    case 'classification':
      return {
        type: 'list',
        allowBlank: true,
        formulae: [codeRange],
        ...prompt,
        ...refuse(`不在「${CODE_TABLE_SHEET}」中；也可直接填写分类代码，如 101001。是否保留？`, 'warning'),
      };
    case 'integer':
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [1, 100_000],
        ...prompt,
        ...refuse('请填写 1–100000 的整数'),
      };
    default:
      return { type: 'any', ...prompt };
  }
}

export function writeRow(
  sheet: ExcelJS.Worksheet,
  columns: readonly ColumnSpec[],
  values: Record<string, string | number | undefined>,
  look?: 'example',
): void {
  const row = sheet.addRow(columns.map((c) => values[c.key] ?? null));
  if (look === 'example') {
    row.eachCell((cell) => {
      cell.font = { italic: true, color: { argb: COLOURS.example } };
    });
  }
  row.commit();
}

function exampleValues(columns: readonly ColumnSpec[]): Record<string, string | number | undefined> {
  return Object.fromEntries(columns.map((c) => [c.key, c.example === '' ? undefined : c.example]));
}

/** The drop-down source for 信息资源分类: the 下拉选项 column of 分类代码表. */
export function codeTableRange(classifications: ClassificationOption[]): string {
  const usable = classifications.filter((c) => c.level >= 2).length;
  return `'${CODE_TABLE_SHEET}'!$F$2:$F$${Math.max(usable + 1, 2)}`;
}

export function addCodeTableSheet(workbook: ExcelJS.Workbook, classifications: ClassificationOption[]): void {
  const sheet = workbook.addWorksheet(CODE_TABLE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { key: 'code', width: 12, style: { numFmt: '@' } },
    { key: 'name', width: 24 },
    { key: 'level', width: 8 },
    { key: 'parent', width: 10, style: { numFmt: '@' } },
    { key: 'attribute', width: 16 },
    { key: 'option', width: 30 },
  ];
  const header = sheet.addRow(['分类代码', '分类名称', '层级', '上级代码', '资源属性', '下拉选项']);
  styleHeader(header, []);
  header.commit();
  const byCode = new Map(classifications.map((c) => [c.code, c]));
  const levelName = ['', '类', '项', '目', '细目'];
  // 类 alone is not a usable classification (a code is 类 + 项 at least), so only 项 and below.
  for (const c of classifications.filter((x) => x.level >= 2).sort((a, b) => a.code.localeCompare(b.code))) {
    const attribute = byCode.get(c.code.slice(0, 1))?.name ?? '';
    sheet
      .addRow([c.code, c.name, levelName[c.level] ?? '', c.parentCode ?? '', attribute, `${c.code} ${c.name}`])
      .commit();
  }
  sheet.commit();
}

/** 填写说明 — how to fill the workbook in, and every column with its rule and allowed values. */
export function addInstructionsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [
    { key: 'sheet', width: 14 },
    { key: 'column', width: 16 },
    { key: 'required', width: 7 },
    { key: 'hint', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { key: 'values', width: 40, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { key: 'example', width: 26, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const title = sheet.addRow(['政务数据目录导入模板 — 填写说明']);
  title.font = { bold: true, size: 14 };
  title.commit();
  const steps = [
    `1. 在「${ENTRY_SHEET}」表每行填写一条信息资源；「序号」在本表内唯一（1、2、3 …）。`,
    `2. 在「${ITEM_SHEET}」表每行填写一个信息项（字段），「资源序号」填它所属信息资源的序号；每条信息资源至少一个信息项，同一资源的信息项名称不得重复。`,
    '3. 红色表头为必填列；带下拉箭头的列请从列表中选择（也接受英文取值）；灰色列由平台填写，无需填写。列的顺序可以调整，但请勿修改表头文字。',
    `4. 序号为「${EXAMPLE_SERIAL}」的行是填写示例，导入时跳过，可以删除。`,
    '5. 导入时须选择方式：「全部成功才导入」(all-or-nothing) — 任一行有错则整个文件都不导入；「逐行导入」(per-row) — 正确的行导入为草稿，有错的行列在报告中。',
    '6. 导入报告可下载为 Excel：出错的单元格标红并附批注，「导入结果」列说明每行的结果；改正后可再次导入（已导入成功的行会填上信息资源代码）。',
    '7. 「信息资源代码」已填写的行修改该条目（仅限草稿或已退回状态；内容未变则跳过），未填写的行新增条目。导出的文件与本模板格式相同，可修改后重新导入。',
    `8. 每个文件最多 ${MAX_ENTRY_ROWS} 条信息资源，更多请分成多个文件导入。导入的条目为草稿，需提交审核后才能发布。`,
  ];
  for (const step of steps) {
    const row = sheet.addRow([step]);
    sheet.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 32;
    row.commit();
  }
  sheet.addRow([]).commit();
  const header = sheet.addRow(['工作表', '列名', '必填', '填写说明', '可选值', '示例']);
  styleHeader(header, []);
  header.commit();
  const describe = (sheetName: string, columns: readonly ColumnSpec[]) => {
    for (const c of columns) {
      const values = c.labels
        ? Object.values(c.labels)
            .map((l) => `${l.zh}（${l.en}）`)
            .join('、')
        : c.kind === 'classification'
          ? `见「${CODE_TABLE_SHEET}」`
          : '';
      const required = c.kind === 'platform' || c.kind === 'entry-code' ? '平台' : c.required ? '是' : '否';
      sheet.addRow([sheetName, c.header, required, c.hint, values, c.example === '' ? '' : String(c.example)]).commit();
    }
  };
  describe(ENTRY_SHEET, ENTRY_COLUMNS);
  describe(ITEM_SHEET, ITEM_COLUMNS);
  sheet.addRow([]).commit();
  sheet
    .addRow([
      '状态',
      '',
      '',
      `导出文件「状态」列：${Object.values(ENTRY_LABELS.status)
        .map((l) => l.zh)
        .join('、')}`,
    ])
    .commit();
  sheet.commit();
}

export function columnLetter(col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export const CELL_COLOURS = COLOURS;

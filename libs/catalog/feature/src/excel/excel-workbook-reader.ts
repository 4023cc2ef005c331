import { GovdataError } from '@govdata/platform-errors';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import {
  CODE_TABLE_SHEET,
  columnForHeader,
  ENTRY_COLUMNS,
  ENTRY_SHEET,
  INSTRUCTIONS_SHEET,
  isSheet,
  ITEM_COLUMNS,
  ITEM_SHEET,
  MAX_ENTRY_ROWS,
  MAX_ITEM_ROWS,
  type ColumnSpec,
  type EntryColumnKey,
  type ItemColumnKey,
} from './excel-columns.js';
import { isBlankRow, isExampleSerial, normaliseSerial, type CellValue, type SheetRow } from './excel-row-mapping.js';
import { ExcelUploadProblem } from './excel.exception.js';

/** Rows searched for the header row: staff often put a title line or two above it. */
const HEADER_SEARCH_ROWS = 10;
/** Columns read per row; anything further right is not ours. */
const MAX_COLUMNS = 200;

/** One data sheet as uploaded: every cell kept (for the annotated report), the data rows mapped. */
export interface UploadedSheet<K extends string> {
  name: string;
  headerRow: number;
  /** 1-based column of each known column. */
  columns: Map<K, number>;
  /** Every non-empty row of the sheet, cells by 1-based column (index 0 unused). */
  raw: Array<{ row: number; values: CellValue[] }>;
  /** Rows below the header that hold data (blank and example rows left out). */
  data: SheetRow<K>[];
}

export interface UploadedWorkbook {
  entries: UploadedSheet<EntryColumnKey>;
  items: UploadedSheet<ItemColumnKey>;
}

/**
 * Reads an uploaded catalog workbook with ExcelJS's streaming reader: it never expands data
 * validations or styles (a sheet validated "A:A" would otherwise become a million objects), and the
 * row limits stop a huge file early. Whatever is wrong with the file as a whole is a 400 naming it.
 */
export async function readCatalogWorkbook(file: Buffer): Promise<UploadedWorkbook> {
  assertXlsx(file);
  const read: Array<{ name: string; sheetNo: string | null; raw: Array<{ row: number; values: ReadCell[] }> }> = [];
  let reader: StreamingReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as StreamingReader;
    // ExcelJS reads a sheet as soon as the shared strings and relationships are in, even when
    // workbook.xml comes later in the archive (the order varies by writer), and then fails on the
    // missing model. With an empty model such a sheet is read under its file number and named below.
    reader.model = { sheets: [] };
    for await (const worksheet of reader as unknown as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader>) {
      const sheet = worksheet as unknown as { name: string; id: string | number };
      const named = reader.model.sheets.length > 0;
      const raw: Array<{ row: number; values: ReadCell[] }> = [];
      const keep = !named || !(isSheet(sheet.name, INSTRUCTIONS_SHEET) || isSheet(sheet.name, CODE_TABLE_SHEET));
      for await (const row of worksheet) {
        if (!keep) continue;
        const values = rowValues(row.values as unknown[]);
        if (values.some((v) => v !== undefined)) raw.push({ row: row.number, values });
        if (raw.length > MAX_ITEM_ROWS + HEADER_SEARCH_ROWS) {
          throw tooManyRows(sheet.name, MAX_ITEM_ROWS);
        }
      }
      if (keep) read.push({ name: sheet.name, sheetNo: named ? null : String(sheet.id), raw });
    }
  } catch (error) {
    if (error instanceof GovdataError) throw error;
    throw unreadable(error);
  }
  // The streaming reader may end before it has parsed workbook.xml (it comes last in many
  // archives): then the names are read from that entry alone.
  const unnamed = read.some((s) => s.sheetNo !== null && sheetName(reader, s.sheetNo) === undefined);
  const archived = unnamed ? await sheetNamesInArchive(file) : new Map<string, string>();
  // Likewise a sheet read before the shared strings holds references to them: resolved from the archive.
  const referenced = read.some((s) => s.raw.some((r) => r.values.some(isSharedStringRef)));
  const strings = referenced ? await sharedStringsInArchive(file) : [];
  const sheets = read
    .map((s) => ({
      name: s.sheetNo === null ? s.name : (sheetName(reader, s.sheetNo) ?? archived.get(s.sheetNo) ?? s.name),
      raw: s.raw.map((r) => ({ row: r.row, values: r.values.map((v) => resolveSharedString(v, strings)) })),
    }))
    .filter((s) => !(isSheet(s.name, INSTRUCTIONS_SHEET) || isSheet(s.name, CODE_TABLE_SHEET)));
  if (sheets.length === 0) throw unreadable(new Error('no worksheet'));

  const entries = pickSheet(sheets, ENTRY_SHEET, ENTRY_COLUMNS, 'serial');
  const items = pickSheet(sheets, ITEM_SHEET, ITEM_COLUMNS, 'entrySerial');
  const entrySheet = toUploadedSheet(entries.sheet, entries.headerRow, ENTRY_COLUMNS, 'serial');
  const itemSheet = toUploadedSheet(items.sheet, items.headerRow, ITEM_COLUMNS, 'entrySerial');
  if (entrySheet.data.length === 0) {
    throw fileProblem(
      ExcelUploadProblem.EmptySheet,
      `「${entrySheet.name}」表没有可导入的数据行（序号为「示例」的行不导入） (the sheet has no data rows)`,
    );
  }
  if (entrySheet.data.length > MAX_ENTRY_ROWS) throw tooManyRows(entrySheet.name, MAX_ENTRY_ROWS);
  if (itemSheet.data.length > MAX_ITEM_ROWS) throw tooManyRows(itemSheet.name, MAX_ITEM_ROWS);
  return { entries: entrySheet, items: itemSheet };
}

/** The parts of ExcelJS's streaming reader used here (not in its type declarations). */
interface StreamingReader {
  model: { sheets: Array<{ id: number; name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
}

/** The name of the sheet stored as `xl/worksheets/sheet<n>.xml`, from the workbook's relationships. */
function sheetName(reader: StreamingReader, sheetNo: string): string | undefined {
  const rel = reader.workbookRels?.find(
    (r) => r.Target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${sheetNo}.xml`,
  );
  return rel ? reader.model.sheets.find((s) => s.rId === rel.Id)?.name : undefined;
}

/**
 * Sheet names by file number (`xl/worksheets/sheet<n>.xml`), from `xl/workbook.xml` and its
 * relationships: the two small entries are inflated, nothing else.
 */
export async function sheetNamesInArchive(file: Buffer): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    const zip = await JSZip.loadAsync(file);
    const workbook = await zip.file('xl/workbook.xml')?.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
    if (!workbook || !rels) return names;
    const targets = new Map<string, string>();
    for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
      const id = attribute(tag, 'Id');
      const sheetNo = /worksheets\/sheet(\d+)\.xml$/.exec(attribute(tag, 'Target') ?? '')?.[1];
      if (id && sheetNo) targets.set(id, sheetNo);
    }
    for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
      const sheetNo = targets.get(attribute(tag, 'r:id') ?? '');
      const name = attribute(tag, 'name');
      if (sheetNo && name !== undefined) names.set(sheetNo, name);
    }
  } catch {
    // An archive the streaming reader could read but this cannot: the sheets keep their file names.
  }
  return names;
}

/**
 * The workbook's shared strings from `xl/sharedStrings.xml`: each `<si>`'s text runs joined (rich
 * text included), its phonetic runs (`<rPh>`) left out.
 */
export async function sharedStringsInArchive(file: Buffer): Promise<string[]> {
  try {
    const xml = await (await JSZip.loadAsync(file)).file('xl/sharedStrings.xml')?.async('string');
    if (!xml) return [];
    return (xml.match(/<si\b[^>]*>[\s\S]*?<\/si>|<si\b[^>]*\/>/g) ?? []).map((si) =>
      (si.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').match(/<t\b[^>]*>[\s\S]*?<\/t>/g) ?? [])
        .map((t) => decodeXml(t.replace(/^<t\b[^>]*>/, '').replace(/<\/t>$/, '')))
        .join(''),
    );
  } catch {
    return [];
  }
}

/** An XML attribute's value, its five predefined entities and character references decoded. */
function attribute(tag: string, name: string): string | undefined {
  const raw = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];
  return raw === undefined ? undefined : decodeXml(raw);
}

/** Text with XML's five predefined entities and character references decoded. */
function decodeXml(raw: string): string {
  return raw
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A .xlsx file is a zip archive; say plainly when it is something else (an old .xls, a CSV). */
function assertXlsx(file: Buffer): void {
  if (file.length === 0) throw fileProblem(ExcelUploadProblem.Required, '请上传 .xlsx 文件 (the request has no file)');
  if (file.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw fileProblem(
      ExcelUploadProblem.Xlsx,
      '这是旧版 .xls 文件，请在 Excel 中「另存为」Excel 工作簿 (.xlsx) 后再导入 (an .xls file; save it as .xlsx)',
    );
  }
  if (!file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw fileProblem(ExcelUploadProblem.Xlsx, '文件不是 Excel 工作簿 (.xlsx) (the file is not an .xlsx workbook)');
  }
}

/** A cell value the way the mapping reads it: formulas by their cached result, rich text as text. */
/** A cell as read: its value, or a reference to a shared string not loaded when its sheet was read. */
type ReadCell = CellValue | SharedStringRef;
interface SharedStringRef {
  sharedString: number;
}

function isSharedStringRef(value: ReadCell): value is SharedStringRef {
  return typeof value === 'object' && value !== null && 'sharedString' in value;
}

function resolveSharedString(value: ReadCell, strings: readonly string[]): CellValue {
  if (!isSharedStringRef(value)) return value;
  const text = strings[value.sharedString];
  return text === undefined || text.trim() === '' ? undefined : text;
}

function cellValue(value: unknown): ReadCell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v['richText'])) return (v['richText'] as Array<{ text: string }>).map((t) => t.text).join('');
    if (typeof v['sharedString'] === 'number') return { sharedString: v['sharedString'] };
    if ('error' in v) return { error: String(v['error']) };
    if ('result' in v) return cellValue(v['result']);
    if ('formula' in v || 'sharedFormula' in v) return undefined;
    if (typeof v['text'] === 'string') return v['text'];
  }
  return String(value);
}

function rowValues(values: unknown[]): ReadCell[] {
  const out: ReadCell[] = [];
  const last = Math.min(values.length - 1, MAX_COLUMNS);
  for (let c = 1; c <= last; c++) {
    const v = cellValue(values[c]);
    out[c] = typeof v === 'string' && v.trim() === '' ? undefined : v;
  }
  return out;
}

interface Candidate {
  sheet: { name: string; raw: Array<{ row: number; values: CellValue[] }> };
  headerRow: number;
  /** Columns the best header row names. */
  matched: number;
}

/** The header row of a sheet for a column set: the first of the top rows naming its key column. */
function headerOf(
  sheet: Candidate['sheet'],
  columns: readonly ColumnSpec[],
  keyColumn: string,
): { headerRow: number; matched: number; hasKey: boolean } {
  let best = { headerRow: 0, matched: 0, hasKey: false };
  for (const { row, values } of sheet.raw.slice(0, HEADER_SEARCH_ROWS)) {
    const keys = new Set(
      values.map((v) => (typeof v === 'string' ? columnForHeader(columns, v)?.key : undefined)).filter(Boolean),
    );
    const hasKey = keys.has(keyColumn);
    if (hasKey && keys.size >= 2) return { headerRow: row, matched: keys.size, hasKey };
    if (keys.size > best.matched) best = { headerRow: row, matched: keys.size, hasKey };
  }
  return best;
}

/** The sheet by its name, else the one sheet whose headers are these columns. */
function pickSheet(
  sheets: Candidate['sheet'][],
  wanted: string,
  columns: readonly ColumnSpec[],
  keyColumn: string,
): Candidate {
  const keyHeader = columns.find((c) => c.key === keyColumn)!.header;
  const named = sheets.find((s) => isSheet(s.name, wanted));
  if (named) {
    const header = headerOf(named, columns, keyColumn);
    if (!header.hasKey) {
      throw fileProblem(
        ExcelUploadProblem.HeaderRow,
        `「${wanted}」表前 ${HEADER_SEARCH_ROWS} 行中找不到含「${keyHeader}」的表头行 (no header row with ${keyHeader})`,
        [missingColumnsOf(named, header.headerRow, columns)].flat(),
      );
    }
    return { sheet: named, headerRow: header.headerRow, matched: header.matched };
  }
  const found = sheets
    .map((sheet) => ({ sheet, ...headerOf(sheet, columns, keyColumn) }))
    .filter((c) => c.hasKey && c.matched >= 2);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) {
    throw fileProblem(
      ExcelUploadProblem.Sheet,
      `有多个工作表像「${wanted}」表：${found.map((f) => f.sheet.name).join('、')}；请保留一个或将其命名为「${wanted}」 (several sheets look like ${wanted})`,
    );
  }
  throw fileProblem(
    ExcelUploadProblem.Sheet,
    `工作簿中没有「${wanted}」表（现有：${sheets.map((s) => s.name).join('、')}）；请使用导入模板 (the workbook has no ${wanted} sheet)`,
  );
}

function missingColumnsOf(
  sheet: Candidate['sheet'],
  headerRow: number,
  columns: readonly ColumnSpec[],
): Array<{ path: string; rule: string; message: string }> {
  const present = new Set(
    (sheet.raw.find((r) => r.row === headerRow)?.values ?? []).map((v) =>
      typeof v === 'string' ? columnForHeader(columns, v)?.key : undefined,
    ),
  );
  return columns
    .filter((c) => c.required && !present.has(c.key))
    .map((c) => ({
      path: `file.${sheet.name}.${c.header}`,
      rule: ExcelUploadProblem.RequiredColumn,
      message: `「${sheet.name}」表缺少必填列「${c.header}」 (missing required column ${c.headerEn})`,
    }));
}

function toUploadedSheet<K extends string>(
  sheet: Candidate['sheet'],
  headerRow: number,
  columns: readonly ColumnSpec<K>[],
  serialKey: K,
): UploadedSheet<K> {
  const headerValues = sheet.raw.find((r) => r.row === headerRow)!.values;
  const positions = new Map<K, number>();
  const duplicates: Array<{ path: string; rule: string; message: string }> = [];
  headerValues.forEach((value, col) => {
    if (typeof value !== 'string') return;
    const column = columnForHeader(columns, value);
    if (!column) return;
    if (positions.has(column.key)) {
      duplicates.push({
        path: `file.${sheet.name}.${column.header}`,
        rule: ExcelUploadProblem.DuplicateColumn,
        message: `「${sheet.name}」表有两列都是「${column.header}」，请删除一列 (the column appears twice)`,
      });
    } else positions.set(column.key, col);
  });
  const missing = missingColumnsOf(sheet, headerRow, columns);
  if (missing.length || duplicates.length) {
    const problems = [...missing, ...duplicates];
    throw GovdataError.validation(problems, problems.map((p) => p.message).join('；'));
  }

  const data: SheetRow<K>[] = [];
  for (const { row, values } of sheet.raw) {
    if (row <= headerRow) continue;
    const cells: Partial<Record<K, CellValue>> = {};
    for (const [key, col] of positions) {
      const column = columns.find((c) => c.key === key)!;
      if (column.kind === 'platform') continue;
      if (values[col] !== undefined) cells[key] = values[col];
    }
    if (isBlankRow(cells) || isExampleSerial(normaliseSerial(cells[serialKey]))) continue;
    data.push({ row, cells });
  }
  return { name: sheet.name, headerRow, columns: positions, raw: sheet.raw, data };
}

function fileProblem(
  rule: ExcelUploadProblem,
  message: string,
  fields: Array<{ path: string; rule: string; message: string }> = [],
): GovdataError {
  return GovdataError.validation([{ path: 'file', rule, message }, ...fields], message);
}

function tooManyRows(sheet: string, max: number): GovdataError {
  return fileProblem(
    ExcelUploadProblem.MaxRows,
    `「${sheet}」表超过 ${max} 行，请分成多个文件导入 (more than ${max} rows; split the workbook)`,
  );
}

function unreadable(error: unknown): GovdataError {
  const detail = error instanceof Error ? error.message : String(error);
  return fileProblem(
    ExcelUploadProblem.Xlsx,
    `无法读取 Excel 文件，文件可能已损坏 (the .xlsx file cannot be read: ${detail.slice(0, 200)})`,
  );
}

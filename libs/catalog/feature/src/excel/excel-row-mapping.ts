import type { FieldProblem } from '@govdata/platform-errors';
import { InputRule, stringRule, type StringRule } from '@govdata/platform-service';
import { entryContentSchema, type EntryContent } from '../entries/entry-content.js';
import { ENTRY_LABELS, keyForLabel, type Label } from '../entries/entry-labels.js';
import type { EntryStatus } from '../entries/entry-lifecycle.js';
import {
  columnSpec,
  ENTRY_COLUMNS,
  EXAMPLE_SERIAL,
  GRADE_LEVEL_LABELS,
  ITEM_COLUMNS,
  LIST_JOINER,
  LIST_SEPARATOR,
  YES_NO_LABELS,
  type ColumnSpec,
  type EntryColumnKey,
  type ItemColumnKey,
} from './excel-columns.js';
import { ExcelImportRule } from './excel.exception.js';

/**
 * Rows of the catalog workbook ↔ the content of an entry (the body of `POST /api/v1/catalog/entries`).
 * Pure functions: no database, no ExcelJS objects, so the mapping is tested on its own.
 */

/** A cell as read from the workbook: formulas by their result, rich text as plain text. */
export type CellValue = string | number | boolean | Date | { error: string } | undefined;

export interface SheetRow<K extends string> {
  /** 1-based row number in the sheet, as Excel shows it. */
  row: number;
  cells: Partial<Record<K, CellValue>>;
}

/** One problem of one row, pointing at the cell a user has to fix. */
export interface RowProblem {
  sheet: string;
  row: number;
  /** Column header as in the template; null when the problem is the row as a whole. */
  column: string | null;
  /** Path in the API's terms (`content.items.2.length`), as the REST API would name it. */
  field: string | null;
  rule: string;
  message: string;
}

export interface SheetNames {
  entries: string;
  items: string;
}

/** An entry row with its item rows, mapped to an API body. */
export interface EntryDraft {
  serial: string;
  row: number;
  /** 信息资源代码 when the row edits an existing entry. */
  code?: string;
  content: Record<string, unknown>;
  /** Sheet row of each item, in the order of `content.items`. */
  itemRows: number[];
  /** What the mapping itself found wrong (unknown labels, bad numbers, blank required cells). */
  problems: RowProblem[];
}

/** Where a content path lives in the workbook. */
const ENTRY_FIELD_COLUMN: Record<string, EntryColumnKey> = {
  name: 'name',
  abstract: 'abstract',
  classificationCode: 'classification',
  classified: 'classified',
  grade: 'gradeCategory',
  'grade.category': 'gradeCategory',
  'grade.level': 'gradeLevel',
  sharing: 'sharingType',
  'sharing.type': 'sharingType',
  'sharing.conditions': 'sharingConditions',
  'sharing.legalBasis': 'sharingLegalBasis',
  'sharing.methods': 'sharingMethods',
  open: 'openType',
  'open.type': 'openType',
  'open.conditions': 'openConditions',
  format: 'formatCategory',
  'format.category': 'formatCategory',
  'format.detail': 'formatDetail',
  updateCycle: 'updateCycle',
  relatedCodes: 'relatedCodes',
  regionCode: 'regionCode',
  tags: 'tags',
  systemId: 'systemId',
  items: 'serial',
};
const ITEM_FIELD_COLUMN: Record<string, ItemColumnKey> = {
  name: 'name',
  dataType: 'dataType',
  length: 'length',
  dataElement: 'dataElement',
  description: 'description',
};

// ---------------------------------------------------------------------------------------------
// Cells

/** Serial numbers compare as people mean them: `1`, `1.0`, `１` and ` 1 ` are the same row. */
export function normaliseSerial(value: CellValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && !(value instanceof Date)) return undefined;
  const text = String(value).normalize('NFKC').trim();
  if (!text) return undefined;
  return /^\d+\.0+$/.test(text) ? text.replace(/\.0+$/, '') : text;
}

export function isExampleSerial(serial: string | undefined): boolean {
  return serial === EXAMPLE_SERIAL || serial?.toLowerCase() === 'example';
}

/** True when none of these cells holds anything. */
export function isBlankRow(cells: Partial<Record<string, CellValue>>): boolean {
  return Object.values(cells).every((v) => v === undefined || (typeof v === 'string' && v.trim() === ''));
}

const UNSTORABLE_TEXT: Record<StringRule, string> = {
  [InputRule.NoNul]: '单元格含有空字符 (U+0000)，请删除后重新导入 (the cell holds a NUL character)',
  [InputRule.WellFormedUnicode]:
    '单元格含有不成对的代理字符 (U+D800–U+DFFF)，请删除后重新导入 (the cell holds an unpaired surrogate)',
};

/** Reads cells of one row, collecting problems against their column headers. */
class CellReader<K extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly sheet: string,
    private readonly row: SheetRow<K>,
    private readonly columns: readonly ColumnSpec<K>[],
  ) {}

  private spec(key: K): ColumnSpec<K> {
    return columnSpec(this.columns, key);
  }

  problem(key: K | null, field: string | null, rule: string, message: string): void {
    this.problems.push({
      sheet: this.sheet,
      row: this.row.row,
      column: key === null ? null : this.spec(key).header,
      field,
      rule,
      message,
    });
  }

  /** The cell as trimmed text; undefined when blank (a blank required cell is a problem). */
  text(key: K, field: string): string | undefined {
    const value = this.row.cells[key];
    let text: string | undefined;
    if (value === undefined || value === null) text = undefined;
    else if (typeof value === 'string') text = value.trim();
    else if (typeof value === 'number') text = String(value);
    else if (typeof value === 'boolean') text = value ? YES_NO_LABELS.yes.zh : YES_NO_LABELS.no.zh;
    else if (value instanceof Date) text = value.toISOString().slice(0, 10);
    else {
      this.problem(key, field, 'excel-error', `单元格是 Excel 错误值 ${value.error} (the cell holds an Excel error)`);
      return undefined;
    }
    const rule = text === undefined ? undefined : stringRule(text);
    if (rule) {
      // PostgreSQL cannot store these; the cell is named rather than the import failing as a whole.
      this.problem(key, field, rule, UNSTORABLE_TEXT[rule]);
      return undefined;
    }
    if (!text && this.spec(key).required) {
      this.problem(key, field, ExcelImportRule.Required, `「${this.spec(key).header}」必填 (required)`);
    }
    return text || undefined;
  }

  /** An enumerated cell by its zh or English label or key; unknown text is a problem. */
  choice<V extends string>(key: K, field: string, labels: Record<V, Label>): V | undefined {
    const text = this.text(key, field);
    if (text === undefined) return undefined;
    const value = keyForLabel(labels, text);
    if (value === undefined) this.problem(key, field, 'enum', unknownChoice(text, labels));
    return value;
  }

  choices<V extends string>(key: K, field: string, labels: Record<V, Label>): V[] | undefined {
    const parts = this.list(key, field);
    if (parts === undefined) return undefined;
    const values: V[] = [];
    parts.forEach((part, i) => {
      const value = keyForLabel(labels, part);
      if (value === undefined) this.problem(key, `${field}.${i}`, 'enum', unknownChoice(part, labels));
      else values.push(value);
    });
    return values;
  }

  list(key: K, field: string): string[] | undefined {
    const text = this.text(key, field);
    if (text === undefined) return undefined;
    const parts = text
      .split(LIST_SEPARATOR)
      .map((p) => p.trim())
      .filter(Boolean);
    return parts.length ? parts : undefined;
  }

  integer(key: K, field: string): number | undefined {
    const value = this.row.cells[key];
    if (typeof value === 'number') {
      if (Number.isInteger(value)) return value;
      this.problem(key, field, 'integer', `${value} 不是整数 (not a whole number)`);
      return undefined;
    }
    const text = this.text(key, field);
    if (text === undefined) return undefined;
    const digits = text.normalize('NFKC').trim();
    if (/^\d+$/.test(digits)) return Number(digits);
    this.problem(key, field, 'integer', `「${text}」不是整数 (not a whole number)`);
    return undefined;
  }
}

function unknownChoice(text: string, labels: Record<string, Label>): string {
  const allowed = Object.values(labels)
    .map((l) => l.zh)
    .join('、');
  return `「${text}」不是可选值，可选：${allowed} (not one of the allowed values)`;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

// ---------------------------------------------------------------------------------------------
// Rows → content

/**
 * Maps an entry row and its item rows to an entry body. Blank optional cells are left out, so the
 * API's defaults apply; what cannot be read (an unknown label, "abc" as a length) is a problem of the
 * cell and the raw text is kept out of the content, so the API's own rules still judge the rest.
 */
export function entryFromRows(
  sheets: SheetNames,
  entryRow: SheetRow<EntryColumnKey>,
  itemRows: SheetRow<ItemColumnKey>[],
): EntryDraft {
  const r = new CellReader(sheets.entries, entryRow, ENTRY_COLUMNS);
  const serial = normaliseSerial(entryRow.cells.serial) ?? '';
  const content: Record<string, unknown> = {};
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value !== undefined) target[key] = value;
  };

  put(content, 'name', r.text('name', 'content.name'));
  put(content, 'abstract', r.text('abstract', 'content.abstract'));
  put(content, 'classificationCode', classificationCode(r.text('classification', 'content.classificationCode')));
  put(content, 'classified', classified(r));

  const grade: Record<string, unknown> = {};
  put(grade, 'category', r.choice('gradeCategory', 'content.grade.category', ENTRY_LABELS.gradeCategory));
  put(grade, 'level', gradeLevel(r));
  content['grade'] = grade;

  const sharing: Record<string, unknown> = {};
  put(sharing, 'type', r.choice('sharingType', 'content.sharing.type', ENTRY_LABELS.sharingType));
  put(sharing, 'conditions', r.text('sharingConditions', 'content.sharing.conditions'));
  put(sharing, 'legalBasis', r.text('sharingLegalBasis', 'content.sharing.legalBasis'));
  put(sharing, 'methods', r.choices('sharingMethods', 'content.sharing.methods', ENTRY_LABELS.sharingMethod));
  content['sharing'] = sharing;

  const open: Record<string, unknown> = {};
  put(open, 'type', r.choice('openType', 'content.open.type', ENTRY_LABELS.openType));
  put(open, 'conditions', r.text('openConditions', 'content.open.conditions'));
  content['open'] = open;

  const format: Record<string, unknown> = {};
  put(format, 'category', r.choice('formatCategory', 'content.format.category', ENTRY_LABELS.formatCategory));
  put(format, 'detail', r.text('formatDetail', 'content.format.detail'));
  content['format'] = format;

  put(content, 'updateCycle', r.choice('updateCycle', 'content.updateCycle', ENTRY_LABELS.updateCycle));
  put(content, 'relatedCodes', r.list('relatedCodes', 'content.relatedCodes'));
  put(content, 'regionCode', r.text('regionCode', 'content.regionCode'));
  put(content, 'tags', r.list('tags', 'content.tags'));
  put(content, 'systemId', r.text('systemId', 'content.systemId'));

  const problems = [...r.problems];
  content['items'] = itemRows.map((itemRow, i) => {
    const ir = new CellReader(sheets.items, itemRow, ITEM_COLUMNS);
    const field = (name: string) => `content.items.${i}.${name}`;
    const item: Record<string, unknown> = {};
    put(item, 'name', ir.text('name', field('name')));
    put(item, 'dataType', ir.choice('dataType', field('dataType'), ENTRY_LABELS.itemDataType));
    put(item, 'length', ir.integer('length', field('length')));
    put(item, 'dataElement', ir.text('dataElement', field('dataElement')));
    put(item, 'description', ir.text('description', field('description')));
    problems.push(...ir.problems);
    return item;
  });

  const code = r.text('code', 'code');
  return {
    serial,
    row: entryRow.row,
    ...(code ? { code } : {}),
    content,
    itemRows: itemRows.map((i) => i.row),
    problems,
  };
}

/** `101001`, `101001 人口基本信息` (the drop-down text) or the number 101001 → "101001". */
function classificationCode(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return /^\s*(\d+)(\s|$)/.exec(text.normalize('NFKC'))?.[1] ?? text;
}

function classified(r: CellReader<EntryColumnKey>): boolean | undefined {
  const text = r.text('classified', 'content.classified');
  if (text === undefined) return undefined;
  const t = text.normalize('NFKC').toLowerCase();
  if (['否', '非涉密', '不涉密', 'no', 'n', 'false', '0'].includes(t)) return false;
  if (['是', '涉密', 'yes', 'y', 'true', '1'].includes(t)) return true;
  r.problem('classified', 'content.classified', 'enum', `「${text}」应为「是」或「否」 (yes or no)`);
  return undefined;
}

function gradeLevel(r: CellReader<EntryColumnKey>): number | undefined {
  const text = r.text('gradeLevel', 'content.grade.level');
  if (text === undefined) return undefined;
  const match = /^(?:l|第)?\s*([0-9一二三四])\s*(?:级|级)?$/i.exec(text.normalize('NFKC').trim());
  const digit = match?.[1];
  const level = digit === undefined ? undefined : (CHINESE_DIGITS[digit] ?? Number(digit));
  if (level === undefined) {
    r.problem('gradeLevel', 'content.grade.level', 'enum', unknownChoice(text, GRADE_LEVEL_LABELS));
  }
  return level;
}

// ---------------------------------------------------------------------------------------------
// API problems → cells

/**
 * Points a problem the API reported (`content.items.2.length`) at its sheet, row and column, so
 * the report reads the same as the workbook the user edits.
 */
export function locateProblem(sheets: SheetNames, draft: EntryDraft, problem: FieldProblem): RowProblem {
  const at = (sheet: string, row: number, column: string | null, message = problem.message): RowProblem => ({
    sheet,
    row,
    column,
    field: problem.path || null,
    rule: problem.rule,
    message,
  });
  const path = problem.path.startsWith('content.') ? problem.path.slice('content.'.length) : null;
  if (path === null) {
    const column = problem.path === 'code' ? columnSpec(ENTRY_COLUMNS, 'code').header : null;
    return at(sheets.entries, draft.row, column);
  }
  const item = /^items\.(\d+)(?:\.([A-Za-z]+))?/.exec(path);
  if (item) {
    const row = draft.itemRows[Number(item[1])];
    const key = item[2] ? ITEM_FIELD_COLUMN[item[2]] : undefined;
    if (row !== undefined) return at(sheets.items, row, key ? columnSpec(ITEM_COLUMNS, key).header : null);
  }
  if (path === 'items') {
    return at(
      sheets.entries,
      draft.row,
      columnSpec(ENTRY_COLUMNS, 'serial').header,
      `${problem.message}（请在「${sheets.items}」表中填写资源序号为 ${draft.serial} 的信息项）`,
    );
  }
  // The longest known prefix: `sharing.methods.1` → 共享方式.
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const key = ENTRY_FIELD_COLUMN[parts.slice(0, n).join('.')];
    if (key) return at(sheets.entries, draft.row, columnSpec(ENTRY_COLUMNS, key).header);
  }
  return at(sheets.entries, draft.row, null);
}

/**
 * The API's own content rules applied without the database, for a row the mapping already found
 * problems in: the report then lists every problem of the row at once, not one per round. Paths the
 * mapping reported are not repeated.
 */
export function contentProblems(sheets: SheetNames, draft: EntryDraft): RowProblem[] {
  const result = entryContentSchema.safeParse(draft.content);
  if (result.success) return [];
  const reported = new Set(draft.problems.map((p) => p.field).filter((f): f is string => f !== null));
  const covered = (path: string) =>
    [...reported].some((known) => path === known || path.startsWith(`${known}.`) || known.startsWith(`${path}.`));
  return result.error.issues
    .map((issue) => ({
      path: ['content', ...issue.path.map(String)].join('.'),
      rule: ruleOf(issue),
      message: issue.message,
    }))
    .filter((p) => !covered(p.path))
    .map((p) => locateProblem(sheets, draft, p));
}

function ruleOf(issue: { code: string; params?: Record<string, unknown> }): string {
  const rule = issue.params?.['rule'];
  return typeof rule === 'string' ? rule : issue.code;
}

// ---------------------------------------------------------------------------------------------
// Content → rows (export)

/** What an export row shows of an entry besides its content. */
export interface ExportedEntry {
  code: string;
  status: EntryStatus;
  providerName: string;
  providerCode: string;
  publishDate: string | null;
  content: EntryContent;
}

export type EntryRowValues = Record<EntryColumnKey, string | number | undefined>;
export type ItemRowValues = Record<ItemColumnKey, string | number | undefined>;

/** The cells of an entry row, in the template's words (Chinese labels), so it can be re-imported. */
export function entryRowValues(
  entry: ExportedEntry,
  serial: number,
  classificationNames: Map<string, string>,
): EntryRowValues {
  const c = entry.content;
  const name = classificationNames.get(c.classificationCode);
  return {
    serial,
    classification: name ? `${c.classificationCode} ${name}` : c.classificationCode,
    name: c.name,
    code: entry.code,
    provider: entry.providerName,
    providerCode: entry.providerCode,
    abstract: c.abstract,
    formatCategory: ENTRY_LABELS.formatCategory[c.format.category].zh,
    formatDetail: c.format.detail,
    sharingType: ENTRY_LABELS.sharingType[c.sharing.type].zh,
    sharingConditions: c.sharing.conditions,
    sharingLegalBasis: c.sharing.legalBasis,
    sharingMethods: c.sharing.methods?.map((m) => ENTRY_LABELS.sharingMethod[m].zh).join(LIST_JOINER) || undefined,
    openType: ENTRY_LABELS.openType[c.open.type].zh,
    openConditions: c.open.conditions,
    updateCycle: ENTRY_LABELS.updateCycle[c.updateCycle].zh,
    publishDate: entry.publishDate ?? undefined,
    relatedCodes: c.relatedCodes.join(LIST_JOINER) || undefined,
    gradeCategory: ENTRY_LABELS.gradeCategory[c.grade.category].zh,
    gradeLevel: c.grade.level === undefined ? undefined : GRADE_LEVEL_LABELS[String(c.grade.level)]!.zh,
    classified: c.classified ? YES_NO_LABELS.yes.zh : YES_NO_LABELS.no.zh,
    regionCode: c.regionCode,
    tags: c.tags.join(LIST_JOINER) || undefined,
    systemId: c.systemId,
    status: ENTRY_LABELS.status[entry.status].zh,
  };
}

export function itemRowValues(content: EntryContent, serial: number): ItemRowValues[] {
  return content.items.map((item) => ({
    entrySerial: serial,
    entryName: content.name,
    name: item.name,
    dataType: ENTRY_LABELS.itemDataType[item.dataType].zh,
    length: item.length,
    dataElement: item.dataElement,
    description: item.description,
  }));
}

/** Two contents mean the same entry (key order and defaults aside). */
export function sameContent(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}

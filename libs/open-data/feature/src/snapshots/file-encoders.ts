import { PassThrough, Transform, Writable, Duplex } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DownloadFormat } from '../datasets/open-vocabulary.js';
import { jsonArray } from './json-array.js';

/** The Content-Type of each download format. */
export const FORMAT_CONTENT_TYPES: Readonly<Record<DownloadFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a format is written from: CSV straight from COPY, the others from rows as objects. */
export function readsCsv(format: DownloadFormat): boolean {
  return format === 'csv';
}

/**
 * The stages that turn a resource's rows into the file's bytes, streaming: CSV gets a byte-order
 * mark first (so Excel opens UTF-8 as UTF-8); JSON is an array, one row per line; XML a `<rows>`
 * element of `<row>`s with a `<field name="信息项">` per column; XLSX one sheet with the item names
 * as its header row, written by ExcelJS's streaming writer (rows are committed as they come).
 */
export function encoders(
  format: DownloadFormat,
  fields: readonly string[],
  sheetName: string,
): Array<Transform | Duplex> {
  switch (format) {
    case 'csv':
      return [prefixed('\uFEFF')];
    case 'json':
      return [jsonArray()];
    case 'xml':
      return [xmlRows(fields)];
    case 'xlsx':
      return [xlsxRows(fields, sheetName)];
  }
}

function prefixed(prefix: string): Transform {
  let first = true;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (first) this.push(prefix);
      first = false;
      callback(null, chunk);
    },
    flush(callback) {
      // An empty table still has its header from COPY; nothing came at all only on an empty stream.
      if (first) this.push(prefix);
      callback();
    },
  });
}

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline, return; U+FFFE/FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function textOf(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Rows (objects) in, an XML document out; a null is an empty field marked `null="true"`. */
export function xmlRows(fields: readonly string[]): Transform {
  const names = fields.map((f) => `<field name="${xmlEscape(f)}"`);
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(row: Record<string, unknown>, _encoding, callback) {
      const cells = fields.map((f, i) => {
        const value = row[f];
        return value === null || value === undefined
          ? `${names[i]} null="true"/>`
          : `${names[i]}>${xmlEscape(textOf(value))}</field>`;
      });
      callback(
        null,
        `${first ? '<?xml version="1.0" encoding="UTF-8"?>\n<rows>\n' : ''}<row>${cells.join('')}</row>\n`,
      );
      first = false;
    },
    flush(callback) {
      callback(null, first ? '<?xml version="1.0" encoding="UTF-8"?>\n<rows/>\n' : '</rows>\n');
    },
  });
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetTitle(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}

/** Rows (objects) in, an XLSX workbook out, streamed: ExcelJS writes the zip as rows are committed. */
export function xlsxRows(fields: readonly string[], sheetName: string): Duplex {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetTitle(sheetName));
  sheet.addRow([...fields]).commit();
  const input = new Writable({
    objectMode: true,
    write(row: Record<string, unknown>, _encoding, callback) {
      try {
        sheet.addRow(fields.map((f) => cellOf(row[f]))).commit();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    final(callback) {
      sheet.commit();
      workbook.commit().then(() => callback(), callback);
    },
  });
  return Duplex.from({ writable: input, readable: output });
}

function cellOf(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'bigint') return value.toString();
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // A cell holds at most 32 767 characters.
  return text.length > 32_767 ? text.slice(0, 32_767) : text;
}

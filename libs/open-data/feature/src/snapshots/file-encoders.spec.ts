import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { encoders, xmlEscape } from './file-encoders.js';

const FIELDS = ['名称', '数量', '备注'];
const ROWS = [
  { 名称: '甲 & 乙 <公司>', 数量: 3, 备注: null },
  { 名称: '丙"引号"', 数量: 0, 备注: 'a\u0001b' },
];

async function encode(format: 'xml' | 'xlsx' | 'csv', input: unknown[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await pipeline([
    Readable.from(input, { objectMode: format !== 'csv' }),
    ...encoders(format, FIELDS, '示例表'),
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(Buffer.from(chunk));
        callback();
      },
    }),
  ]);
  return Buffer.concat(chunks);
}

describe('download file encoders', () => {
  it('writes XML a parser accepts: names and values escaped, characters XML cannot carry dropped, nulls marked', async () => {
    const xml = (await encode('xml', ROWS)).toString('utf8');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<rows>\n' +
        '<row><field name="名称">甲 &amp; 乙 &lt;公司&gt;</field><field name="数量">3</field><field name="备注" null="true"/></row>\n' +
        '<row><field name="名称">丙&quot;引号&quot;</field><field name="数量">0</field><field name="备注">ab</field></row>\n' +
        '</rows>\n',
    );
    expect((await encode('xml', [])).toString('utf8')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<rows/>\n');
    expect(xmlEscape('a\u0000\u000Bb\tc')).toBe('ab\tc');
  });

  it('writes an XLSX workbook with the items as its header row and the values typed', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await encode('xlsx', ROWS)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('示例表');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(FIELDS);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['甲 & 乙 <公司>', 3]);
    expect(sheet.rowCount).toBe(3);
  });

  it('puts a byte-order mark before CSV, even for a table with no rows', async () => {
    const csv = await encode('csv', [Buffer.from('名称,数量\n')]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.subarray(3).toString('utf8')).toBe('名称,数量\n');
  });
});

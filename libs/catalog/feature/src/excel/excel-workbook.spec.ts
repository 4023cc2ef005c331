import { GovdataError } from '@govdata/platform-errors';
import ExcelJS from 'exceljs';
import { Converter } from 'opencc-js';
import { PassThrough, type Writable } from 'node:stream';
import { ENTRY_COLUMNS, ENTRY_SHEET, INSTRUCTIONS_SHEET, ITEM_COLUMNS, ITEM_SHEET } from './excel-columns.js';
import { writeImportReportWorkbook, type ImportReport } from './excel-import-report.js';
import { readCatalogWorkbook, sharedStringsInArchive, sheetNamesInArchive } from './excel-workbook-reader.js';
import { writeCatalogWorkbook, type ClassificationOption } from './excel-workbook-writer.js';

const classifications: ClassificationOption[] = [
  { code: '1', name: '基础信息资源', level: 1, parentCode: null },
  { code: '101', name: '人口', level: 2, parentCode: '1' },
  { code: '101001', name: '人口基本信息', level: 3, parentCode: '101' },
];

async function toBuffer(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

function templateBuffer(): Promise<Buffer> {
  return toBuffer((out) => writeCatalogWorkbook(out, { classifications, example: true }));
}

async function template(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await templateBuffer()) as unknown as ArrayBuffer);
  return workbook;
}

const ENTRY_HEADERS = ENTRY_COLUMNS.map((c) => c.header);
const ITEM_HEADERS = ITEM_COLUMNS.map((c) => c.header);

/**
 * A workbook with the template's sheets and headers and an example row, as a user saves it. (Built
 * afresh: loading the template itself into ExcelJS expands its drop-downs cell by cell, slowly.)
 */
async function filled(
  entries: unknown[][],
  items: unknown[][],
  options: { itemSheet?: boolean } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const entrySheet = workbook.addWorksheet('信息资源目录');
  entrySheet.addRow(ENTRY_HEADERS);
  entrySheet.addRow(['示例', '101001 人口基本信息', '人口基本信息']);
  for (const row of entries) entrySheet.addRow(row);
  if (options.itemSheet !== false) {
    const itemSheet = workbook.addWorksheet('信息项');
    itemSheet.addRow(ITEM_HEADERS);
    itemSheet.addRow(['示例', '人口基本信息', '公民身份号码', '字符型C', 18]);
    for (const row of items) itemSheet.addRow(row);
  }
  workbook.addWorksheet('填写说明').addRow(['说明']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function validationError(promise: Promise<unknown>): Promise<GovdataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GovdataError);
  expect((error as GovdataError).httpStatus).toBe(400);
  return error as GovdataError;
}

describe('the template', () => {
  it('is a workbook staff can fill in: Chinese headers, drop-downs, frozen header, instructions, code table', async () => {
    const workbook = await template();
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['信息资源目录', '信息项', '填写说明', '分类代码表']);

    const entries = workbook.getWorksheet('信息资源目录')!;
    const headers = (entries.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['序号', '信息资源分类', '信息资源名称', '信息资源代码']);
    expect(headers).toEqual(expect.arrayContaining(['共享类型', '开放类型', '更新周期', '格式分类', '数据分级']));
    expect(entries.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(entries.getRow(2).getCell(1).value).toBe('示例');

    const sharing = entries.getCell(2 + 0, headers.indexOf('共享类型') + 1);
    expect(entries.getCell(`${sharing.address.replace(/\d+$/, '')}100`).dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"无条件共享,有条件共享,不予共享"'],
    });
    const classification = entries.getCell('B50').dataValidation;
    expect(classification).toMatchObject({ type: 'list', formulae: ["'分类代码表'!$F$2:$F$3"] });

    const items = workbook.getWorksheet('信息项')!;
    expect((items.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      '资源序号',
      '信息资源名称',
      '信息项名称',
      '数据类型',
    ]);
    expect(items.getCell('D10').dataValidation).toMatchObject({ type: 'list' });
    expect(items.getCell('E10').dataValidation).toMatchObject({ type: 'whole' });

    const codes = workbook.getWorksheet('分类代码表')!;
    expect(codes.getRow(3).values).toEqual([
      undefined,
      '101001',
      '人口基本信息',
      '目',
      '101',
      '基础信息资源',
      '101001 人口基本信息',
    ]);
    const instructions = workbook.getWorksheet('填写说明')!;
    expect(String(instructions.getCell('A3').value)).toContain('资源序号');
  });

  it('read back as it is, has nothing to import (the examples are skipped)', async () => {
    const error = await validationError(readCatalogWorkbook(await templateBuffer()));
    expect(error.fields[0]).toMatchObject({ path: 'file', rule: 'empty-sheet' });
  });
});

describe('readCatalogWorkbook', () => {
  it('reads entry and item rows by their headers, skipping blank and example rows', async () => {
    const buffer = await filled(
      [[1, '101001 人口基本信息', '人口基本信息'], [], [2, '101001', '户籍信息']],
      [
        [1, '', '姓名', '字符型C', 50],
        [2, '', '户号', 'C', 20],
      ],
    );
    const upload = await readCatalogWorkbook(buffer);

    expect(upload.entries.name).toBe('信息资源目录');
    expect(upload.entries.data.map((r) => [r.row, r.cells.serial, r.cells.name])).toEqual([
      [3, 1, '人口基本信息'],
      [5, 2, '户籍信息'],
    ]);
    expect(upload.items.data.map((r) => [r.row, r.cells.entrySerial, r.cells.name, r.cells.length])).toEqual([
      [3, 1, '姓名', 50],
      [4, 2, '户号', 20],
    ]);
  });

  it('finds the header under a title line, in any column order, in English too', async () => {
    const workbook = new ExcelJS.Workbook();
    const entries = workbook.addWorksheet('目录');
    entries.addRow(['江西省公安厅 政务数据目录']);
    entries.addRow([
      'Name',
      'No.',
      'abstract',
      'classification',
      '格式分类',
      '共享类型',
      '开放类型',
      '更新周期',
      '数据分级',
      '行政区划代码',
      '备注',
    ]);
    entries.addRow([
      '人口基本信息',
      7,
      '摘要',
      '101001',
      '数据库',
      '无条件共享',
      '不予开放',
      '每日',
      '重要数据',
      '360000',
      '自己的备注',
    ]);
    const items = workbook.addWorksheet('字段');
    items.addRow(['资源序号', '信息项名称', '数据类型']);
    items.addRow([7, '姓名', '字符型C']);
    const upload = await readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));

    expect(upload.entries).toMatchObject({ name: '目录', headerRow: 2 });
    expect(upload.entries.data[0]!.cells).toMatchObject({ serial: 7, name: '人口基本信息', classification: '101001' });
    expect(upload.items).toMatchObject({ name: '字段', headerRow: 1 });
  });

  // Either script, derived at run time: an old traditional template imports after the template
  // went simplified, and a workbook typed in simplified imports into a traditional template.
  it.each([
    ['traditional', Converter({ from: 'cn', to: 'tw' })],
    ['simplified', Converter({ from: 'tw', to: 'cn' })],
  ])('reads a workbook whose sheet names, headers and choices are in %s script', async (_script, convert) => {
    const workbook = new ExcelJS.Workbook();
    const entries = workbook.addWorksheet(convert(ENTRY_SHEET));
    entries.addRow(ENTRY_COLUMNS.map((c) => convert(c.header)));
    const row = <K extends string>(columns: ReadonlyArray<{ key: K }>, values: Partial<Record<K, unknown>>) =>
      columns.map((c) => values[c.key] ?? null);
    entries.addRow(
      row(ENTRY_COLUMNS, {
        serial: 1,
        classification: '101001',
        name: convert('人口基本信息'),
        abstract: convert('户籍人口的基本信息'),
        formatCategory: convert('数据库'),
      }),
    );
    // A copy that looks like the entry sheet: the sheet is chosen by its name, not guessed.
    const copy = workbook.addWorksheet(convert('目录副本'));
    copy.addRow(ENTRY_COLUMNS.map((c) => c.header));
    copy.addRow(row(ENTRY_COLUMNS, { serial: 1, classification: '101001', name: '副本' }));
    const items = workbook.addWorksheet(convert(ITEM_SHEET));
    items.addRow(ITEM_COLUMNS.map((c) => convert(c.header)));
    items.addRow(row(ITEM_COLUMNS, { entrySerial: 1, name: convert('公民身份号码'), dataType: convert('字符型C') }));
    workbook.addWorksheet(convert(INSTRUCTIONS_SHEET)).addRow(ENTRY_COLUMNS.map((c) => c.header));
    const upload = await readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()));

    expect(upload.entries.name).toBe(convert(ENTRY_SHEET));
    expect(upload.entries.data.map((r) => r.cells)).toEqual([
      expect.objectContaining({ serial: 1, name: convert('人口基本信息'), formatCategory: convert('数据库') }),
    ]);
    expect(upload.items.data.map((r) => r.cells.name)).toEqual([convert('公民身份号码')]);
  });

  it('reads the sheet names from workbook.xml when the streaming reader ended before it', async () => {
    const workbook = new ExcelJS.Workbook();
    for (const name of ['信息资源目录', '信息项', 'A & B "说明"']) workbook.addWorksheet(name).addRow(['x']);
    const names = await sheetNamesInArchive(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect([...names.entries()].sort()).toEqual([
      ['1', '信息资源目录'],
      ['2', '信息项'],
      ['3', 'A & B "说明"'],
    ]);
  });

  it('reads the shared strings from the archive when a sheet was read before them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('信息资源目录');
    sheet.addRow(['序号', 'A & B <说明>']);
    sheet.getCell('C1').value = { richText: [{ text: '公民' }, { font: { bold: true }, text: '身份号码' }] };
    const strings = await sharedStringsInArchive(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(strings).toEqual(expect.arrayContaining(['序号', 'A & B <说明>', '公民身份号码']));
  });

  it('refuses a sheet without a required column, naming the column', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('信息资源目录').addRow(['序号', '信息资源名称', '信息资源分类']);
    workbook.addWorksheet('信息项').addRow(['资源序号', '信息项名称', '数据类型']);
    const error = await validationError(readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer())));

    expect(error.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'file.信息资源目录.信息资源摘要',
        'file.信息资源目录.共享类型',
        'file.信息资源目录.更新周期',
      ]),
    );
    expect(error.fields.every((f) => f.rule === 'required-column')).toBe(true);
  });

  it('refuses a workbook without the 信息项 sheet', async () => {
    const buffer = await filled([[1, '101001', '人口基本信息']], [], { itemSheet: false });
    const error = await validationError(readCatalogWorkbook(buffer));
    expect(error.message).toContain('信息项');
  });

  it.each([
    ['an empty body', Buffer.alloc(0), 'required'],
    ['a CSV file', Buffer.from('序号,信息资源名称\n1,人口\n'), 'xlsx'],
    ['an old .xls file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'xlsx'],
  ])('refuses %s with the reason', async (_what, buffer, rule) => {
    const error = await validationError(readCatalogWorkbook(buffer));
    expect(error.fields[0]).toMatchObject({ path: 'file', rule });
  });

  it('refuses a damaged workbook', async () => {
    const buffer = await filled([[1, '101001', '人口基本信息']], []);
    const error = await validationError(readCatalogWorkbook(buffer.subarray(0, Math.floor(buffer.length / 2))));
    expect(error.fields[0]).toMatchObject({ path: 'file', rule: 'xlsx' });
  });

  it('refuses more than 20,000 entry rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const entries = workbook.addWorksheet('信息资源目录');
    entries.addRow([
      '序号',
      '信息资源分类',
      '信息资源名称',
      '信息资源摘要',
      '格式分类',
      '共享类型',
      '开放类型',
      '更新周期',
      '数据分级',
      '行政区划代码',
    ]);
    for (let i = 1; i <= 20_001; i++) entries.addRow([i, '101001', `名称${i}`]);
    workbook.addWorksheet('信息项').addRow(['资源序号', '信息项名称', '数据类型']);
    const error = await validationError(readCatalogWorkbook(Buffer.from(await workbook.xlsx.writeBuffer())));
    expect(error.fields[0]).toMatchObject({ path: 'file', rule: 'max-rows' });
  });
});

describe('the annotated report', () => {
  it('marks the cells in error, says what became of each row and fills in created codes', async () => {
    const buffer = await filled(
      [
        [1, '101001', '人口基本信息'],
        [2, '101001', '户籍信息'],
      ],
      [[2, '', '户号', '字符型C', 'abc']],
    );
    const upload = await readCatalogWorkbook(buffer);
    const report: ImportReport = {
      importId: '00000000-0000-4000-8000-000000000001',
      mode: 'per-row',
      dryRun: false,
      committed: true,
      total: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      failed: 1,
      message: '逐行导入完成',
      rows: [
        {
          sheet: '信息资源目录',
          row: 3,
          serial: '1',
          outcome: 'created',
          entryCode: '101001/360000000001',
          errors: [],
        },
        {
          sheet: '信息资源目录',
          row: 4,
          serial: '2',
          outcome: 'failed',
          errors: [
            {
              sheet: '信息项',
              row: 3,
              column: '数据长度',
              field: 'content.items.0.length',
              rule: 'integer',
              message: '「abc」不是整数',
            },
          ],
        },
      ],
    };
    const out = await toBuffer((o) => writeImportReportWorkbook(o, upload, report, classifications));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out as unknown as ArrayBuffer);

    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '导入报告',
      '信息资源目录',
      '信息项',
      '填写说明',
      '分类代码表',
    ]);
    const entries = workbook.getWorksheet('信息资源目录')!;
    const resultCol = (entries.getRow(1).values as unknown[]).indexOf('导入结果');
    expect(resultCol).toBeGreaterThan(20);
    expect(entries.getCell(3, 4).value).toBe('101001/360000000001');
    expect(String(entries.getCell(3, resultCol).value)).toContain('已新增');
    expect(entries.getCell(2, 1).value).toBe('示例');

    const items = workbook.getWorksheet('信息项')!;
    const lengthCell = items.getCell(3, 5);
    expect(lengthCell.value).toBe('abc');
    expect(lengthCell.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(lengthCell.note)).toContain('不是整数');
    const itemResult = (items.getRow(1).values as unknown[]).indexOf('导入结果');
    expect(String(items.getCell(3, itemResult).value)).toContain('【数据长度】');
  });
});

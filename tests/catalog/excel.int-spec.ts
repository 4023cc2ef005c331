import ExcelJS from 'exceljs';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';
import { ENTRY_HEADERS, entryRow, ITEM_HEADERS, itemRows, workbook } from './catalog-workbook.js';

/**
 * Excel in and out through the gateway: the template staff download, imports in both modes with
 * the per-row, per-column report (JSON and the annotated workbook), what is and is not in the
 * catalog afterwards, and exports that open in Excel and import again.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function load(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as ArrayBuffer);
  return book;
}

function headerIndex(sheet: ExcelJS.Worksheet, header: string, row = 1): number {
  return (sheet.getRow(row).values as unknown[]).indexOf(header);
}

describe('catalog Excel import and export', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let readerB: string;

  beforeAll(async () => {
    node = await startCatalogNode();
    editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    readerB = await node.token(node.orgB, [], 'reader-b');
  });

  afterAll(async () => {
    await node?.close();
  });

  /** GET a file through the gateway, as bytes. */
  async function download(
    path: string,
    token: string,
  ): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
    const response = await fetch(`${node.gateway.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  const importFile = (query: string, body: Uint8Array, token = editorA) =>
    node.api('POST', `/api/v1/catalog/excel/import${query}`, { token, body, headers: { 'content-type': XLSX } });

  async function entryCount(organisationId: string): Promise<number> {
    const rows: Array<{ n: number }> = await node.catalog.dataSource.query(
      'SELECT count(*)::int AS n FROM catalog_entry WHERE organisation_id = $1',
      [organisationId],
    );
    return rows[0]!.n;
  }

  it('serves a template staff can fill in', async () => {
    const { status, headers, bytes } = await download('/api/v1/catalog/excel/template', editorA);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe(XLSX);
    expect(headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('政务数据目录导入模板.xlsx')}`,
    );

    const book = await load(bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(['信息资源目录', '信息项', '填写说明', '分类代码表']);
    const entries = book.getWorksheet('信息资源目录')!;
    const headerRow = (entries.getRow(1).values as unknown[]).slice(1);
    expect(headerRow).toEqual(expect.arrayContaining(ENTRY_HEADERS));
    expect(headerRow).toEqual(expect.arrayContaining(['信息资源提供方', '提供方代码', '发布日期', '关联资源代码']));
    expect(entries.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // A drop-down with the Chinese labels on the sharing type, and the code table behind the classification.
    const sharing = entries.getCell(10, headerIndex(entries, '共享类型')).dataValidation;
    expect(sharing).toMatchObject({ type: 'list', formulae: ['"无条件共享,有条件共享,不予共享"'] });
    const cycle = entries.getCell(10, headerIndex(entries, '更新周期')).dataValidation;
    expect(cycle.formulae[0]).toContain('每季度');
    const classification = entries.getCell(10, headerIndex(entries, '信息资源分类')).dataValidation;
    expect(classification.formulae[0]).toMatch(/^'分类代码表'!\$F\$2:\$F\$\d+$/);
    const codes = book.getWorksheet('分类代码表')!;
    expect((codes.getColumn(6).values as unknown[]).includes('203002 住房公积金')).toBe(true);
    const items = book.getWorksheet('信息项')!;
    expect(items.getCell(10, headerIndex(items, '数据类型')).dataValidation.formulae[0]).toContain('字符型C');
  });

  it('refuses an import without an explicit mode, naming mode', async () => {
    const body = await workbook([entryRow(1)], itemRows(1));
    for (const query of ['', '?mode=some']) {
      const answer = await importFile(query, body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'mode' })]);
    }
    expect(await entryCount(node.orgA.id)).toBe(0);
  });

  it.each([
    ['a file that is not a workbook', () => Promise.resolve(new TextEncoder().encode('序号,名称\n1,人口\n')), 'xlsx'],
    ['a damaged workbook', async () => (await workbook([entryRow(1)], itemRows(1))).subarray(0, 1500), 'xlsx'],
    ['a workbook without data rows', () => workbook([], []), 'empty-sheet'],
  ])('answers 400 with the reason for %s', async (_what, file, rule) => {
    const answer = await importFile('?mode=per-row', await file());
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ path: 'file', rule });
  });

  it('answers 400 naming a missing required column', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('信息资源目录').addRow(ENTRY_HEADERS.filter((h) => h !== '更新周期'));
    book.addWorksheet('信息项').addRow(ITEM_HEADERS);
    const answer = await importFile('?mode=per-row', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ path: 'file.信息资源目录.更新周期', rule: 'required-column' }),
    ]);
  });

  it('only lets catalog editors import', async () => {
    const answer = await importFile('?mode=per-row', await workbook([entryRow(1)], itemRows(1)), readerB);
    expect(answer.status).toBe(403);
  });

  /** Two good entries around three bad ones: an unknown label, a bad item length, items for no entry. */
  async function mixedWorkbook(): Promise<Uint8Array> {
    return workbook(
      [
        entryRow(1),
        entryRow(2, { 共享类型: '部分共享' }),
        entryRow(3, { 共享类型: 'unconditional', 共享条件: undefined, 更新周期: 'Monthly' }),
        entryRow(4),
      ],
      [
        ...itemRows(1),
        ...itemRows(2),
        ...itemRows(3),
        ...itemRows(4, { 数据长度: 'abc' }),
        { 资源序号: 9, 信息项名称: '孤儿', 数据类型: '字符型C', 数据长度: 1 },
      ],
    );
  }

  it('all-or-nothing: one bad row and nothing is written; the report names sheet, row and column', async () => {
    const answer = await importFile('?mode=all-or-nothing', await mixedWorkbook());

    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      code: 'rule_violated',
      mode: 'all-or-nothing',
      committed: false,
      total: 5,
      created: 0,
      failed: 3,
    });
    const rows = answer.body.rows as Array<Record<string, any>>;
    expect(rows.map((r) => [r.sheet, r.row, r.outcome])).toEqual([
      ['信息资源目录', 2, 'not-committed'],
      ['信息资源目录', 3, 'failed'],
      ['信息资源目录', 4, 'not-committed'],
      ['信息资源目录', 5, 'failed'],
      ['信息项', 10, 'failed'],
    ]);
    expect(rows[1]!.errors).toEqual([
      {
        sheet: '信息资源目录',
        row: 3,
        column: '共享类型',
        field: 'content.sharing.type',
        rule: 'enum',
        message: expect.stringContaining('无条件共享、有条件共享、不予共享'),
      },
    ]);
    expect(rows[3]!.errors).toEqual([
      expect.objectContaining({
        sheet: '信息项',
        row: 9,
        column: '数据长度',
        field: 'content.items.1.length',
        rule: 'integer',
      }),
    ]);
    expect(rows[4]!.errors).toEqual([
      expect.objectContaining({ sheet: '信息项', row: 10, column: '资源序号', rule: 'known-entry' }),
    ]);
    expect(rows[0]!.entryCode).toBeUndefined();

    expect(await entryCount(node.orgA.id)).toBe(0);
    const listed = await node.api('GET', `/api/v1/catalog/entries?organisationId=${node.orgA.id}`, { token: editorA });
    expect(listed.body.items).toEqual([]);
  });

  it('a dry run checks the rules that need the database and writes nothing', async () => {
    const answer = await importFile(
      '?mode=all-or-nothing&dryRun=true',
      await workbook([entryRow(1, { 信息资源分类: '199999', 行政区划代码: '369999' })], itemRows(1)),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.rows[0].errors).toEqual([
      expect.objectContaining({
        column: '信息资源分类',
        field: 'content.classificationCode',
        rule: 'known-classification',
      }),
    ]);
    const good = await importFile('?mode=all-or-nothing&dryRun=true', await workbook([entryRow(1)], itemRows(1)));
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({
      dryRun: true,
      committed: false,
      failed: 0,
      rows: [{ outcome: 'not-committed' }],
    });
    expect(await entryCount(node.orgA.id)).toBe(0);
  });

  it('per-row: the good rows become drafts with codes, the bad ones are listed', async () => {
    const answer = await importFile('?mode=per-row', await mixedWorkbook());

    expect(answer.status).toBe(207);
    expect(answer.body).toMatchObject({ mode: 'per-row', committed: true, total: 5, created: 2, failed: 3 });
    const created = (answer.body.rows as Array<Record<string, any>>).filter((r) => r.outcome === 'created');
    expect(created.map((r) => r.row)).toEqual([2, 4]);
    expect(await entryCount(node.orgA.id)).toBe(2);

    const entry = await node.api('GET', `/api/v1/catalog/entries/${encodeURIComponent(created[1]!.entryCode)}`, {
      token: editorA,
    });
    expect(entry.body).toMatchObject({
      status: 'draft',
      provider: { organisationId: node.orgA.id },
      content: {
        name: '人口基本信息3',
        classificationCode: '101001',
        sharing: { type: 'unconditional', methods: ['platform'] },
        updateCycle: 'monthly',
        grade: { category: 'general', level: 3 },
        items: [
          { name: '姓名', dataType: 'C', length: 50 },
          { name: '公民身份号码', dataType: 'C', length: 18, dataElement: 'DE00001' },
        ],
      },
    });
    const history = await node.api(
      'GET',
      `/api/v1/catalog/entries/${encodeURIComponent(created[0]!.entryCode)}/history`,
      {
        token: editorA,
      },
    );
    expect(history.body.items ?? history.body).toEqual([expect.objectContaining({ action: 'create' })]);

    // The imported drafts are in the search index (indexed together at the end of the batch), and
    // the rows that failed left nothing behind there either.
    const drafts = await node.api(
      'GET',
      `/api/v1/catalog/search?q=${encodeURIComponent('人口基本信息')}&status=draft&limit=50`,
      {
        token: editorA,
      },
    );
    const codes = (drafts.body.items as Array<{ code: string }>).map((i) => i.code).sort();
    expect(codes).toEqual(created.map((r) => r.entryCode as string).sort());

    const imports = await node.api('GET', '/api/v1/catalog/excel/imports', { token: editorA });
    expect(imports.body.items[0]).toMatchObject({ id: answer.body.importId, state: 'finished', created: 2, failed: 3 });
    const record = await node.api('GET', `/api/v1/catalog/excel/imports/${answer.body.importId}`, { token: editorA });
    expect(record.body).toMatchObject({ mode: 'per-row', committed: true, rows: answer.body.rows });
    const foreign = await node.api('GET', `/api/v1/catalog/excel/imports/${answer.body.importId}`, { token: editorB });
    expect(foreign.status).toBe(404);
  });

  it('answers with the workbook annotated: red cells with comments, a result column, the new codes', async () => {
    const response = await fetch(`${node.gateway.httpUrl}/api/v1/catalog/excel/import?mode=per-row&report=xlsx`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editorA}`, 'content-type': XLSX },
      body: await mixedWorkbook(),
    });
    expect(response.status).toBe(207);
    expect(response.headers.get('content-type')).toBe(XLSX);
    expect(response.headers.get('x-import-created')).toBe('2');
    const book = await load(await response.arrayBuffer());

    const entries = book.getWorksheet('信息资源目录')!;
    const result = headerIndex(entries, '导入结果');
    expect(String(entries.getCell(2, result).value)).toContain('已新增');
    expect(String(entries.getCell(2, headerIndex(entries, '信息资源代码')).value)).toMatch(/^101001\//);
    const sharing = entries.getCell(3, headerIndex(entries, '共享类型'));
    expect(sharing.value).toBe('部分共享');
    expect(sharing.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(JSON.stringify(sharing.note)).toContain('不是可选值');
    expect(String(entries.getCell(3, result).value)).toContain('【共享类型】');

    const items = book.getWorksheet('信息项')!;
    const length = items.getCell(9, headerIndex(items, '数据长度'));
    expect(length.value).toBe('abc');
    expect(length.fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(String(items.getCell(10, headerIndex(items, '导入结果')).value)).toContain('资源序号 9');
  });

  it('accepts the workbook as a multipart file', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([await workbook([entryRow(1, { 信息资源名称: '户籍信息' })], itemRows(1))], { type: XLSX }),
      '户籍.xlsx',
    );
    const answer = await node.api('POST', '/api/v1/catalog/excel/import?mode=all-or-nothing', {
      token: editorB,
      body: form,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ committed: true, created: 1, failed: 0 });
    expect(await entryCount(node.orgB.id)).toBe(1);
  });

  it('exports what the caller may see, in the template columns, and the export imports again', async () => {
    const { status, headers, bytes } = await download('/api/v1/catalog/excel/export?format=xlsx', editorA);
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const book = await load(bytes);
    const entries = book.getWorksheet('信息资源目录')!;
    // orgA's entries (its drafts included), not orgB's draft.
    const names = entries.getColumn(headerIndex(entries, '信息资源名称')).values.slice(2);
    expect(names.sort()).toEqual(['人口基本信息1', '人口基本信息1', '人口基本信息3', '人口基本信息3']);
    expect(entries.getCell(2, headerIndex(entries, '状态')).value).toBe('草稿');
    expect(entries.getCell(2, headerIndex(entries, '信息资源提供方')).value).toBe('江西省公安厅');
    expect(entries.getCell(2, headerIndex(entries, '共享类型')).value).toMatch(/共享$/);
    expect(book.getWorksheet('信息项')!.rowCount).toBe(1 + 4 * 2);

    // Re-imported as it is: nothing changes. With one abstract edited: that entry is updated.
    const again = await importFile('?mode=per-row', bytes);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, failed: 0 });
    entries.getCell(2, headerIndex(entries, '信息资源摘要')).value = '修订后的摘要';
    const code = String(entries.getCell(2, headerIndex(entries, '信息资源代码')).value);
    const edited = await importFile('?mode=all-or-nothing', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ updated: 1, unchanged: 3, created: 0 });
    const entry = await node.api('GET', `/api/v1/catalog/entries/${encodeURIComponent(code)}`, { token: editorA });
    expect(entry.body.content.abstract).toBe('修订后的摘要');

    // Another organisation's editor cannot edit orgA's entries by their codes.
    const foreign = await importFile('?mode=per-row', bytes, editorB);
    expect(foreign.body).toMatchObject({ failed: 4, created: 0 });
    expect(foreign.body.rows[0].errors[0]).toMatchObject({ column: '信息资源代码', rule: 'own-entry' });
  });

  it('exports CSV in UTF-8 with a BOM, filtered, and hides other organisations’ drafts', async () => {
    const csv = await download('/api/v1/catalog/excel/export?format=csv&status=draft', editorA);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM checked above.
    const lines = new TextDecoder().decode(csv.bytes).trim().split('\r\n');
    expect(lines[0]!.startsWith('序号,信息资源分类,信息资源名称,信息资源代码')).toBe(true);
    expect(lines).toHaveLength(1 + 4);
    expect(lines[1]).toContain('姓名（字符型C，50）；公民身份号码（字符型C，18）');

    const items = await download('/api/v1/catalog/excel/export?format=csv&sheet=items&status=已发布', editorA);
    expect(new TextDecoder().decode(items.bytes).trim().split('\r\n')).toHaveLength(1);

    // orgB's reader sees orgB's draft only; a user of a third organisation sees no draft at all.
    const own = await download('/api/v1/catalog/excel/export?format=csv', readerB);
    const ownLines = new TextDecoder().decode(own.bytes).trim().split('\r\n');
    expect(ownLines).toHaveLength(2);
    expect(ownLines[1]).toContain('江西省市场监督管理局');
    const outsider = await node.token('00000000-0000-4000-8000-0000000000aa', [], 'outsider');
    const none = await download('/api/v1/catalog/excel/export?format=csv', outsider);
    expect(new TextDecoder().decode(none.bytes).trim().split('\r\n')).toHaveLength(1);

    const bad = await node.api('GET', '/api/v1/catalog/excel/export?status=lost', { token: editorA });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'status' });
  });

  it('an entry created over REST and one imported are the same thing', async () => {
    const rest = await node.api('POST', '/api/v1/catalog/entries', {
      token: editorB,
      body: { content: sampleEntry() },
    });
    expect(rest.status).toBe(201);
    const imported = await importFile(
      '?mode=all-or-nothing',
      await workbook(
        [
          entryRow(1, {
            信息资源名称: '人口基本信息',
            信息资源摘要: sampleEntry()['abstract'] as string,
            共享条件: '仅用于依法履职，需说明用途',
            格式说明: 'PostgreSQL',
          }),
        ],
        [
          { 资源序号: 1, 信息项名称: '姓名', 数据类型: '字符型C', 数据长度: 50 },
          { 资源序号: 1, 信息项名称: '公民身份号码', 数据类型: '字符型C', 数据长度: 18, 数据元标识: 'DE00001' },
          { 资源序号: 1, 信息项名称: '性别', 数据类型: '字符型C', 数据长度: 1 },
          { 资源序号: 1, 信息项名称: '出生日期', 数据类型: '日期型D' },
          { 资源序号: 1, 信息项名称: '户籍地址', 数据类型: '字符型C', 数据长度: 200 },
        ],
      ),
      editorB,
    );
    expect(imported.status).toBe(200);
    const fromImport = await node.api(
      'GET',
      `/api/v1/catalog/entries/${encodeURIComponent(imported.body.rows[0].entryCode)}`,
      { token: editorB },
    );
    expect(fromImport.body.content).toEqual(rest.body.content);
  });
});

import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { startCatalogNode, type CatalogNode } from '../catalog/catalog-harness.js';

/**
 * Excel import rate for a 10,000-entry workbook (5 items each, 50,000 item rows) through the
 * gateway, per-row and all-or-nothing — every row created through the entry lifecycle (validation,
 * code assignment, version, transition, hooks, outbox event) — beside two baselines from the same
 * run: reading the same workbook alone (ExcelJS streaming reader), and storing the same contents
 * with bare multi-row INSERTs into catalog_entry / catalog_entry_version (no rules, no events).
 */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 10_000);
const ITEMS_PER_ENTRY = 5;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ENTRY_HEADERS = [
  '序号',
  '信息资源分类',
  '信息资源名称',
  '信息资源摘要',
  '格式分类',
  '共享类型',
  '共享条件',
  '共享方式',
  '开放类型',
  '更新周期',
  '数据分级',
  '一般数据级别',
  '行政区划代码',
  '标签',
];
const ITEM_HEADERS = ['资源序号', '信息项名称', '数据类型', '数据长度'];
const CLASSIFICATIONS = ['101001', '102002', '103001', '203001', '203002', '202001'];

/** A workbook of `rows` entries, written with ExcelJS's streaming writer as an export would be. */
async function benchWorkbook(rows: number, tag: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const entries = book.addWorksheet('信息资源目录');
  entries.addRow(ENTRY_HEADERS).commit();
  for (let i = 1; i <= rows; i++) {
    entries
      .addRow([
        i,
        CLASSIFICATIONS[i % CLASSIFICATIONS.length],
        `${tag}业务数据${i}`,
        `第 ${i} 项业务数据的摘要，说明数据的内容和用途。`,
        '数据库',
        '有条件共享',
        '依法履职使用',
        '共享平台方式',
        '不予开放',
        '每日',
        '一般数据',
        '2级',
        '360000',
        '业务、批量',
      ])
      .commit();
  }
  entries.commit();
  const items = book.addWorksheet('信息项');
  items.addRow(ITEM_HEADERS).commit();
  for (let i = 1; i <= rows; i++) {
    for (let j = 1; j <= ITEMS_PER_ENTRY; j++) items.addRow([i, `字段${j}`, '字符型C', 20 + j]).commit();
  }
  items.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

describe('bench: Excel import of 10,000 entries', () => {
  let node: CatalogNode;
  let editor: string;

  beforeAll(async () => {
    node = await startCatalogNode();
    editor = await node.token(node.orgA, ['catalog-editor'], 'bench-editor');
  });

  afterAll(() => node?.close());

  async function timedImport(
    mode: string,
    body: Buffer,
  ): Promise<{ seconds: number; created: number; status: number }> {
    const start = performance.now();
    const response = await fetch(`${node.gateway.httpUrl}/api/v1/catalog/excel/import?mode=${mode}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'content-type': XLSX },
      body: new Uint8Array(body),
    });
    const report = (await response.json()) as { created: number };
    return { seconds: (performance.now() - start) / 1000, created: report.created, status: response.status };
  }

  it('measures rows per second', async () => {
    const perRowBook = await benchWorkbook(ROWS, '逐行');
    const allBook = await benchWorkbook(ROWS, '整批');

    // Baseline 1: read the workbook alone, every cell of both sheets.
    const parseStart = performance.now();
    let cells = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(new PassThrough().end(perRowBook), {
      sharedStrings: 'cache',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) cells += (row.values as unknown[]).length;
    }
    const parseSeconds = (performance.now() - parseStart) / 1000;

    // Baseline 2: the same contents stored with bare multi-row INSERTs, then rolled back.
    const runner = node.catalog.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const insertStart = performance.now();
    for (let from = 1; from <= ROWS; from += 1_000) {
      const ids: string[] = [];
      const codes: string[] = [];
      const contents: string[] = [];
      for (let i = from; i < Math.min(from + 1_000, ROWS + 1); i++) {
        ids.push(randomUUID());
        codes.push(
          `${CLASSIFICATIONS[i % CLASSIFICATIONS.length]}/${node.config.node.code}9${String(i).padStart(5, '0')}`,
        );
        contents.push(
          JSON.stringify({
            name: `基线业务数据${i}`,
            abstract: `第 ${i} 项业务数据的摘要，说明数据的内容和用途。`,
            classificationCode: CLASSIFICATIONS[i % CLASSIFICATIONS.length],
            classified: false,
            grade: { category: 'general', level: 2 },
            sharing: { type: 'conditional', conditions: '依法履职使用', methods: ['platform'] },
            open: { type: 'none' },
            format: { category: 'database' },
            updateCycle: 'daily',
            items: Array.from({ length: ITEMS_PER_ENTRY }, (_, j) => ({
              name: `字段${j + 1}`,
              dataType: 'C',
              length: 21 + j,
            })),
            relatedCodes: [],
            regionCode: '360000',
            tags: ['业务', '批量'],
          }),
        );
      }
      await runner.query(
        `INSERT INTO catalog_entry (id, code, node_code, organisation_id, head_version, head_state, created_by)
         SELECT id, code, $3, $4, 1, 'draft', 'bench' FROM unnest($1::uuid[], $2::text[]) AS t(id, code)`,
        [ids, codes, node.config.node.code, node.orgA.id],
      );
      await runner.query(
        `INSERT INTO catalog_entry_version (entry_id, version, state, content, name, created_by)
         SELECT id, 1, 'draft', content, content->>'name', 'bench' FROM unnest($1::uuid[], $2::jsonb[]) AS t(id, content)`,
        [ids, contents],
      );
    }
    const insertSeconds = (performance.now() - insertStart) / 1000;
    await runner.rollbackTransaction();
    await runner.release();

    const perRow = await timedImport('per-row', perRowBook);
    const allOrNothing = await timedImport('all-or-nothing', allBook);
    const stored: Array<{ n: number }> = await node.catalog.dataSource.query(
      'SELECT count(*)::int AS n FROM catalog_entry WHERE organisation_id = $1',
      [node.orgA.id],
    );

    const rate = (seconds: number) => Math.round(ROWS / seconds);
    const result = {
      bench: 'catalog-import',
      entries: ROWS,
      itemRows: ROWS * ITEMS_PER_ENTRY,
      workbookBytes: perRowBook.length,
      perRowRowsPerSecond: rate(perRow.seconds),
      perRowSeconds: Number(perRow.seconds.toFixed(1)),
      allOrNothingRowsPerSecond: rate(allOrNothing.seconds),
      allOrNothingSeconds: Number(allOrNothing.seconds.toFixed(1)),
      baselineParseRowsPerSecond: rate(parseSeconds),
      baselineParseSeconds: Number(parseSeconds.toFixed(2)),
      baselineBareInsertRowsPerSecond: rate(insertSeconds),
      baselineBareInsertSeconds: Number(insertSeconds.toFixed(2)),
      ratioPerRowToBareInsert: Number((insertSeconds / perRow.seconds).toFixed(3)),
      ratioAllOrNothingToBareInsert: Number((insertSeconds / allOrNothing.seconds).toFixed(3)),
      ratioPerRowToParse: Number((parseSeconds / perRow.seconds).toFixed(3)),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    expect(cells).toBeGreaterThan(ROWS * ENTRY_HEADERS.length);
    expect([perRow.status, perRow.created, allOrNothing.status, allOrNothing.created]).toEqual([200, ROWS, 200, ROWS]);
    expect(stored[0]!.n).toBe(2 * ROWS);
  });
});

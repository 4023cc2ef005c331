import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@govdata/platform-testing';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

/**
 * 数据开放 on a real node: a published entry whose 开放属性 allows opening waits for the authority's
 * opening review (开放审核); once opened, anybody pages through its table and downloads it whole,
 * with the columns masked and withheld as the review decided — read from the provider's own
 * database. Retiring the entry archives the dataset.
 */
describe('open data: opening review, rows and downloads', () => {
  let node: OpenDataNode;
  let authority: string;
  let departmentAdmin: string;
  let datasetId: string;
  let entryId: string;
  let mountId: string;
  const ROWS = 230;

  const person = (i: number) => ({
    xm: i % 10 === 0 ? `欧阳${'娜娜'.slice(0, 1 + (i % 2))}` : `张${'三四五六七'[i % 5]}${i}`,
    sfzh: `360102${String(1950 + (i % 50))}0101${String(1000 + i).slice(-4)}`,
    xb: i % 7 === 0 ? null : i % 2 === 0 ? '男' : '女',
    csrq: `${1950 + (i % 50)}-01-01`,
  });

  beforeAll(async () => {
    node = await startOpenDataNode();
    authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    departmentAdmin = await node.token(node.orgA, ['data-admin'], 'department-data-admin');
    await node.source.sql('CREATE SCHEMA rkk');
    await node.source.sql(`CREATE TABLE rkk.person (
      xm varchar(50) NOT NULL, sfzh char(18) NOT NULL, xb varchar(1), csrq date, hjdz varchar(200))`);
    for (let i = 0; i < ROWS; i++) {
      const p = person(i);
      await node.source.sql('INSERT INTO rkk.person VALUES ($1, $2, $3, $4, $5)', [
        p.xm,
        p.sfzh,
        p.xb,
        p.csrq,
        `南昌市东湖区${i}号`,
      ]);
    }
    await node.source.sql(`GRANT USAGE ON SCHEMA rkk TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON rkk.person TO "${node.source.role}"`);
    ({ entryId, datasetId } = await node.publishWithTable(node.orgA, {
      schema: 'rkk',
      table: 'person',
      columnMapping: [
        { column: 'xm', item: '姓名' },
        { column: 'sfzh', item: '公民身份号码' },
        { column: 'xb', item: '性别' },
        { column: 'csrq', item: '出生日期' },
      ],
    }));
  }, 240_000);

  afterAll(async () => {
    await node?.close();
  });

  it('puts the published entry in the opening review, with a working-day due date, not yet public', async () => {
    const queue = await node.api('GET', '/api/v1/open-data/reviews', { token: authority });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((d: { id: string }) => d.id)).toContain(datasetId);
    const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    expect(review.status).toBe(200);
    expect(review.body).toMatchObject({ status: 'pending', statusLabel: { zh: '开放审核中' }, name: '人口基本信息' });
    expect(review.body.review.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(review.body.review.columns.map((c: { item: string; decision: null }) => [c.item, c.decision])).toEqual([
      ['姓名', null],
      ['公民身份号码', null],
      ['性别', null],
      ['出生日期', null],
    ]);
    mountId = review.body.review.columns[0].mountId;
    // The providing department sees its own dataset's review; the public sees nothing yet.
    expect((await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: departmentAdmin })).status).toBe(
      200,
    );
    expect((await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).status).toBe(404);
    const listed = await node.api('GET', '/api/v1/open-data/datasets');
    expect(listed.body.items.map((d: { id: string }) => d.id)).not.toContain(datasetId);
  });

  it('refuses an opening that skips a check, a column, or opens personal information as it is — naming each field', async () => {
    const refused = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        columns: [
          { mountId, column: 'xm', decision: 'open' },
          { mountId, column: 'xb', decision: 'mask' },
          { mountId, column: 'nosuch', decision: 'open' },
        ],
      },
    });
    expect(refused.status).toBe(400);
    const problems = refused.body.errors.map((e: { path: string; rule: string }) => `${e.path}:${e.rule}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'domain:required',
        'licence:required',
        'confidentialityChecked:check-confirmed',
        'personalInformationChecked:check-confirmed',
        'columns:every-column-decided',
        'columns.0.decision:personal-information',
        'columns.1.mask:mask-rule-required',
        'columns.2.column:column-of-mount',
      ]),
    );
    // Only the node's data authority decides; a department's data-admin may not.
    const department = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: departmentAdmin,
      body: { decision: 'refuse', reason: '不同意' },
    });
    expect(department.status).toBe(403);
    const stored = await node.openSql<{ status: string }>('SELECT status FROM open_dataset WHERE id = $1', [datasetId]);
    expect(stored[0]!.status).toBe('pending');
    expect(await node.openSql('SELECT 1 FROM open_resource WHERE dataset_id = $1', [datasetId])).toEqual([]);
  });

  it('opens the dataset with names and ID numbers masked and the birth date withheld', async () => {
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'livelihood',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [
          { mountId, column: 'xm', decision: 'mask', mask: 'name-keep-surname' },
          { mountId, column: 'sfzh', decision: 'mask', mask: 'id-card-keep-6-4' },
          { mountId, column: 'xb', decision: 'open' },
          { mountId, column: 'csrq', decision: 'withhold' },
        ],
      },
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', domain: { code: 'livelihood', zh: '社会民生' } });
    const dataset = await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
    expect(dataset.status).toBe(200);
    expect(dataset.body).toMatchObject({
      openType: { type: 'unconditional', label: { zh: '无条件开放' } },
      licence: { id: 'cc-by' },
      provider: { name: '江西省公安厅' },
    });
    expect(dataset.body.resources).toHaveLength(1);
    expect(dataset.body.resources[0].columns).toEqual([
      { item: '姓名', dataType: 'C', masked: true },
      { item: '公民身份号码', dataType: 'C', masked: true },
      { item: '性别', dataType: 'C', masked: false },
    ]);
    // The review record stays with the authority; the public view has none.
    expect(dataset.body).not.toHaveProperty('review');
    const found = await node.api('GET', `/api/v1/open-data/datasets?q=${encodeURIComponent('人口')}&domain=livelihood`);
    expect(found.body.items.map((d: { id: string }) => d.id)).toContain(datasetId);
  });

  it('pages through every row once by keyset, masked, for anybody — sorted and filtered on unmasked columns only', async () => {
    const resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
    const base = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows`;
    const readAll = async (query: string) => {
      const rows: Array<Record<string, string | null>> = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: { status: number; body: any } = await node.api(
          'GET',
          `${base}?limit=40${query}${after ? `&after=${after}` : ''}`,
        );
        expect(page.status).toBe(200);
        expect(page.body.total).toBe(rows.length === 0 ? page.body.total : page.body.total);
        rows.push(...page.body.rows);
        after = page.body.next;
        pages++;
      } while (after && pages < 20);
      return rows;
    };
    const all = await readAll('');
    expect(all).toHaveLength(ROWS);
    expect(new Set(all.map((r) => r['公民身份号码'])).size).toBe(ROWS);
    expect(Object.keys(all[0]!)).toEqual(['姓名', '公民身份号码', '性别']);
    for (const row of all) {
      expect(row['公民身份号码']).toMatch(/^360102\*{8}\d{4}$/);
      expect(row['姓名']).toMatch(/^(欧阳\*+|张\*+)$/);
    }
    // Sorted by 性别 descending, nulls last, still every row exactly once.
    const sorted = await readAll(`&sort=${encodeURIComponent('性别 desc')}`);
    expect(sorted).toHaveLength(ROWS);
    expect(new Set(sorted.map((r) => r['公民身份号码'])).size).toBe(ROWS);
    const genders = sorted.map((r) => r['性别']);
    const firstNull = genders.indexOf(null);
    expect(genders.slice(0, firstNull).every((g, i, a) => i === 0 || a[i - 1]! >= g!)).toBe(true);
    expect(genders.slice(firstNull).every((g) => g === null)).toBe(true);
    const women = await node.api('GET', `${base}?limit=1000&filters=${encodeURIComponent('{"性别":"女"}')}`);
    expect(women.status).toBe(200);
    expect(women.body.total).toBe(women.body.rows.length);
    expect(women.body.rows.every((r: { 性别: string }) => r['性别'] === '女')).toBe(true);
    // A masked or withheld column neither filters nor sorts: that would reveal what masking hides.
    const byName = await node.api('GET', `${base}?filters=${encodeURIComponent('{"姓名":"张三0"}')}`);
    expect(byName.status).toBe(400);
    expect(byName.body.errors[0]).toMatchObject({ path: 'filters.姓名', rule: 'open-column' });
    const byBirth = await node.api('GET', `${base}?sort=${encodeURIComponent('出生日期')}`);
    expect(byBirth.status).toBe(400);
    expect((await node.api('GET', `${base}?after=not-a-cursor`)).body.errors[0]).toMatchObject({
      path: 'after',
      rule: 'cursor',
    });
  });

  it('streams the whole table live as CSV (BOM, item names as header) and JSON, masked, and counts the downloads', async () => {
    const resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
    const url = `${node.gateway.httpUrl}/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download`;
    const csv = await fetch(`${url}?format=csv&live=true`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('人口基本信息')}`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('姓名,公民身份号码,性别');
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines[1]).toMatch(/^(欧阳\*+|张\*+),360102\*{8}\d{4},(男|女|)$/);
    const text = bytes.toString('utf8');
    expect(text).not.toContain(person(1).sfzh);
    expect(text).not.toContain('1951-01-01');
    const json = await fetch(`${url}?format=json&live=true`);
    expect(json.status).toBe(200);
    const rows = (await json.json()) as Array<Record<string, string>>;
    expect(rows).toHaveLength(ROWS);
    expect(Object.keys(rows[0]!)).toEqual(['姓名', '公民身份号码', '性别']);
    await waitFor(
      async () => {
        const view = await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
        return view.body.resources[0].downloads === 2 ? true : undefined;
      },
      10_000,
      'two downloads counted',
    );
    const counted = await node.openSql<{ rows: string }>(
      'SELECT sum(rows_served)::text AS rows FROM open_download_count WHERE resource_id = $1',
      [resourceId],
    );
    expect(counted[0]!.rows).toBe(String(2 * ROWS));
    const bad = await node.api(
      'GET',
      `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=pdf`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'format' });
  });

  it('serves 有条件开放 data only under an application', async () => {
    await node.source.sql('CREATE TABLE rkk.households (hh varchar(20), rs integer)');
    await node.source.sql(`GRANT SELECT ON rkk.households TO "${node.source.role}"`);
    const conditional = await node.publishWithTable(
      node.orgA,
      {
        schema: 'rkk',
        table: 'households',
        columnMapping: [
          { column: 'hh', item: '户号' },
          { column: 'rs', item: '人数' },
        ],
      },
      {
        name: '户籍户数统计',
        open: { type: 'conditional', conditions: '仅用于科研' },
        items: [
          { name: '户号', dataType: 'C', length: 20 },
          { name: '人数', dataType: 'N', length: 4 },
        ],
      },
    );
    const review = await node.api('GET', `/api/v1/open-data/reviews/${conditional.datasetId}`, { token: authority });
    const mount = review.body.review.columns[0].mountId;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${conditional.datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'livelihood',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [
          { mountId: mount, column: 'hh', decision: 'open' },
          { mountId: mount, column: 'rs', decision: 'open' },
        ],
      },
    });
    expect(opened.status).toBe(200);
    const resourceId = opened.body.resources[0].id;
    const rows = await node.api(
      'GET',
      `/api/v1/open-data/datasets/${conditional.datasetId}/resources/${resourceId}/rows`,
    );
    expect(rows.status).toBe(403);
    expect(rows.body.errors[0]).toMatchObject({ rule: 'conditional-opening' });
  });

  it('counts the figures the plan names, live: datasets, domains, departments, machine-readable share, downloads', async () => {
    const figures = await node.api('GET', '/api/v1/open-data/statistics');
    expect(figures.status).toBe(200);
    expect(figures.body).toMatchObject({
      datasets: 2,
      archived: 0,
      departments: 1,
      domains: { count: 1, perDomain: [{ code: 'livelihood', zh: '社会民生', datasets: 2 }] },
      machineReadable: { datasets: 2, share: 1 },
      api: { datasets: 0, share: 0 },
      downloads: { total: 2, rows: 2 * ROWS },
      targets: { datasets: 300, met: { datasets: false, machineReadableShare: true, apiShare: false } },
    });
    expect(figures.body.downloads.days).toEqual([expect.objectContaining({ downloads: 2, rows: 2 * ROWS })]);
  });

  it('serves the file of the last update with its length, a strong ETag and byte ranges', async () => {
    const files = await waitFor(
      async () => {
        const view = await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
        const written = view.body.resources[0].files as Array<{
          format: string;
          bytes: number;
          rows: number;
          sha256: string;
        }>;
        return written.length === 4 ? written : undefined;
      },
      60_000,
      'the four files written',
    );
    const resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
    const url = `${node.gateway.httpUrl}/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download`;
    const csvFile = files.find((f) => f.format === 'csv')!;
    expect(csvFile.rows).toBe(ROWS);
    const whole = await fetch(`${url}?format=csv`);
    expect(whole.status).toBe(200);
    const body = Buffer.from(await whole.arrayBuffer());
    expect(whole.headers.get('content-length')).toBe(String(csvFile.bytes));
    expect(whole.headers.get('etag')).toBe(`"sha256-${csvFile.sha256}"`);
    expect(createHash('sha256').update(body).digest('hex')).toBe(csvFile.sha256);
    // The same bytes as reading the source now.
    const live = Buffer.from(await (await fetch(`${url}?format=csv&live=true`)).arrayBuffer());
    expect(live.equals(body)).toBe(true);
    // A broken download resumes where it stopped; an unchanged file is not sent again.
    const rest = await fetch(`${url}?format=csv`, { headers: { range: 'bytes=100-' } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes 100-${csvFile.bytes - 1}/${csvFile.bytes}`);
    expect(Buffer.from(await rest.arrayBuffer()).equals(body.subarray(100))).toBe(true);
    const unchanged = await fetch(`${url}?format=csv`, { headers: { 'if-none-match': `"sha256-${csvFile.sha256}"` } });
    expect(unchanged.status).toBe(304);
    const json = await fetch(`${url}?format=json`);
    expect(json.headers.get('etag')).toBe(`"sha256-${files.find((f) => f.format === 'json')!.sha256}"`);
    expect(((await json.json()) as unknown[]).length).toBe(ROWS);
    // XML: one <row> per row, a <field> per published item; XLSX: a sheet Excel opens, header first.
    const xml = await fetch(`${url}?format=xml`);
    expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xmlText = await xml.text();
    expect(xmlText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rows>\n<row><field name=')).toBe(true);
    expect(xmlText.match(/<row>/g)).toHaveLength(ROWS);
    const xlsx = await fetch(`${url}?format=xlsx`);
    expect(xlsx.headers.get('etag')).toBe(`"sha256-${files.find((f) => f.format === 'xlsx')!.sha256}"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const jsonKeys = Object.keys(((await (await fetch(`${url}?format=json`)).json()) as object[])[0]!);
    expect(header).toEqual(jsonKeys);
    expect(xmlText).toContain(`<field name="${jsonKeys[0]}"`);
  });

  it('archives the dataset when the entry is retired: still listed as archived, its data no longer served', async () => {
    const resourceId = (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].id;
    const editor = await node.token(node.orgA, ['catalog-editor'], 'catalog-editor@江西省公安厅');
    const retired = await node.api('POST', `/api/v1/catalog/entries/${entryId}/retire`, {
      token: editor,
      body: { reason: '数据已并入新的人口综合库' },
    });
    expect(retired.status).toBe(200);
    await waitFor(
      async () =>
        (await node.openSql<{ status: string }>('SELECT status FROM open_dataset WHERE id = $1', [datasetId]))[0]
          ?.status === 'archived' || undefined,
      30_000,
      'dataset archived',
    );
    const open = await node.api('GET', '/api/v1/open-data/datasets');
    expect(open.body.items.map((d: { id: string }) => d.id)).not.toContain(datasetId);
    const archived = await node.api('GET', '/api/v1/open-data/datasets?status=archived');
    expect(archived.body.items.find((d: { id: string }) => d.id === datasetId)).toMatchObject({
      status: 'archived',
      archivedReason: expect.stringContaining('目录已停用'),
    });
    const rows = await node.api('GET', `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows`);
    expect(rows.status).toBe(409);
    const figures = await node.api('GET', '/api/v1/open-data/statistics');
    expect(figures.body).toMatchObject({ datasets: 1, archived: 1 });
  });

  it('limits an anonymous visitor to 60 downloads an hour, telling when to come back', async () => {
    const resourceId = (
      await node.openSql<{ id: string }>('SELECT id FROM open_resource WHERE dataset_id = $1', [datasetId])
    )[0]!.id;
    const url = `${node.gateway.httpUrl}/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download`;
    const statuses: number[] = [];
    let refused: { response: Response; body: string } | undefined;
    for (let i = 0; i < 70 && !refused; i++) {
      const response = await fetch(url);
      const body = await response.text();
      if (response.status === 429) refused = { response, body };
      else statuses.push(response.status);
    }
    expect(refused, 'a 429 within 70 downloads').toBeDefined();
    // Every download so far counted, whatever its answer (this one is archived: 409).
    expect(statuses.length).toBeLessThanOrEqual(60);
    expect(Number(refused!.response.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = JSON.parse(refused!.body) as { detail: string };
    expect(problem.detail).toContain('下载过于频繁');
    // Table pages have their own, larger allowance.
    expect((await node.api('GET', '/api/v1/open-data/datasets')).status).toBe(200);
  });
});

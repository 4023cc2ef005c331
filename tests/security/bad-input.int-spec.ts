import ExcelJS from 'exceljs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '@govdata/platform-service';
import { startDemandNode, type DemandNode } from '../demand/demand-harness.js';

/**
 * Bad input never gives a 5xx (issue 11, finding 5): NUL and lone surrogates are refused at the edge
 * with a 400 naming the field and the rule; bodies too deep or too large are answered by the gateway
 * itself (400 / 413), never as "service unreachable"; the demand list works for a data-admin.
 */
describe('bad input', () => {
  let node: DemandNode;
  let dataAdmin: string;
  let editor: string;

  beforeAll(async () => {
    node = await startDemandNode();
    dataAdmin = await node.token(node.orgA, ['data-admin'], 'data-admin');
    editor = await node.token(node.orgA, ['catalog-editor'], 'editor');
  });

  afterAll(async () => {
    await node?.close();
  });

  const errorsOf = (body: unknown) => (body as { errors?: Array<{ path: string; rule: string }> }).errors ?? [];

  it('refuses a NUL in the token endpoint without a login, naming body.username', async () => {
    const res = await node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'ad\u0000min', password: 'x' },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual([expect.objectContaining({ path: 'body.username', rule: 'no-nul' })]);
  });

  it('refuses a NUL in client credentials sent as HTTP Basic, naming the header', async () => {
    const basic = Buffer.from('client\u0000id:secret').toString('base64');
    const res = await node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'client_credentials' },
      headers: { authorization: `Basic ${basic}` },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual([expect.objectContaining({ path: 'authorization.client_id', rule: 'no-nul' })]);
  });

  it('refuses a NUL in the suggest query, naming query.q', async () => {
    const res = await node.api('GET', '/api/v1/catalog/suggest?q=%00', { token: editor });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual([expect.objectContaining({ path: 'query.q', rule: 'no-nul' })]);
  });

  it('refuses NUL and lone surrogates in classifications, data elements and legal grounds', async () => {
    const classification = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '101099', name: '人口\u0000信息' },
    });
    expect(classification.status).toBe(400);
    expect(errorsOf(classification.body)).toEqual([expect.objectContaining({ path: 'body.name', rule: 'no-nul' })]);

    const element = await node.api('POST', '/api/v1/catalog/data-elements', {
      token: dataAdmin,
      body: { identifier: 'DE09999', name: '姓名\ud800', definition: 'x', dataType: 'C' },
    });
    expect(element.status).toBe(400);
    expect(errorsOf(element.body)).toEqual([
      expect.objectContaining({ path: 'body.name', rule: 'well-formed-unicode' }),
    ]);
    const elementByPath = await node.api('GET', '/api/v1/catalog/data-elements/DE%00', { token: dataAdmin });
    expect(elementByPath.status).toBe(400);
    expect(errorsOf(elementByPath.body)).toEqual([expect.objectContaining({ path: 'path', rule: 'no-nul' })]);

    const ground = await node.api('POST', '/api/v1/demand/legal-grounds', {
      token: dataAdmin,
      body: { code: 'X\u0000', title: '事由', basis: '依据' },
    });
    expect(ground.status).toBe(400);
    expect(errorsOf(ground.body)).toEqual([expect.objectContaining({ path: 'body.code', rule: 'no-nul' })]);
    const groundKey = await node.api('POST', '/api/v1/demand/legal-grounds', {
      token: dataAdmin,
      body: { ['ti\u0000tle']: '事由' },
    });
    expect(groundKey.status).toBe(400);
    expect(errorsOf(groundKey.body)).toEqual([expect.objectContaining({ path: 'body.ti\\u0000tle', rule: 'no-nul' })]);
  });

  it('answers JSON nested too deep with 400 from the gateway itself, for every service', async () => {
    // The gateway answers without the service: this node does not even run the exchange service.
    const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    for (const path of ['/api/v1/catalog/entries', '/api/v1/demand/applications', '/api/v1/exchange/resources']) {
      const res = await node.api('POST', path, {
        token: editor,
        body: deep(5_000),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, path).toBe(400);
      expect(errorsOf(res.body)).toEqual([expect.objectContaining({ path: 'body', rule: 'max-depth' })]);
    }
    // Just inside the limit, the request reaches the service (which judges the content).
    const inside = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: deep(MAX_JSON_DEPTH - 1),
      headers: { 'content-type': 'application/json' },
    });
    expect(inside.status).toBe(400);
    expect(errorsOf(inside.body).map((e) => e.rule)).not.toContain('max-depth');
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: { name: 'x'.repeat(MAX_BODY_BYTES) } },
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'payload_too_large' });
  });

  it('refuses a NUL in a header value before any handler (the HTTP parser answers 400)', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(node.config.services.gateway.http, '127.0.0.1', () => {
        socket.write('GET /api/v1/catalog/suggest?q=a HTTP/1.1\r\nHost: x\r\nX-Probe: a\u0000b\r\n\r\n', 'latin1');
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('latin1')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    // Node's own client refuses to send such a header at all.
    expect(() => httpRequest({ headers: { 'x-probe': 'a\u0000b' } })).toThrow();
  });

  it('imports a workbook whose cell carries an encoded NUL without a 5xx', async () => {
    const template = await fetch(
      `http://127.0.0.1:${node.config.services.gateway.http}/api/v1/catalog/excel/template`,
      {
        headers: { authorization: `Bearer ${editor}` },
      },
    );
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await template.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('信息资源目录')!;
    const row = sheet.getRow(sheet.rowCount + 1);
    row.getCell(columnOf(sheet, 1, '序号')).value = '1';
    // OOXML writes a control character as _xHHHH_; a reader (ExcelJS too) turns it back into U+0000.
    row.getCell(columnOf(sheet, 1, '信息资源名称')).value = '人口_x0000_基本信息';
    row.commit();
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await node.api('POST', '/api/v1/catalog/excel/import?mode=all-or-nothing&dryRun=true', {
      token: editor,
      body: new Uint8Array(file),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect([400, 422], JSON.stringify(res.body).slice(0, 500)).toContain(res.status);
    // The import's streaming reader keeps _x0000_ as text, so no NUL reaches the database; a NUL
    // that does reach a cell is named by the row mapping (excel-row-mapping.spec.ts).
    const rows = (res.body as { rows: Array<{ errors: Array<{ row: number; column: string; rule: string }> }> }).rows;
    expect(rows.flatMap((r) => r.errors).filter((e) => e.column === '信息资源名称')).toEqual([]);
  });

  it('lists applications for a data-admin (was 500: an untyped parameter)', async () => {
    for (const view of ['', '?view=to-review', '?view=mine', '?view=provided']) {
      const res = await node.api('GET', `/api/v1/demand/applications${view}`, { token: dataAdmin });
      expect(res.status, view).toBe(200);
    }
    const noRoles = await node.token(node.orgB, [], 'nobody');
    const toReview = await node.api('GET', '/api/v1/demand/applications?view=to-review', { token: noRoles });
    expect(toReview.status).toBe(200);
    expect(toReview.body).toMatchObject({ items: [] });
  });
});

function columnOf(sheet: ExcelJS.Worksheet, headerRow: number, header: string): number {
  const values = sheet.getRow(headerRow).values as unknown[];
  const index = values.findIndex((v) => typeof v === 'string' && v.includes(header));
  if (index < 1) throw new Error(`no column ${header}`);
  return index;
}

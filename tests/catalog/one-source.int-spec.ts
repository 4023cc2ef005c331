import { sampleEntry, startCatalogNode, type ApiResponse, type CatalogNode } from './catalog-harness.js';

/**
 * 一数一源 through the gateway: when a second provider submits data another provider already
 * registers, the submission goes through and the node authority gets a flag; it designates the
 * authoritative source (the other entry points to it) or dismisses the flag.
 */
describe('一数一源 (one data, one source)', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let reviewer: string;
  let dataAdmin: string;

  beforeAll(async () => {
    node = await startCatalogNode();
    editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
  });

  afterAll(async () => {
    await node?.close();
  });

  function fieldsOf(response: ApiResponse): Array<{ path: string; rule: string }> {
    return (response.body.errors ?? []).map((e: { path: string; rule: string }) => ({ path: e.path, rule: e.rule }));
  }

  async function submitted(token: string, content: Record<string, unknown>): Promise<{ id: string; code: string }> {
    const created = await node.api('POST', '/api/v1/catalog/entries', { token, body: { content } });
    expect(created.status).toBe(201);
    const submit = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/submit`, { token, body: {} });
    expect(submit.status).toBe(200);
    return { id: created.body.id, code: created.body.code };
  }

  async function openFlags(token = reviewer): Promise<any[]> {
    const list = await node.api('GET', '/api/v1/catalog/source-conflicts?status=open', { token });
    expect(list.status).toBe(200);
    return list.body.items;
  }

  let population: { id: string; code: string };
  let residents: { id: string; code: string };
  let populationTable: { id: string; code: string };
  let sameItemsFlag: string;
  let similarNameFlag: string;

  it('flags the same items registered by a second provider, without refusing the submission', async () => {
    population = await submitted(editorA, sampleEntry());
    expect(await openFlags()).toEqual([]);
    // The market regulator registers the same person data under another name, items spelt differently.
    residents = await submitted(
      editorB,
      sampleEntry({
        name: '市场主体登记人员信息',
        classificationCode: '102002',
        items: [
          { name: '姓 名', dataType: 'C', length: 50 },
          { name: '身份证号', dataType: 'C', length: 18, dataElement: 'de00001' },
          { name: '性别', dataType: 'C', length: 1 },
          { name: '出生日期', dataType: 'D' },
          { name: '户籍地址', dataType: 'C', length: 200 },
        ],
      }),
    );
    const flags = await openFlags();
    expect(flags).toHaveLength(1);
    const [flag] = flags;
    expect(flag).toMatchObject({
      status: 'open',
      statusLabel: { zh: '待处理' },
      score: 1,
      entry: {
        id: residents.id,
        organisationId: node.orgB.id,
        organisationName: '江西省市场监督管理局',
        status: 'submitted',
      },
      other: {
        id: population.id,
        organisationId: node.orgA.id,
        organisationName: '江西省公安厅',
        name: '人口基本信息',
      },
      decision: null,
    });
    expect(flag.reasons).toEqual([
      expect.objectContaining({
        kind: 'same-items',
        itemCount: 5,
        ratio: 1,
        label: { zh: '信息项相同', en: 'Same data items' },
      }),
    ]);
    expect(flag.reasons[0].sharedItems).toContainEqual({
      item: '身份证号',
      otherItem: '公民身份号码',
      by: 'dataElement',
    });
    expect(flag.reasons[0].sharedItems).toContainEqual({ item: '姓 名', otherItem: '姓名', by: 'name' });
    sameItemsFlag = flag.id;
  });

  it('flags a near-identical name in the same classification (pg_trgm on Chinese text)', async () => {
    populationTable = await submitted(
      editorB,
      sampleEntry({
        name: '人口基本信息表',
        items: [
          { name: '登记机关', dataType: 'C', length: 100 },
          { name: '登记日期', dataType: 'D' },
        ],
      }),
    );
    const flags = await openFlags();
    const flag = flags.find((f) => f.entry.id === populationTable.id);
    expect(flag).toBeDefined();
    expect(flag.other.id).toBe(population.id);
    expect(flag.reasons).toEqual([
      expect.objectContaining({
        kind: 'similar-name',
        name: '人口基本信息表',
        otherName: '人口基本信息',
        classificationCode: '101001',
      }),
    ]);
    expect(flag.reasons[0].similarity).toBeGreaterThanOrEqual(0.6);
    similarNameFlag = flag.id;
  });

  it('does not flag entries of the same provider, nor unrelated data', async () => {
    const before = new Set((await openFlags()).map((f) => f.id));
    // orgA registers the same items again: only orgB's copy is another provider's.
    const floating = await submitted(editorA, sampleEntry({ name: '流动人口信息' }));
    await submitted(
      editorB,
      sampleEntry({
        name: '食品生产许可证信息',
        classificationCode: '204001',
        items: [
          { name: '许可证编号', dataType: 'C', length: 30 },
          { name: '生产者名称', dataType: 'C', length: 200 },
          { name: '有效期至', dataType: 'D' },
        ],
      }),
    );
    const added = (await openFlags()).filter((f) => !before.has(f.id));
    expect(added.map((f) => [f.entry.id, f.other.id])).toEqual([[floating.id, residents.id]]);
  });

  it('keeps the flags for the node authority: an editor is refused', async () => {
    const byEditor = await node.api('GET', '/api/v1/catalog/source-conflicts?status=open', { token: editorA });
    expect(byEditor.status).toBe(403);
    const resolveByEditor = await node.api('POST', `/api/v1/catalog/source-conflicts/${sameItemsFlag}/resolve`, {
      token: editorB,
      body: { authoritativeEntryId: residents.id },
    });
    expect(resolveByEditor.status).toBe(403);
    expect((await openFlags(dataAdmin)).map((f) => f.id)).toContain(sameItemsFlag);
  });

  it('designates the authoritative source; the other entry points to it, with who and when recorded', async () => {
    const outsider = await node.api('POST', `/api/v1/catalog/source-conflicts/${sameItemsFlag}/resolve`, {
      token: reviewer,
      body: { authoritativeEntryId: populationTable.id },
    });
    expect(outsider.status).toBe(422);
    expect(fieldsOf(outsider)).toEqual([{ path: 'authoritativeEntryId', rule: 'one-of-pair' }]);

    const resolved = await node.api('POST', `/api/v1/catalog/source-conflicts/${sameItemsFlag}/resolve`, {
      token: reviewer,
      body: { authoritativeEntryId: population.id, note: '公安厅为人口基础信息的法定采集部门' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      decision: {
        authoritativeEntryId: population.id,
        note: '公安厅为人口基础信息的法定采集部门',
        decidedBy: 'reviewer',
      },
    });
    expect(Date.parse(resolved.body.decision.decidedAt)).not.toBeNaN();

    const subordinate = await node.api('GET', `/api/v1/catalog/entries/${residents.id}`, { token: editorB });
    expect(subordinate.body.authoritativeEntryId).toBe(population.id);
    const authority = await node.api('GET', `/api/v1/catalog/entries/${population.id}`, { token: editorA });
    expect(authority.body.authoritativeEntryId).toBeNull();

    const again = await node.api('POST', `/api/v1/catalog/source-conflicts/${sameItemsFlag}/resolve`, {
      token: reviewer,
      body: { authoritativeEntryId: residents.id },
    });
    expect(again.status).toBe(409);
    expect((await openFlags()).map((f) => f.id)).not.toContain(sameItemsFlag);
    const resolvedList = await node.api('GET', '/api/v1/catalog/source-conflicts?status=resolved', { token: reviewer });
    expect(resolvedList.body.items.map((f: { id: string }) => f.id)).toEqual([sameItemsFlag]);
  });

  it('dismisses a flag with a reason; submitting the entry again does not raise it anew', async () => {
    const noReason = await node.api('POST', `/api/v1/catalog/source-conflicts/${similarNameFlag}/dismiss`, {
      token: dataAdmin,
      body: {},
    });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason).map((f) => f.path)).toEqual(['reason']);

    const dismissed = await node.api('POST', `/api/v1/catalog/source-conflicts/${similarNameFlag}/dismiss`, {
      token: dataAdmin,
      body: { reason: '登记机关信息，与人口基本信息不是同一数据' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      decision: { decidedBy: 'data-admin', authoritativeEntryId: null },
    });

    expect(
      (await node.api('POST', `/api/v1/catalog/entries/${populationTable.id}/withdraw`, { token: editorB, body: {} }))
        .status,
    ).toBe(200);
    expect(
      (await node.api('POST', `/api/v1/catalog/entries/${populationTable.id}/submit`, { token: editorB, body: {} }))
        .status,
    ).toBe(200);
    const flags = await openFlags();
    expect(
      flags.filter(
        (f) =>
          [f.entry.id, f.other.id].includes(populationTable.id) && [f.entry.id, f.other.id].includes(population.id),
      ),
    ).toEqual([]);
  });

  it('pages the list with a cursor and refuses a forged one', async () => {
    const first = await node.api('GET', '/api/v1/catalog/source-conflicts?limit=1', { token: reviewer });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await node.api('GET', `/api/v1/catalog/source-conflicts?limit=1&cursor=${first.body.nextCursor}`, {
      token: reviewer,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    const forged = await node.api('GET', '/api/v1/catalog/source-conflicts?cursor=bm9wZQ', { token: reviewer });
    expect(forged.status).toBe(400);
    expect(fieldsOf(forged)).toEqual([{ path: 'cursor', rule: 'cursor' }]);
  });
});

import type { Role } from '@govdata/platform-auth';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * The catalog entry lifecycle through the gateway: who may do what in which state, codes under
 * concurrency, field-level errors, versions and their diff, and the history of every transition.
 */
describe('catalog entries', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let reviewer: string;
  let dataAdmin: string;
  let reader: string;
  let foreignReviewer: string;

  beforeAll(async () => {
    node = await startCatalogNode();
    editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
    reader = await node.token(node.orgB, [], 'reader');
    foreignReviewer = await node.token(node.orgA, ['catalog-reviewer'], 'reviewer-elsewhere', '360100');
  });

  afterAll(async () => {
    await node?.close();
  });

  const create = (token: string, content = sampleEntry(), extra: Record<string, unknown> = {}) =>
    node.api('POST', '/api/v1/catalog/entries', { token, body: { content, ...extra } });
  const act = (token: string, id: string, action: string, body: unknown = {}) =>
    node.api('POST', `/api/v1/catalog/entries/${encodeURIComponent(id)}/${action}`, { token, body });

  async function publishedEntry(content = sampleEntry()): Promise<{ id: string; code: string }> {
    const created = await create(editorA, content);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await act(editorA, id, 'submit')).status).toBe(200);
    expect((await act(reviewer, id, 'approve')).status).toBe(200);
    expect((await act(reviewer, id, 'publish')).status).toBe(200);
    return { id, code: created.body.code };
  }

  it('creates a draft with a code made of the classification and the node code', async () => {
    const created = await create(editorA);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      versionState: 'draft',
      provider: { organisationId: node.orgA.id, name: '江西省公安厅', code: '11360000014500002N' },
      content: { name: '人口基本信息', classified: false },
      warnings: [],
    });
    expect(created.body.code).toMatch(new RegExp(`^101001/${node.config.node.code}\\d{6}$`));
    const byCode = await node.api('GET', `/api/v1/catalog/entries/${encodeURIComponent(created.body.code)}`, {
      token: editorA,
    });
    expect(byCode.status).toBe(200);
    expect(byCode.body.id).toBe(created.body.id);
  });

  it('gives 20 parallel creations 20 different codes', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => create(editorA, sampleEntry({ classificationCode: '203001' }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(20);
    const sequences = codes.map((c) => Number(c.slice(-6))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('names every broken field and rule', async () => {
    const bad = await create(
      editorA,
      sampleEntry({
        name: '',
        sharing: { type: 'conditional', methods: [] },
        grade: { category: 'general' },
        items: [
          { name: '姓名', dataType: 'C' },
          { name: '姓 名', dataType: 'X' },
        ],
        classified: true,
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = (bad.body.errors as Array<{ path: string; rule: string }>).map((f) => `${f.path}:${f.rule}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'content.name:too_small',
        'content.items.0.length:length-required',
        'content.items.1.dataType:invalid_value',
      ]),
    );
    // Conditional rules need a well-formed body; they are reported once the shape is right.
    const conditional = await create(
      editorA,
      sampleEntry({
        sharing: { type: 'conditional', methods: [] },
        grade: { category: 'general' },
        classified: true,
        open: { type: 'conditional' },
      }),
    );
    expect(conditional.status).toBe(400);
    expect(
      (conditional.body.errors as Array<{ path: string; rule: string }>).map((f) => `${f.path}:${f.rule}`),
    ).toEqual(
      expect.arrayContaining([
        'content.classified:classified-refused',
        'content.grade.level:level-required',
        'content.sharing.conditions:required-for-conditional',
        'content.sharing.methods:required-unless-none',
        'content.open.conditions:required-for-conditional',
      ]),
    );
    const region = await create(editorA, sampleEntry({ regionCode: '369999' }));
    expect(region.status).toBe(422);
    expect(region.body.errors).toEqual([expect.objectContaining({ path: 'content.regionCode', rule: 'gb-t-2260' })]);
    const classification = await create(editorA, sampleEntry({ classificationCode: '199' }));
    expect(classification.status).toBe(422);
    expect(classification.body.errors[0]).toMatchObject({
      path: 'content.classificationCode',
      rule: 'known-classification',
    });
    const unknownField = await create(editorA, { ...sampleEntry(), colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0]).toMatchObject({ path: 'content', rule: 'unrecognized_keys' });
  });

  it('lets only the owning organisation create and edit, and only the node reviewer review', async () => {
    const forOtherOrg = await create(editorA, sampleEntry(), { organisationId: node.orgB.id });
    expect(forOtherOrg.status).toBe(403);
    expect((await create(reviewer)).status).toBe(403);

    const created = await create(editorA);
    const id = created.body.id as string;
    const matrix: Array<[string, string, string, number]> = [
      ['editor of another organisation edits', editorB, 'submit', 403],
      ['reviewer submits', reviewer, 'submit', 403],
      ['reviewer approves a draft', reviewer, 'approve', 409],
      ['owner submits', editorA, 'submit', 200],
      ['owner approves its own entry', editorA, 'approve', 403],
      ['reviewer of another node approves', foreignReviewer, 'approve', 403],
      ['data admin approves', dataAdmin, 'approve', 403],
      ['reviewer publishes before approval', reviewer, 'publish', 409],
      ['reviewer approves', reviewer, 'approve', 200],
      ['owner publishes', editorA, 'publish', 403],
      ['data admin publishes', dataAdmin, 'publish', 200],
      ['owner retires without a reason', editorA, 'retire', 422],
      ['reader retires', reader, 'retire', 403],
    ];
    for (const [what, token, action, status] of matrix) {
      const response = await act(token, id, action);
      expect({ what, status: response.status }).toEqual({ what, status });
    }
    const edit = await node.api('PUT', `/api/v1/catalog/entries/${id}`, {
      token: editorA,
      body: { content: sampleEntry({ name: '改名' }) },
    });
    expect(edit.status).toBe(409);
  });

  it('returns with reasons per field, then approves and publishes after the correction', async () => {
    const id = (await create(editorA)).body.id as string;
    await act(editorA, id, 'submit');
    expect((await act(reviewer, id, 'return', { reason: '请补充' })).status).toBe(422);
    const badField = await act(reviewer, id, 'return', { fieldReasons: [{ field: 'colour', reason: 'x' }] });
    expect(badField.status).toBe(422);
    expect(badField.body.errors[0]).toMatchObject({ path: 'fieldReasons[0].field' });
    const returned = await act(reviewer, id, 'return', {
      reason: '信息项不完整',
      fieldReasons: [
        { field: 'items', reason: '缺少民族' },
        { field: 'sharing.conditions', reason: '共享条件需写明适用场景' },
      ],
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      returnReasons: [{ field: 'items' }, { field: 'sharing.conditions' }],
    });

    const fixed = sampleEntry({
      items: [...(sampleEntry().items as unknown[]), { name: '民族', dataType: 'C', length: 2 }],
    });
    expect(
      (await node.api('PUT', `/api/v1/catalog/entries/${id}`, { token: editorA, body: { content: fixed } })).status,
    ).toBe(200);
    expect((await act(editorA, id, 'submit')).status).toBe(200);
    expect((await act(reviewer, id, 'approve')).status).toBe(200);
    const published = await act(reviewer, id, 'publish');
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1, versionState: 'published' });
    expect(published.body.publishDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const history = await node.api('GET', `/api/v1/catalog/entries/${id}/history`, { token: editorA });
    expect(history.body.items.map((t: { action: string; toState: string }) => `${t.action}:${t.toState}`)).toEqual([
      'create:draft',
      'submit:submitted',
      'return:returned',
      'update:draft',
      'submit:submitted',
      'approve:approved',
      'publish:published',
    ]);
    expect(history.body.items[2]).toMatchObject({
      actor: { subject: 'reviewer' },
      reason: '信息项不完整',
      fieldReasons: [{ field: 'items', reason: '缺少民族' }, expect.anything()],
    });
  });

  it('keeps a published version unchanged while a new version is reviewed, and diffs them', async () => {
    const { id } = await publishedEntry();
    const revised = await act(editorA, id, 'revise');
    expect(revised.body).toMatchObject({ status: 'published', version: 2, versionState: 'draft', publishedVersion: 1 });
    expect((await act(editorA, id, 'revise')).status).toBe(409);
    const v2 = sampleEntry({
      abstract: '新版摘要',
      updateCycle: 'realtime',
      items: [...(sampleEntry().items as unknown[]), { name: '民族', dataType: 'C', length: 2 }],
    });
    expect(
      (await node.api('PUT', `/api/v1/catalog/entries/${id}`, { token: editorA, body: { content: v2 } })).status,
    ).toBe(200);

    // Readers still see version 1; the owner sees the draft; the published version is untouched.
    const seen = await node.api('GET', `/api/v1/catalog/entries/${id}`, { token: reader });
    expect(seen.body).toMatchObject({ version: 1, content: { updateCycle: 'daily' } });
    expect((await node.api('GET', `/api/v1/catalog/entries/${id}?version=2`, { token: reader })).status).toBe(404);
    expect((await node.api('GET', `/api/v1/catalog/entries/${id}`, { token: editorA })).body).toMatchObject({
      version: 2,
    });

    const diff = await node.api('GET', `/api/v1/catalog/entries/${id}/diff?from=1&to=2`, { token: editorA });
    expect(diff.body.changes).toEqual([
      { path: 'abstract', change: 'changed', before: expect.any(String), after: '新版摘要' },
      { path: 'updateCycle', change: 'changed', before: 'daily', after: 'realtime' },
      { path: 'items[民族]', change: 'added', after: { name: '民族', dataType: 'C', length: 2 } },
    ]);

    await act(editorA, id, 'submit');
    await act(reviewer, id, 'approve');
    const republished = await act(reviewer, id, 'publish');
    expect(republished.body).toMatchObject({ publishedVersion: 2, version: 2 });
    const versions = await node.api('GET', `/api/v1/catalog/entries/${id}/versions`, { token: reader });
    expect(versions.body.items.map((v: { version: number; state: string }) => `${v.version}:${v.state}`)).toEqual([
      '1:superseded',
      '2:published',
    ]);

    // Not through SQL either: the database refuses to change a published version in place.
    await expect(
      node.sql(
        `UPDATE catalog_entry_version SET content = jsonb_set(content, '{name}', '"篡改"') WHERE entry_id = $1 AND version = 1`,
        [id],
      ),
    ).rejects.toThrow(/immutable/);
  });

  it('retires with a reason and never reuses the code', async () => {
    const { id, code } = await publishedEntry(sampleEntry({ classificationCode: '105001' }));
    const retired = await act(editorA, id, 'retire', { reason: '职责调整，数据不再产生' });
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');
    expect((await act(editorA, id, 'revise')).status).toBe(409);
    const next = await create(editorA, sampleEntry({ classificationCode: '105001' }));
    expect(next.body.code).not.toBe(code);
    expect(Number(next.body.code.slice(-6))).toBe(Number(code.slice(-6)) + 1);
  });

  it('shows readers only published, unrestricted entries', async () => {
    const draft = (await create(editorA)).body.id as string;
    const restricted = await publishedEntry(
      sampleEntry({ sharing: { type: 'none', legalBasis: '《中华人民共和国个人信息保护法》第十三条' } }),
    );
    const open = await publishedEntry();
    const roles: Array<[string, Role[], boolean]> = [
      ['reader of another organisation', [], false],
      ['reviewer of the node', ['catalog-reviewer'], true],
    ];
    for (const [who, roleList, seesAll] of roles) {
      const token = await node.token(node.orgB, roleList, who);
      expect((await node.api('GET', `/api/v1/catalog/entries/${draft}`, { token })).status).toBe(seesAll ? 200 : 404);
      expect((await node.api('GET', `/api/v1/catalog/entries/${restricted.id}`, { token })).status).toBe(
        seesAll ? 200 : 404,
      );
      expect((await node.api('GET', `/api/v1/catalog/entries/${open.id}`, { token })).status).toBe(200);
    }
    const listed = await node.api('GET', `/api/v1/catalog/entries?limit=200`, { token: reader });
    const ids = listed.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft);
    expect(ids).not.toContain(restricted.id);
  });

  it('pages the list with a cursor and refuses a forged one', async () => {
    const first = await node.api('GET', '/api/v1/catalog/entries?limit=5', { token: editorA });
    expect(first.body.items).toHaveLength(5);
    const second = await node.api('GET', `/api/v1/catalog/entries?limit=5&cursor=${first.body.nextCursor}`, {
      token: editorA,
    });
    expect(second.body.items).toHaveLength(5);
    const overlap = second.body.items.filter((e: { id: string }) =>
      first.body.items.some((f: { id: string }) => f.id === e.id),
    );
    expect(overlap).toEqual([]);
    const forged = await node.api('GET', '/api/v1/catalog/entries?cursor=abc', { token: editorA });
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0]).toMatchObject({ path: 'cursor' });
  });

  it('applies the node grade policy and lets the data admin extend the classification table', async () => {
    const l4Open = await create(
      editorA,
      sampleEntry({ grade: { category: 'general', level: 4 }, open: { type: 'unconditional' } }),
    );
    expect(l4Open.status).toBe(422);
    expect(l4Open.body.errors[0]).toMatchObject({ path: 'content.open.type', rule: 'grade-policy' });
    const coreShared = await create(
      editorA,
      sampleEntry({ grade: { category: 'core' }, sharing: { type: 'unconditional', methods: ['platform'] } }),
    );
    expect(coreShared.body.errors[0]).toMatchObject({ path: 'content.sharing.type', rule: 'grade-policy' });

    const policy = await node.api('GET', '/api/v1/catalog/settings/grade-policy', { token: reader });
    expect(policy.body.rules.find((r: { grade: string }) => r.grade === 'general-1')).toMatchObject({
      openTypes: ['unconditional', 'conditional', 'none'],
    });
    const loosen = {
      rules: [
        {
          grade: 'general-4',
          sharingTypes: ['unconditional', 'conditional', 'none'],
          openTypes: ['conditional', 'none'],
        },
      ],
    };
    expect(
      (await node.api('PUT', '/api/v1/catalog/settings/grade-policy', { token: editorA, body: loosen })).status,
    ).toBe(403);
    expect(
      (await node.api('PUT', '/api/v1/catalog/settings/grade-policy', { token: dataAdmin, body: loosen })).status,
    ).toBe(200);
    const l4Conditional = await create(
      editorA,
      sampleEntry({
        grade: { category: 'general', level: 4 },
        open: { type: 'conditional', conditions: '经审批后开放' },
      }),
    );
    expect(l4Conditional.status).toBe(201);

    const item = { code: '101009', name: '流动人口信息', nameEn: 'Floating population' };
    expect((await node.api('POST', '/api/v1/catalog/classifications', { token: editorA, body: item })).status).toBe(
      403,
    );
    const added = await node.api('POST', '/api/v1/catalog/classifications', { token: dataAdmin, body: item });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ code: '101009', parentCode: '101', level: 3, origin: 'node' });
    expect((await node.api('POST', '/api/v1/catalog/classifications', { token: dataAdmin, body: item })).status).toBe(
      409,
    );
    const orphan = await node.api('POST', '/api/v1/catalog/classifications', {
      token: dataAdmin,
      body: { code: '199001', name: '无' },
    });
    expect(orphan.status).toBe(422);
    expect(orphan.body.errors[0]).toMatchObject({ path: 'code', rule: 'known-parent' });
    const filed = await create(editorA, sampleEntry({ name: '流动人口登记信息', classificationCode: '101009' }));
    expect(filed.status).toBe(201);
    expect(filed.body.code).toMatch(/^101009\//);
  });
});

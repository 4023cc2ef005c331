import { randomUUID } from 'node:crypto';
import { sampleEntry, startCatalogNode, type CatalogNode, type TestOrganisation } from './catalog-harness.js';

/**
 * 目录检索 through the gateway: entries created, reviewed and published over REST (so the index is
 * kept by the entry hook, as in production), then searched as different readers.
 */

interface SearchItem {
  id: string;
  code: string;
  name: string;
  abstract: string;
  highlights: Array<[number, number]>;
  provider: { id: string; name: string | null };
  status: string;
  sharingType: string;
  score: number | null;
  publishDate: string | null;
}
interface FacetValue {
  value: string;
  label: { zh: string; en: string };
  count: number;
}
interface SearchPage {
  items: SearchItem[];
  nextCursor: string | null;
  facets?: Record<string, FacetValue[]>;
  total?: number;
}

const item = (name: string, length = 50) => ({ name, dataType: 'C', length });

describe('catalog search (目录检索)', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let reviewer: string;
  /** A signed-in government user of an organisation that provides nothing. */
  let reader: string;
  const ids: Record<string, string> = {};

  async function create(org: TestOrganisation, token: string, content: Record<string, unknown>): Promise<string> {
    const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/entries', {
      token,
      body: { content: sampleEntry(content) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    void org;
    return created.body.id;
  }

  async function act(id: string, action: string, token: string, body: unknown = {}): Promise<void> {
    const res = await node.api('POST', `/api/v1/catalog/entries/${id}/${action}`, { token, body });
    expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
  }

  /** Created by the organisation's editor, submitted, approved and published by the node's reviewer. */
  async function publish(org: TestOrganisation, token: string, content: Record<string, unknown>): Promise<string> {
    const id = await create(org, token, content);
    await act(id, 'submit', token);
    await act(id, 'approve', reviewer);
    await act(id, 'publish', reviewer);
    return id;
  }

  async function search(token: string, query: string): Promise<SearchPage> {
    const res = await node.api<SearchPage>('GET', `/api/v1/catalog/search${query}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  const names = (page: SearchPage) => page.items.map((i) => i.name);

  beforeAll(async () => {
    node = await startCatalogNode();
    editorA = await node.token(node.orgA, ['catalog-editor']);
    editorB = await node.token(node.orgB, ['catalog-editor']);
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'user:reviewer');
    reader = await node.token(randomUUID(), [], 'user:reader');

    const { orgA, orgB } = node;
    ids['人口基本信息'] = await publish(orgA, editorA, {});
    ids['流动人口居住登记信息'] = await publish(orgA, editorA, {
      name: '流动人口居住登记信息',
      abstract: '流动人员办理居住登记、居住证申领的登记信息。',
      classificationCode: '101002',
      items: [item('姓名'), item('公民身份号码', 18), item('居住地址', 200), { name: '登记日期', dataType: 'D' }],
      tags: ['居住证'],
    });
    ids['出入境证件签发信息'] = await publish(orgA, editorA, {
      name: '出入境证件签发信息',
      abstract: '本省常住人口申领护照、往来港澳通行证等出入境证件的受理和签发记录。',
      classificationCode: '105001',
      items: [item('证件号码', 20), item('证件类型', 10), { name: '签发日期', dataType: 'D' }],
      tags: ['出入境'],
    });
    ids['社保参保人员明细'] = await publish(orgA, editorA, {
      name: '社保参保人员明细',
      abstract: '参加基本养老、失业、工伤保险的人员名单和参保状态。',
      classificationCode: '203001',
      items: [item('姓名'), item('参保险种', 20), item('参保状态', 10)],
      tags: ['社保', '参保'],
      updateCycle: 'monthly',
    });
    ids['社会保险缴费信息'] = await publish(orgA, editorA, {
      name: '社会保险缴费信息',
      abstract: '单位和个人按月缴纳社会保险费的记录。',
      classificationCode: '203001',
      items: [item('单位名称', 200), { name: '缴费金额', dataType: 'Y', length: 12 }],
      tags: ['缴费'],
      updateCycle: 'monthly',
    });
    ids['企业登记信息'] = await publish(orgB, editorB, {
      name: '企业登记信息',
      abstract: '全省企业设立、变更、注销登记信息，包括统一社会信用代码、名称、法定代表人和注册资本。',
      classificationCode: '102002',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'unconditional' },
      grade: { category: 'general', level: 1 },
      items: [item('统一社会信用代码', 18), item('企业名称', 200), item('法定代表人')],
      tags: ['企业', '营业执照'],
    });
    ids['食品生产经营许可信息'] = await publish(orgB, editorB, {
      name: '食品生产经营许可信息',
      abstract: '食品生产许可证和食品经营许可证的核发、延续和注销信息。',
      classificationCode: '204001',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'conditional', conditions: '申请后开放' },
      grade: { category: 'general', level: 2 },
      items: [item('许可证编号', 30), item('经营者名称', 200)],
      tags: ['食品安全'],
      updateCycle: 'weekly',
    });
    // 不予共享: the node's authority and the provider find it, nobody else.
    ids['企业纳税信用明细'] = await publish(orgB, editorB, {
      name: '企业纳税信用明细',
      abstract: '企业纳税信用评价结果明细。',
      classificationCode: '104001',
      sharing: { type: 'none', legalBasis: '《中华人民共和国税收征收管理法》第八条' },
      items: [item('统一社会信用代码', 18), item('信用等级', 2)],
      tags: ['企业', '纳税信用'],
    });
    // A draft of organisation B, never submitted.
    ids['企业年度报告信息'] = await create(orgB, editorB, {
      name: '企业年度报告信息',
      abstract: '企业年度报告公示的资产和经营信息。',
      classificationCode: '102002',
      items: [item('企业名称', 200), item('报告年度', 4)],
      tags: ['企业'],
    });
  });

  afterAll(() => node?.close());

  it('ranks entries named for the query above entries that only mention it (人口)', async () => {
    const page = await search(reader, `?q=${encodeURIComponent('人口')}`);
    expect(names(page)).toEqual(['人口基本信息', '流动人口居住登记信息', '出入境证件签发信息']);
    const [first, second, third] = page.items as [SearchItem, SearchItem, SearchItem];
    expect(first.score!).toBeGreaterThan(second.score!);
    expect(second.score!).toBeGreaterThan(third.score!);
    // The passage is cut around the match and the match is marked.
    expect(third.highlights.map(([s, e]) => third.abstract.slice(s, e))).toEqual(['人口']);
    expect(first.provider).toEqual({ id: node.orgA.id, name: node.orgA.name });
    expect(first.status).toBe('published');
    expect(first.publishDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('finds a word split into single characters by the segmenter, and abbreviations with their full form (社保)', async () => {
    // 社保 is the common name of 社会保险: a user typing it wants both, the literal match first.
    expect(names(await search(reader, `?q=${encodeURIComponent('社保')}`))).toEqual([
      '社保参保人员明细',
      '社会保险缴费信息',
    ]);
    expect(names(await search(reader, `?q=${encodeURIComponent('社会保险')}`))).toEqual([
      '社会保险缴费信息',
      '社保参保人员明细',
    ]);
    expect(names(await search(reader, `?q=${encodeURIComponent('参保')}`))[0]).toBe('社保参保人员明细');
  });

  it('requires every word, not their adjacency, and searches item names and tags', async () => {
    expect(names(await search(reader, `?q=${encodeURIComponent('人口的基本信息')}`))[0]).toBe('人口基本信息');
    expect(names(await search(reader, `?q=${encodeURIComponent('人口 企业')}`))).toEqual([]);
    // 统一社会信用代码 is an item of 企业登记信息 only (the restricted entry is not visible to this reader).
    expect(names(await search(reader, `?q=${encodeURIComponent('信用代码')}`))).toEqual(['企业登记信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('居住证')}`))).toEqual(['流动人口居住登记信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('食')}`))).toEqual(['食品生产经营许可信息']);
  });

  it('hides other organisations’ drafts and restricted entries from a plain reader, not from the node’s reviewer', async () => {
    const everyStatus = 'status=draft,submitted,returned,approved,published,retired';
    const q = `?q=${encodeURIComponent('企业')}&${everyStatus}`;
    expect(names(await search(reader, q)).sort()).toEqual(['企业登记信息']);
    expect(names(await search(editorA, q)).sort()).toEqual(['企业登记信息']);
    // The provider sees its own draft and restricted entry; so does the node's authority.
    expect(names(await search(editorB, q)).sort()).toEqual(['企业年度报告信息', '企业登记信息', '企业纳税信用明细']);
    expect(names(await search(reviewer, q)).sort()).toEqual(['企业年度报告信息', '企业登记信息', '企业纳税信用明细']);
    // By default only published entries are listed, whoever asks.
    expect(names(await search(reviewer, `?q=${encodeURIComponent('企业')}`)).sort()).toEqual([
      '企业登记信息',
      '企业纳税信用明细',
    ]);
    expect(names(await search(editorB, `?q=${encodeURIComponent('企业')}&status=draft`))).toEqual(['企业年度报告信息']);
    // Suggestions follow the same rule.
    const suggested = await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent('企业')}`, {
      token: reader,
    });
    expect(suggested.body.suggestions.map((s: { text: string }) => s.text)).not.toContain('企业纳税信用明细');
    expect(suggested.body.suggestions.map((s: { text: string }) => s.text)).not.toContain('企业年度报告信息');
    const suggest = async (token: string, text: string) =>
      (await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent(text)}`, { token })).body.suggestions;
    expect(await suggest(reader, '纳税')).toEqual([]);
    expect(await suggest(reviewer, '纳税')).toEqual([
      { text: '企业纳税信用明细', kind: 'name', code: expect.stringMatching(/^104001\//) },
      { text: '纳税信用', kind: 'tag' },
    ]);
  });

  it('counts facets over what the reader may see, each facet ignoring its own filter', async () => {
    const page = await search(reader, '?facets=true&limit=1');
    expect(page.total).toBe(7);
    const counts = (facet: string) => Object.fromEntries(page.facets![facet]!.map((v) => [v.value, v.count]));
    expect(counts('provider')).toEqual({ [node.orgA.id]: 5, [node.orgB.id]: 2 });
    expect(page.facets!['provider']!.find((v) => v.value === node.orgB.id)!.label.zh).toBe(node.orgB.name);
    expect(counts('classificationClass')).toEqual({ '1': 4, '2': 3 });
    expect(counts('classification')).toEqual({ '101': 2, '102': 1, '105': 1, '203': 2, '204': 1 });
    expect(page.facets!['classification']!.find((v) => v.value === '203')!.label).toEqual({
      zh: '社会保障',
      en: 'Social security',
    });
    expect(counts('sharingType')).toEqual({ conditional: 5, unconditional: 2 });
    expect(page.facets!['sharingType']!.find((v) => v.value === 'conditional')!.label.zh).toBe('有条件共享');
    expect(counts('grade')).toEqual({ 'general-3': 5, 'general-1': 1, 'general-2': 1 });
    expect(counts('updateCycle')).toEqual({ daily: 4, monthly: 2, weekly: 1 });
    expect(counts('status')).toEqual({ published: 7 });

    const reviewerPage = await search(reviewer, '?facets=true&limit=1&status=published,draft');
    expect(reviewerPage.total).toBe(9);
    expect(Object.fromEntries(reviewerPage.facets!['status']!.map((v) => [v.value, v.count]))).toEqual({
      published: 8,
      draft: 1,
    });

    // Narrowed to unconditional sharing: the results and other facets narrow, the sharing facet does not.
    const narrowed = await search(reader, '?facets=true&sharingType=unconditional');
    expect(narrowed.total).toBe(2);
    expect(names(narrowed).sort()).toEqual(['企业登记信息', '食品生产经营许可信息']);
    expect(Object.fromEntries(narrowed.facets!['sharingType']!.map((v) => [v.value, v.count]))).toEqual({
      conditional: 5,
      unconditional: 2,
    });
    expect(Object.fromEntries(narrowed.facets!['provider']!.map((v) => [v.value, v.count]))).toEqual({
      [node.orgB.id]: 2,
    });
    // Filters by classification at any level, provider, grade and update cycle.
    expect(names(await search(reader, '?classification=2')).sort()).toEqual(
      ['社会保险缴费信息', '社保参保人员明细', '食品生产经营许可信息'].sort(),
    );
    expect(names(await search(reader, '?classification=101002'))).toEqual(['流动人口居住登记信息']);
    expect(names(await search(reader, `?provider=${node.orgB.id}&grade=general`)).sort()).toEqual([
      '企业登记信息',
      '食品生产经营许可信息',
    ]);
    expect(names(await search(reader, '?updateCycle=weekly,monthly&grade=general-3')).sort()).toEqual(
      ['社会保险缴费信息', '社保参保人员明细'].sort(),
    );
  });

  it('pages with a cursor through more results than a page holds, without duplicates or gaps', async () => {
    const q = (text: string) => `?q=${encodeURIComponent(text)}&`;
    const cases: Array<[query: string, size: number]> = [
      ['?', 2],
      [q('信息'), 2],
      [`${q('信息')}sort=recent&`, 3],
      // Across every relevance tier: name prefix, name, tags, items, abstract.
      [q('人口'), 1],
      [q('证'), 1],
      // Only in abstracts: the lowest tier, paged within itself.
      [q('常住'), 1],
    ];
    for (const [query, size] of cases) {
      const whole = await search(reader, `${query}limit=100`);
      expect(whole.items.length).toBeGreaterThan(size);
      expect(whole.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: SearchPage = await search(
          reader,
          `${query}limit=${size}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(size);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(seen, query).toEqual(whole.items.map((i) => i.id));
    }
    // Scores come in the order of the results.
    const ranked = await search(reader, `${q('证')}limit=100`);
    const scores = ranked.items.map((i) => i.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores.map(Math.floor)).size).toBeGreaterThanOrEqual(3);
  });

  it('suggests names and tags as the user types', async () => {
    const res = await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent('人口')}`, { token: reader });
    expect(res.status).toBe(200);
    const suggestions = res.body.suggestions as Array<{ text: string; kind: string; code?: string }>;
    expect(suggestions[0]).toMatchObject({ text: '人口基本信息', kind: 'name' });
    expect(suggestions[0]!.code).toMatch(/^101001\//);
    expect(suggestions).toContainEqual({ text: '人口', kind: 'tag' });
    // Names that contain the text come after those that start with it.
    expect(suggestions.map((s) => s.text)).toContain('流动人口居住登记信息');
    expect(suggestions.findIndex((s) => s.text === '流动人口居住登记信息')).toBeGreaterThan(0);

    const limited = await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent('信')}&limit=2`, {
      token: reader,
    });
    expect(limited.body.suggestions).toHaveLength(2);
  });

  it('follows the version readers see: a new version shows once published, a retired entry leaves the default list', async () => {
    const id = ids['食品生产经营许可信息']!;
    await act(id, 'revise', editorB);
    const v2 = sampleEntry({
      name: '食品经营许可证信息',
      abstract: '食品经营许可证的核发、延续、变更和注销信息（2026年起含网络餐饮）。',
      classificationCode: '204001',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'conditional', conditions: '申请后开放' },
      grade: { category: 'general', level: 2 },
      items: [item('许可证编号', 30), item('经营者名称', 200)],
      tags: ['食品安全', '网络餐饮'],
      updateCycle: 'weekly',
    });
    const updated = await node.api('PUT', `/api/v1/catalog/entries/${id}`, { token: editorB, body: { content: v2 } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    // The draft of version 2 is not what readers see: the published version 1 still is.
    expect(names(await search(reader, `?q=${encodeURIComponent('网络餐饮')}`))).toEqual([]);
    expect(names(await search(reader, `?q=${encodeURIComponent('食品生产')}`))).toEqual(['食品生产经营许可信息']);

    await act(id, 'submit', editorB);
    await act(id, 'approve', reviewer);
    await act(id, 'publish', reviewer);
    expect(names(await search(reader, `?q=${encodeURIComponent('网络餐饮')}`))).toEqual(['食品经营许可证信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('食品生产')}`))).toEqual([]);

    await act(id, 'retire', editorB, { reason: '职能调整，由新条目替代' });
    expect(names(await search(reader, `?q=${encodeURIComponent('网络餐饮')}`))).toEqual([]);
    const retired = await search(reader, `?q=${encodeURIComponent('网络餐饮')}&status=retired`);
    expect(retired.items.map((i) => [i.name, i.status])).toEqual([['食品经营许可证信息', 'retired']]);
  });

  it('rebuilds a lost index from the entries, for the node’s administrators only', async () => {
    const before = await search(reviewer, '?status=draft,published,retired&limit=100');
    await node.catalog.dataSource.query('DELETE FROM entry_search');
    expect((await search(reviewer, '?status=draft,published,retired')).items).toEqual([]);

    const refused = await node.api('POST', '/api/v1/catalog/search/reindex', { token: reviewer });
    expect(refused.status).toBe(403);
    const admin = await node.token(node.root, ['node-admin'], 'user:admin');
    const rebuilt = await node.api('POST', '/api/v1/catalog/search/reindex', { token: admin });
    expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(200);
    expect(rebuilt.body.indexed).toBe(9);
    expect(await search(reviewer, '?status=draft,published,retired&limit=100')).toEqual(before);
  });

  it('answers 400 naming the parameter for unknown values, limits out of range, bad cursors and unknown parameters', async () => {
    const bad = async (query: string) => {
      const res = await node.api('GET', `/api/v1/catalog/search${query}`, { token: reader });
      expect(res.status, query).toBe(400);
      return (res.body.errors ?? []).map((f: { path: string }) => f.path);
    };
    expect(await bad('?sharingType=sometimes')).toEqual(['sharingType.0']);
    expect(await bad('?status=deleted')).toEqual(['status.0']);
    expect(await bad('?limit=0')).toEqual(['limit']);
    expect(await bad('?limit=101')).toEqual(['limit']);
    expect(await bad('?cursor=abc')).toEqual(['cursor']);
    expect(await bad('?classification=9')).toEqual(['classification.0']);
    expect(await bad('?page=2')).toEqual(['page']);
    // A cursor of one search reused for another.
    const first = await search(reader, `?q=${encodeURIComponent('信息')}&limit=1`);
    expect(await bad(`?q=${encodeURIComponent('人口')}&limit=1&cursor=${first.nextCursor}`)).toEqual(['cursor']);

    const suggest = await node.api('GET', '/api/v1/catalog/suggest?limit=5', { token: reader });
    expect(suggest.status).toBe(400);
    const anonymous = await node.api('GET', '/api/v1/catalog/search?q=x');
    expect(anonymous.status).toBe(401);
  });
});

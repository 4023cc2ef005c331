import { randomUUID } from 'node:crypto';
import { sampleEntry, startCatalogNode, type CatalogNode, type TestOrganisation } from './catalog-harness.js';

/**
 * 目錄檢索 through the gateway: entries created, reviewed and published over REST (so the index is
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

describe('catalog search (目錄檢索)', () => {
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
    ids['流動人口居住登記信息'] = await publish(orgA, editorA, {
      name: '流動人口居住登記信息',
      abstract: '流動人員辦理居住登記、居住證申領的登記信息。',
      classificationCode: '101002',
      items: [item('姓名'), item('公民身份號碼', 18), item('居住地址', 200), { name: '登記日期', dataType: 'D' }],
      tags: ['居住證'],
    });
    ids['出入境證件簽發信息'] = await publish(orgA, editorA, {
      name: '出入境證件簽發信息',
      abstract: '本省常住人口申領護照、往來港澳通行證等出入境證件的受理和簽發記錄。',
      classificationCode: '105001',
      items: [item('證件號碼', 20), item('證件類型', 10), { name: '簽發日期', dataType: 'D' }],
      tags: ['出入境'],
    });
    ids['社保參保人員明細'] = await publish(orgA, editorA, {
      name: '社保參保人員明細',
      abstract: '參加基本養老、失業、工傷保險的人員名單和參保狀態。',
      classificationCode: '203001',
      items: [item('姓名'), item('參保險種', 20), item('參保狀態', 10)],
      tags: ['社保', '參保'],
      updateCycle: 'monthly',
    });
    ids['社會保險繳費信息'] = await publish(orgA, editorA, {
      name: '社會保險繳費信息',
      abstract: '單位和個人按月繳納社會保險費的記錄。',
      classificationCode: '203001',
      items: [item('單位名稱', 200), { name: '繳費金額', dataType: 'Y', length: 12 }],
      tags: ['繳費'],
      updateCycle: 'monthly',
    });
    ids['企業登記信息'] = await publish(orgB, editorB, {
      name: '企業登記信息',
      abstract: '全省企業設立、變更、注銷登記信息，包括統一社會信用代碼、名稱、法定代表人和注冊資本。',
      classificationCode: '102002',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'unconditional' },
      grade: { category: 'general', level: 1 },
      items: [item('統一社會信用代碼', 18), item('企業名稱', 200), item('法定代表人')],
      tags: ['企業', '營業執照'],
    });
    ids['食品生產經營許可信息'] = await publish(orgB, editorB, {
      name: '食品生產經營許可信息',
      abstract: '食品生產許可證和食品經營許可證的核發、延續和注銷信息。',
      classificationCode: '204001',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'conditional', conditions: '申請後開放' },
      grade: { category: 'general', level: 2 },
      items: [item('許可證編號', 30), item('經營者名稱', 200)],
      tags: ['食品安全'],
      updateCycle: 'weekly',
    });
    // 不予共享: the node's authority and the provider find it, nobody else.
    ids['企業納稅信用明細'] = await publish(orgB, editorB, {
      name: '企業納稅信用明細',
      abstract: '企業納稅信用評價結果明細。',
      classificationCode: '104001',
      sharing: { type: 'none', legalBasis: '《中華人民共和國稅收征收管理法》第八條' },
      items: [item('統一社會信用代碼', 18), item('信用等級', 2)],
      tags: ['企業', '納稅信用'],
    });
    // A draft of organisation B, never submitted.
    ids['企業年度報告信息'] = await create(orgB, editorB, {
      name: '企業年度報告信息',
      abstract: '企業年度報告公示的資產和經營信息。',
      classificationCode: '102002',
      items: [item('企業名稱', 200), item('報告年度', 4)],
      tags: ['企業'],
    });
  });

  afterAll(() => node?.close());

  it('ranks entries named for the query above entries that only mention it (人口)', async () => {
    const page = await search(reader, `?q=${encodeURIComponent('人口')}`);
    expect(names(page)).toEqual(['人口基本信息', '流動人口居住登記信息', '出入境證件簽發信息']);
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
    // 社保 is the common name of 社會保險: a user typing it wants both, the literal match first.
    expect(names(await search(reader, `?q=${encodeURIComponent('社保')}`))).toEqual([
      '社保參保人員明細',
      '社會保險繳費信息',
    ]);
    expect(names(await search(reader, `?q=${encodeURIComponent('社會保險')}`))).toEqual([
      '社會保險繳費信息',
      '社保參保人員明細',
    ]);
    expect(names(await search(reader, `?q=${encodeURIComponent('參保')}`))[0]).toBe('社保參保人員明細');
  });

  it('requires every word, not their adjacency, and searches item names and tags', async () => {
    expect(names(await search(reader, `?q=${encodeURIComponent('人口的基本信息')}`))[0]).toBe('人口基本信息');
    expect(names(await search(reader, `?q=${encodeURIComponent('人口 企業')}`))).toEqual([]);
    // 統一社會信用代碼 is an item of 企業登記信息 only (the restricted entry is not visible to this reader).
    expect(names(await search(reader, `?q=${encodeURIComponent('信用代碼')}`))).toEqual(['企業登記信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('居住證')}`))).toEqual(['流動人口居住登記信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('食')}`))).toEqual(['食品生產經營許可信息']);
  });

  it('hides other organisations’ drafts and restricted entries from a plain reader, not from the node’s reviewer', async () => {
    const everyStatus = 'status=draft,submitted,returned,approved,published,retired';
    const q = `?q=${encodeURIComponent('企業')}&${everyStatus}`;
    expect(names(await search(reader, q)).sort()).toEqual(['企業登記信息']);
    expect(names(await search(editorA, q)).sort()).toEqual(['企業登記信息']);
    // The provider sees its own draft and restricted entry; so does the node's authority.
    expect(names(await search(editorB, q)).sort()).toEqual(['企業年度報告信息', '企業登記信息', '企業納稅信用明細']);
    expect(names(await search(reviewer, q)).sort()).toEqual(['企業年度報告信息', '企業登記信息', '企業納稅信用明細']);
    // By default only published entries are listed, whoever asks.
    expect(names(await search(reviewer, `?q=${encodeURIComponent('企業')}`)).sort()).toEqual([
      '企業登記信息',
      '企業納稅信用明細',
    ]);
    expect(names(await search(editorB, `?q=${encodeURIComponent('企業')}&status=draft`))).toEqual(['企業年度報告信息']);
    // Suggestions follow the same rule.
    const suggested = await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent('企業')}`, {
      token: reader,
    });
    expect(suggested.body.suggestions.map((s: { text: string }) => s.text)).not.toContain('企業納稅信用明細');
    expect(suggested.body.suggestions.map((s: { text: string }) => s.text)).not.toContain('企業年度報告信息');
    const suggest = async (token: string, text: string) =>
      (await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent(text)}`, { token })).body.suggestions;
    expect(await suggest(reader, '納稅')).toEqual([]);
    expect(await suggest(reviewer, '納稅')).toEqual([
      { text: '企業納稅信用明細', kind: 'name', code: expect.stringMatching(/^104001\//) },
      { text: '納稅信用', kind: 'tag' },
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
      zh: '社會保障',
      en: 'Social security',
    });
    expect(counts('sharingType')).toEqual({ conditional: 5, unconditional: 2 });
    expect(page.facets!['sharingType']!.find((v) => v.value === 'conditional')!.label.zh).toBe('有條件共享');
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
    expect(names(narrowed).sort()).toEqual(['企業登記信息', '食品生產經營許可信息']);
    expect(Object.fromEntries(narrowed.facets!['sharingType']!.map((v) => [v.value, v.count]))).toEqual({
      conditional: 5,
      unconditional: 2,
    });
    expect(Object.fromEntries(narrowed.facets!['provider']!.map((v) => [v.value, v.count]))).toEqual({
      [node.orgB.id]: 2,
    });
    // Filters by classification at any level, provider, grade and update cycle.
    expect(names(await search(reader, '?classification=2')).sort()).toEqual(
      ['社會保險繳費信息', '社保參保人員明細', '食品生產經營許可信息'].sort(),
    );
    expect(names(await search(reader, '?classification=101002'))).toEqual(['流動人口居住登記信息']);
    expect(names(await search(reader, `?provider=${node.orgB.id}&grade=general`)).sort()).toEqual([
      '企業登記信息',
      '食品生產經營許可信息',
    ]);
    expect(names(await search(reader, '?updateCycle=weekly,monthly&grade=general-3')).sort()).toEqual(
      ['社會保險繳費信息', '社保參保人員明細'].sort(),
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
      [q('證'), 1],
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
    const ranked = await search(reader, `${q('證')}limit=100`);
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
    expect(suggestions.map((s) => s.text)).toContain('流動人口居住登記信息');
    expect(suggestions.findIndex((s) => s.text === '流動人口居住登記信息')).toBeGreaterThan(0);

    const limited = await node.api('GET', `/api/v1/catalog/suggest?q=${encodeURIComponent('信')}&limit=2`, {
      token: reader,
    });
    expect(limited.body.suggestions).toHaveLength(2);
  });

  it('follows the version readers see: a new version shows once published, a retired entry leaves the default list', async () => {
    const id = ids['食品生產經營許可信息']!;
    await act(id, 'revise', editorB);
    const v2 = sampleEntry({
      name: '食品經營許可證信息',
      abstract: '食品經營許可證的核發、延續、變更和注銷信息（2026年起含網絡餐飲）。',
      classificationCode: '204001',
      sharing: { type: 'unconditional', methods: ['platform'] },
      open: { type: 'conditional', conditions: '申請後開放' },
      grade: { category: 'general', level: 2 },
      items: [item('許可證編號', 30), item('經營者名稱', 200)],
      tags: ['食品安全', '網絡餐飲'],
      updateCycle: 'weekly',
    });
    const updated = await node.api('PUT', `/api/v1/catalog/entries/${id}`, { token: editorB, body: { content: v2 } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    // The draft of version 2 is not what readers see: the published version 1 still is.
    expect(names(await search(reader, `?q=${encodeURIComponent('網絡餐飲')}`))).toEqual([]);
    expect(names(await search(reader, `?q=${encodeURIComponent('食品生產')}`))).toEqual(['食品生產經營許可信息']);

    await act(id, 'submit', editorB);
    await act(id, 'approve', reviewer);
    await act(id, 'publish', reviewer);
    expect(names(await search(reader, `?q=${encodeURIComponent('網絡餐飲')}`))).toEqual(['食品經營許可證信息']);
    expect(names(await search(reader, `?q=${encodeURIComponent('食品生產')}`))).toEqual([]);

    await act(id, 'retire', editorB, { reason: '職能調整，由新條目替代' });
    expect(names(await search(reader, `?q=${encodeURIComponent('網絡餐飲')}`))).toEqual([]);
    const retired = await search(reader, `?q=${encodeURIComponent('網絡餐飲')}&status=retired`);
    expect(retired.items.map((i) => [i.name, i.status])).toEqual([['食品經營許可證信息', 'retired']]);
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

import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { entryContentSchema } from '../entries/entry-content.js';
import { EntrySearchIndexer } from './entry-search.indexer.js';
import { EntrySearchRepository, type SearchPlan } from './entry-search.repository.js';
import { parseQuery, toTsquery } from './search-tokenizer.js';

const content = (name: string, sharing: 'conditional' | 'none' = 'conditional') =>
  entryContentSchema.parse({
    name,
    abstract: `${name}的摘要`,
    classificationCode: '203001',
    grade: { category: 'general', level: 2 },
    sharing:
      sharing === 'conditional'
        ? { type: sharing, conditions: '依法履职', methods: ['platform'] }
        : { type: sharing, legalBasis: '《中华人民共和国个人信息保护法》' },
    open: { type: 'none' },
    format: { category: 'database' },
    updateCycle: 'monthly',
    items: [{ name: '姓名', dataType: 'C', length: 50 }],
    regionCode: '360000',
    tags: ['社保'],
  });

// The search index written from the entries by the indexer, and read by the search's typed hits.
describe('EntrySearchIndexer and EntrySearchRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const indexer = new EntrySearchIndexer();
  const search = new EntrySearchRepository();
  const organisationId = randomUUID();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
    await dataSource.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, version, active)
       VALUES ($1, '360000', '江西省人力资源和社会保障厅', '11360000000000000X', '360000', 'department', 1, true)`,
      [organisationId],
    );
    const entries: Array<[string, string, boolean, 'conditional' | 'none']> = [
      ['pension', '社保参保人员明细', true, 'conditional'],
      ['injury', '工伤保险待遇', true, 'conditional'],
      ['draft', '社保缴费基数草稿', false, 'conditional'],
      ['secret', '社保核心名单', true, 'none'],
    ];
    for (const [key, name, published, sharing] of entries) {
      ids[key] = await insertFixtureEntry(dataSource, {
        nodeCode: '360000',
        organisationId,
        code: `203001/360000${String(Object.keys(ids).length + 1).padStart(6, '0')}`,
        name,
        published,
        content: content(name, sharing) as unknown as Record<string, unknown>,
      });
    }
  });
  afterAll(() => db?.drop());

  const plan = (over: Partial<SearchPlan> = {}): SearchPlan => ({
    reader: { nodeCode: '360000', organisationId: randomUUID(), nodeAuthority: false },
    scope: 'node',
    match: null,
    filters: { status: ['published'] },
    sort: 'recent',
    limit: 10,
    ...over,
  });

  it('indexes entries in id batches and drops the rows of entries that are gone', async () => {
    const all = await indexer.entryIdsAfter(dataSource.manager, null, 100);
    expect([...all].sort()).toEqual(Object.values(ids).sort());
    const [first, ...rest] = all;
    expect(await indexer.entryIdsAfter(dataSource.manager, first!, 100)).toEqual(rest);
    expect(await dataSource.transaction((m) => indexer.index(m, all))).toBe(4);
    const indexed: Array<{ entry_id: string; status: string; restricted: boolean }> = await dataSource.query(
      'SELECT entry_id, status, restricted FROM entry_search ORDER BY code',
    );
    expect(indexed.map((r) => [r.entry_id, r.status, r.restricted])).toEqual([
      [ids['pension'], 'published', false],
      [ids['injury'], 'published', false],
      [ids['draft'], 'draft', false],
      [ids['secret'], 'published', true],
    ]);
    const tags: Array<{ tag: string }> = await dataSource.query('SELECT DISTINCT tag FROM entry_search_tag');
    expect(tags).toEqual([{ tag: '社保' }]);

    const orphan = randomUUID();
    await dataSource.query(
      `INSERT INTO entry_search (entry_id, node_code, organisation_id, code, version, name, name_key, abstract, tags,
         name_len, status, published, restricted, classification_code, sharing_type, open_type, grade_category,
         grade_level, grade, update_cycle, sort_at, recency, name_vector, title_vector, item_vector, document, replica)
       SELECT $1, node_code, organisation_id, '203001/360000999999', version, name, name_key, abstract, tags, name_len,
         status, published, restricted, classification_code, sharing_type, open_type, grade_category, grade_level,
         grade, update_cycle, sort_at, recency, name_vector, title_vector, item_vector, document, false
       FROM entry_search WHERE entry_id = $2`,
      [orphan, ids['pension']],
    );
    expect(await indexer.dropOrphans(dataSource.manager)).toBe(1);
  });

  it('answers what another organisation may see, newest first, as typed hits', async () => {
    const hits = await search.search(dataSource.manager, plan());
    expect(hits.map((h) => h.entryId).sort()).toEqual([ids['pension'], ids['injury']].sort());
    expect(hits[0]).toMatchObject({
      organisationId,
      providerName: '江西省人力资源和社会保障厅',
      classificationCode: '203001',
      sharingType: 'conditional',
      gradeCategory: 'general',
      gradeLevel: 2,
      updateCycle: 'monthly',
      status: 'published',
      tier: null,
      nodeCode: '360000',
      origin: null,
    });
    expect(typeof hits[0]!.recency).toBe('string');
    expect(typeof hits[0]!.nameLen).toBe('number');
  });

  it('ranks a name match above a match elsewhere, and shows the provider its drafts and restricted entries', async () => {
    const parsed = parseQuery('社保')!;
    const match = { tsquery: toTsquery(parsed)!, key: parsed.key };
    const hits = await search.search(dataSource.manager, plan({ match, sort: 'relevance' }));
    // 工伤保险待遇 only bears the tag 社保: below the entry whose name holds it.
    expect(hits.map((h) => h.entryId)).toEqual([ids['pension'], ids['injury']]);
    expect(hits[0]!.tier).toBeGreaterThanOrEqual(3);
    expect(hits[1]!.tier).toBeLessThan(3);

    const provider = { nodeCode: '360000', organisationId, nodeAuthority: false };
    const own = await search.search(
      dataSource.manager,
      plan({ reader: provider, match, sort: 'relevance', filters: { status: ['published', 'draft'] } }),
    );
    expect(own.map((h) => h.entryId).sort()).toEqual(Object.values(ids).sort());
  });
});

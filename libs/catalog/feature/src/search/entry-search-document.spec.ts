import { entryContentSchema } from '../entries/entry-content.js';
import { searchRow, type IndexSource } from './entry-search-document.js';

const content = entryContentSchema.parse({
  name: '社保参保人员明细',
  abstract: '参加基本养老、失业、工伤保险的人员名单。',
  classificationCode: '203001',
  grade: { category: 'general', level: 2 },
  sharing: { type: 'conditional', conditions: '依法履职', methods: ['platform'] },
  open: { type: 'none' },
  format: { category: 'database' },
  updateCycle: 'monthly',
  items: [
    { name: '姓名', dataType: 'C', length: 50 },
    { name: '参保状态', dataType: 'C', length: 10 },
  ],
  regionCode: '360000',
  tags: ['社保', ' 社保 ', '参保'],
});

function source(overrides: Partial<IndexSource> = {}): IndexSource {
  return {
    entryId: '0b6f3a52-4f3e-4c59-9a53-2f5e2a0c9d11',
    code: '203001/100000000007',
    nodeCode: '100000',
    organisationId: '7d1c1a8e-6a4f-4f7e-9f59-5a1b2c3d4e5f',
    headState: 'published',
    publishedVersion: 1,
    retired: false,
    updatedAt: '2026-03-02T00:00:00.000Z',
    version: 1,
    content,
    publishedAt: '2026-03-01T08:00:00.000Z',
    publishDate: '2026-03-01',
    ...overrides,
  };
}

describe('searchRow', () => {
  it('describes a published entry: status, facets, newest-first key, one vector per field', () => {
    const row = searchRow(source());
    expect(row).toMatchObject({
      status: 'published',
      published: true,
      restricted: false,
      grade: 'general-2',
      classification_code: '203001',
      // keys and lexemes are folded to simplified script; the stored name and tags are not
      name_key: '社保参保人员明细',
      name_len: 8,
      tags: ['社保', '参保'],
      sort_at: '2026-03-01T08:00:00.000Z',
      recency: -Date.parse('2026-03-01T08:00:00.000Z'),
    });
    expect(row.name_vector).toContain("'社保'");
    expect(row.name_vector).toContain("'203001'");
    expect(row.name_vector).not.toContain("'状态'");
    expect(row.item_vector).toContain("'状态'");
    expect(row.item_vector).not.toContain("'社保'");
    expect(row.document).toContain("'养老'");
  });

  it('orders an unpublished entry by its last change and keeps it unpublished', () => {
    const row = searchRow(source({ headState: 'submitted', publishedVersion: null, publishedAt: null }));
    expect(row).toMatchObject({ status: 'submitted', published: false, sort_at: '2026-03-02T00:00:00.000Z' });
  });

  it('marks 不予共享 and 核心数据 entries restricted, and retired entries still published', () => {
    const none = entryContentSchema.parse({ ...content, sharing: { type: 'none', legalBasis: '法律规定' } });
    expect(searchRow(source({ content: none })).restricted).toBe(true);
    const core = entryContentSchema.parse({ ...content, grade: { category: 'core' } });
    expect(searchRow(source({ content: core }))).toMatchObject({ restricted: true, grade: 'core' });
    expect(searchRow(source({ retired: true }))).toMatchObject({ status: 'retired', published: true });
  });
});

import { entryContentSchema } from './entry-content.js';
import { diffContent } from './entry-diff.js';

const v1 = entryContentSchema.parse({
  name: '人口基本信息',
  abstract: '户籍人口基本信息',
  classificationCode: '101001',
  grade: { category: 'general', level: 2 },
  sharing: { type: 'unconditional', methods: ['platform'] },
  open: { type: 'none' },
  format: { category: 'database' },
  updateCycle: 'daily',
  items: [
    { name: '姓名', dataType: 'C', length: 50 },
    { name: '性别', dataType: 'C', length: 1 },
  ],
  regionCode: '360000',
  tags: ['人口'],
});

describe('field-level diff between versions', () => {
  it('names each changed, added and removed field and item', () => {
    const v2 = entryContentSchema.parse({
      ...v1,
      sharing: { type: 'conditional', conditions: '依法履职', methods: ['platform'] },
      items: [
        { name: '性别', dataType: 'C', length: 1 },
        { name: '姓名', dataType: 'C', length: 100 },
        { name: '民族', dataType: 'C', length: 2 },
      ],
      tags: ['人口', '基础'],
    });
    expect(diffContent(v1, v2)).toEqual([
      { path: 'sharing.conditions', change: 'added', after: '依法履职' },
      { path: 'sharing.type', change: 'changed', before: 'unconditional', after: 'conditional' },
      { path: 'tags', change: 'changed', before: ['人口'], after: ['人口', '基础'] },
      { path: 'items[姓名].length', change: 'changed', before: 50, after: 100 },
      { path: 'items[民族]', change: 'added', after: { name: '民族', dataType: 'C', length: 2 } },
    ]);
  });

  it('finds nothing between equal versions, whatever the order of items and tags', () => {
    const reordered = entryContentSchema.parse({ ...v1, items: [...v1.items].reverse() });
    expect(diffContent(v1, reordered)).toEqual([]);
  });
});

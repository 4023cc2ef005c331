import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { catalogEntryEvent, openExchangeTestSchema } from '../exchange-test-schema.js';
import { EntryRefRepository } from './entry-ref.repository.js';

const CONTENT = {
  name: '人口基本信息',
  grade: { category: 'general', level: 3 },
  sharing: { type: 'conditional' },
  items: [
    { name: '姓名', dataType: 'C' },
    { name: '公民身份号码', dataType: 'C', dataElement: 'DE00001' },
    { name: '', dataType: 'C' },
    'not an item',
  ],
};

describe('EntryRefRepository on PostgreSQL', () => {
  let config: NodeConfig;
  let db: DataSource;
  const entries = new EntryRefRepository();
  const organisationId = randomUUID();

  beforeAll(async () => {
    config = await testNodeConfig();
    db = await openExchangeTestSchema(config);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('keeps the published version’s name, grade, sharing and items', async () => {
    const id = randomUUID();
    await entries.apply(
      db.manager,
      catalogEntryEvent({ id, nodeCode: '360000', organisationId }, 1, { state: 'published', content: CONTENT }),
    );
    expect(await entries.find(db.manager, id)).toEqual({
      id,
      code: '101001/100000000001',
      nodeCode: '360000',
      organisationId,
      name: '人口基本信息',
      status: 'published',
      grade: 'general-3',
      items: [
        { name: '姓名', dataType: 'C' },
        { name: '公民身份号码', dataType: 'C', dataElement: 'DE00001' },
        { name: '', dataType: 'C' },
      ],
      sharingType: 'conditional',
    });
    expect(await entries.find(db.manager, randomUUID())).toBeNull();
  });

  it('changes only the status for a draft revision of a published entry, and ignores older events', async () => {
    const id = randomUUID();
    const entry = { id, nodeCode: '360000', organisationId };
    await entries.apply(db.manager, catalogEntryEvent(entry, 1, { state: 'published', content: CONTENT }));
    const draft = { ...CONTENT, name: '人口基本信息（修订）', grade: { category: 'core' }, sharing: { type: 'none' } };
    await entries.apply(
      db.manager,
      catalogEntryEvent(entry, 2, { state: 'draft', status: 'published', content: draft }),
    );
    expect(await entries.find(db.manager, id)).toMatchObject({
      name: '人口基本信息',
      grade: 'general-3',
      sharingType: 'conditional',
    });
    await entries.apply(db.manager, catalogEntryEvent(entry, 4, { state: 'published', content: draft }));
    await entries.apply(
      db.manager,
      catalogEntryEvent(entry, 3, { state: 'published', status: 'retired', content: CONTENT }),
    );
    expect(await entries.find(db.manager, id)).toMatchObject({
      name: '人口基本信息（修订）',
      grade: 'core',
      sharingType: 'none',
      status: 'published',
    });
  });

  it('has no grade for content without a valid one: calls are then masked as core data', async () => {
    const id = randomUUID();
    await entries.apply(
      db.manager,
      catalogEntryEvent({ id, nodeCode: '360000', organisationId }, 1, {
        state: 'draft',
        content: { grade: { category: 'general', level: 7 } },
      }),
    );
    expect(await entries.find(db.manager, id)).toMatchObject({
      name: '101001/100000000001',
      grade: null,
      items: [],
      sharingType: null,
      status: 'draft',
    });
  });
});

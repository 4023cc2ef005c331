import { randomUUID } from 'node:crypto';
import type { NodeConfig } from '@govdata/platform-config';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { EntryRefRepository } from '../entries/entry-ref.repository.js';
import { catalogEntryEvent, openExchangeTestSchema } from '../exchange-test-schema.js';
import { ApiResourceRepository, type NewApiResource } from './api-resource.repository.js';

const HERE = '360000';

describe('ApiResourceRepository on PostgreSQL', () => {
  let config: NodeConfig;
  let db: DataSource;
  const resources = new ApiResourceRepository();
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

  /** A resource of a new entry of `organisation` (the table references the entry). */
  async function resource(organisation = organisationId, nodeCode = HERE): Promise<NewApiResource> {
    const entryId = randomUUID();
    await entries.apply(
      db.manager,
      catalogEntryEvent({ id: entryId, nodeCode, organisationId: organisation }, 1, {
        state: 'published',
        content: { name: '人口基本信息' },
      }),
    );
    return {
      id: randomUUID(),
      nodeCode,
      organisationId: organisation,
      entryId,
      name: '人口基本信息查询',
      baseUrl: 'https://api.example.gov.cn/v1',
      openapi: { openapi: '3.0.3', info: { title: '人口', version: '1' }, paths: {} },
      operations: [{ method: 'GET', path: '/persons', operationId: 'listPersons', summary: null, recordsAt: 'data' }],
      responseItems: [{ item: '姓名', field: 'xm', maskAs: 'name' }],
      recordsAt: 'data.list',
      upstream: { timeoutMs: 800 },
      credentialKind: 'api-key',
      credentialMeta: { in: 'header', name: 'x-api-key' },
      credentialCipher: 'sealed-secret',
      createdBy: 'user:data-admin',
    };
  }

  it('stores a resource and reads it back field for field, by id and by entry', async () => {
    const input = await resource();
    const stored = await resources.insert(db.manager, input);
    expect(stored).toEqual({ ...input, version: 1, createdAt: expect.any(Date), updatedAt: expect.any(Date) });
    expect(await resources.findById(db.manager, HERE, input.id)).toEqual(stored);
    expect(await resources.findByEntry(db.manager, HERE, input.entryId)).toEqual(stored);
    // Every query names the node.
    expect(await resources.findById(db.manager, '110000', input.id)).toBeNull();
    expect(await resources.findByEntry(db.manager, '110000', input.entryId)).toBeNull();
  });

  it('keeps one resource per entry', async () => {
    const input = await resource();
    await resources.insert(db.manager, input);
    await expect(resources.insert(db.manager, { ...input, id: randomUUID() })).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('lists the node’s or one organisation’s resources, and deletes one', async () => {
    const other = randomUUID();
    const mine = await resources.insert(db.manager, await resource());
    const theirs = await resources.insert(db.manager, await resource(other));
    const ids = async (organisation: string | null) =>
      (await resources.list(db.manager, HERE, organisation)).map((r) => r.id);
    expect(await ids(other)).toEqual([theirs.id]);
    expect(await ids(null)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    await resources.delete(db.manager, '110000', theirs.id);
    expect(await ids(other)).toEqual([theirs.id]);
    await resources.delete(db.manager, HERE, theirs.id);
    expect(await ids(other)).toEqual([]);
  });
});

import { isUniqueViolation } from '@govdata/platform-persistence';
import { openTestSchema, type TestSchema } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { IDENTITY_MIGRATIONS } from '../migrations/1763856200000-create-identity.js';
import { decodeCursor } from '../paging/cursor.js';
import { OrganisationRepository, type NewOrganisation } from './organisation.repository.js';

const NODE = '360000';
const uscc = (n: number) => `1136000000000000${String(n).padStart(2, '0')}`;
const organisation = (n: number, overrides: Partial<NewOrganisation> = {}): NewOrganisation => ({
  nodeCode: NODE,
  name: `机构${n}`,
  uscc: uscc(n),
  regionCode: '360000',
  kind: 'department',
  parentId: null,
  ...overrides,
});

// `organisation` on a real PostgreSQL: a fresh node database with the identity migrations.
describe('OrganisationRepository (PostgreSQL)', () => {
  let schema: TestSchema;
  let db: DataSource;
  const repository = new OrganisationRepository();

  beforeAll(async () => {
    schema = await openTestSchema('gateway', { migrations: IDENTITY_MIGRATIONS });
    db = schema.dataSource;
  });

  afterAll(async () => {
    await schema?.close();
  });

  it('inserts, and reads back by id, by USCC and as the root, only on its own node', async () => {
    const root = await repository.insert(db.manager, organisation(1, { isRoot: true, kind: 'government' }));
    expect(root).toMatchObject({ nodeCode: NODE, isRoot: true, authority: true, version: 1, active: true });
    expect(root.createdAt).toBeInstanceOf(Date);
    const child = await repository.insert(db.manager, organisation(2, { parentId: root.id }));
    expect(child).toMatchObject({ parentId: root.id, isRoot: false, authority: false, kind: 'department' });

    expect(await repository.findById(db.manager, NODE, child.id)).toEqual(child);
    expect(await repository.findById(db.manager, NODE, child.id, { forUpdate: true })).toEqual(child);
    expect(await repository.findByUscc(db.manager, NODE, uscc(2))).toEqual(child);
    expect(await repository.findRoot(db.manager, NODE)).toEqual(root);
    expect(await repository.findById(db.manager, '100000', child.id)).toBeUndefined();
    expect(await repository.findRoot(db.manager, '100000')).toBeUndefined();
  });

  it('refuses a second organisation with the same USCC on the node', async () => {
    await repository.insert(db.manager, organisation(3));
    const error = await repository.insert(db.manager, organisation(3, { name: '另一个' })).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('applies only the changes given and bumps the version by one', async () => {
    const before = await repository.insert(db.manager, organisation(4));
    // A JavaScript Date holds milliseconds, PostgreSQL microseconds: an update within the insert's
    // millisecond would read back the same instant (failed once in CI). Let one pass.
    await new Promise((resolve) => setTimeout(resolve, 2));
    const after = await repository.update(db.manager, NODE, before.id, { name: '改名后的机构', authority: true });
    expect(after).toEqual({
      ...before,
      name: '改名后的机构',
      authority: true,
      version: 2,
      updatedAt: expect.any(Date),
    });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const deactivated = await repository.update(db.manager, NODE, before.id, { active: false, regionCode: '360100' });
    expect(deactivated).toMatchObject({ active: false, regionCode: '360100', name: '改名后的机构', version: 3 });
  });

  it('lists an organisation and its ancestors', async () => {
    const top = await repository.insert(db.manager, organisation(5));
    const middle = await repository.insert(db.manager, organisation(6, { parentId: top.id }));
    const bottom = await repository.insert(db.manager, organisation(7, { parentId: middle.id }));
    expect((await repository.selfAndAncestorIds(db.manager, NODE, bottom.id)).sort()).toEqual(
      [top.id, middle.id, bottom.id].sort(),
    );
    expect(await repository.selfAndAncestorIds(db.manager, '100000', bottom.id)).toEqual([]);
  });

  it('pages the node’s organisations in creation order', async () => {
    await repository.insert(db.manager, organisation(8, { nodeCode: '100000', regionCode: '100000' }));
    const all: string[] = [];
    let page = await repository.page(db.manager, NODE, 3);
    all.push(...page.items.map((o) => o.id));
    while (page.nextCursor) {
      page = await repository.page(db.manager, NODE, 3, decodeCursor(page.nextCursor));
      all.push(...page.items.map((o) => o.id));
    }
    const expected = await db.query('SELECT id FROM organisation WHERE node_code = $1 ORDER BY created_at, id', [NODE]);
    expect(all).toEqual(expected.map((r: { id: string }) => r.id));
    expect(all.length).toBeGreaterThan(3);
  });
});

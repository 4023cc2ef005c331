import { randomUUID } from 'node:crypto';
import { ErrorCode, type GovdataError } from '@govdata/platform-errors';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase } from '../catalog-database.fixture.js';
import { MAX_SEQUENCE } from './entry-code.js';
import type { EntryContent } from './entry-content.js';
import { EntryRepository } from './entry.repository.js';

const NODE = '360100';
const content = (name: string, classificationCode = '101001'): EntryContent =>
  ({ name, classificationCode, items: [], sharing: { type: 'conditional' }, grade: { category: 'general' } }) as never;

// The one writer of catalog_entry, its versions, transitions and codes, on a fresh catalog schema.
describe('EntryRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const entries = new EntryRepository();
  const organisationId = randomUUID();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
  });
  afterAll(() => db?.drop());

  async function register(name: string): Promise<{ id: string; code: string }> {
    return dataSource.transaction(async (m) => {
      const id = randomUUID();
      const code = await entries.assignCode(m, NODE, '101001', id);
      await entries.insertEntry(m, {
        id,
        code,
        nodeCode: NODE,
        organisationId,
        createdBy: 'editor',
        content: content(name),
      });
      return { id, code };
    });
  }

  it('hands out codes in sequence per node and 前段码, and never the same one twice', async () => {
    const [a, b] = [await register('甲'), await register('乙')];
    expect(a.code).toMatch(/^101001\/360100\d{6}$/);
    expect(Number(b.code.slice(-6))).toBe(Number(a.code.slice(-6)) + 1);
    await dataSource.transaction(async (m) => {
      await entries.releaseCode(m, a.code);
      const next = await entries.assignCode(m, NODE, '101001', randomUUID());
      expect(Number(next.slice(-6))).toBe(Number(b.code.slice(-6)) + 1);
    });
    const released: Array<{ released_at: Date | null }> = await dataSource.query(
      'SELECT released_at FROM assigned_code WHERE code = $1',
      [a.code],
    );
    expect(released[0]!.released_at).toBeInstanceOf(Date);
  });

  it('refuses a code once the sequence under a 前段码 is used up (422 code-space-exhausted)', async () => {
    await dataSource.query(`INSERT INTO code_sequence (node_code, prefix, last_value) VALUES ($1, '999999', $2)`, [
      NODE,
      MAX_SEQUENCE,
    ]);
    const error = (await entries
      .assignCode(dataSource.manager, NODE, '999999', randomUUID())
      .catch((e) => e)) as GovdataError;
    expect(error.code).toBe(ErrorCode.RuleViolated);
    expect(error.fields).toEqual([expect.objectContaining({ rule: 'code-space-exhausted' })]);
  });

  it('reads an entry by id or code on its own node only, with its draft version', async () => {
    const { id, code } = await register('企业登记信息');
    const byId = await entries.find(dataSource.manager, NODE, id);
    expect(byId).toMatchObject({ id, code, nodeCode: NODE, organisationId, headVersion: 1, headState: 'draft' });
    expect(byId).toMatchObject({ publishedVersion: null, retiredAt: null, authoritativeEntryId: null });
    expect(await entries.find(dataSource.manager, NODE, code)).toEqual(byId);
    expect(await entries.find(dataSource.manager, '360000', id)).toBeNull();
    expect(await entries.findVersion(dataSource.manager, id, 1)).toMatchObject({
      entryId: id,
      version: 1,
      state: 'draft',
      content: { name: '企业登记信息' },
      returnReasons: null,
      publishDate: null,
    });
  });

  it('moves versions and the head through a publication, a return and a new version', async () => {
    const { id } = await register('社保参保人员明细');
    await dataSource.transaction(async (m) => {
      await entries.setVersionState(m, id, 1, 'returned', [{ field: 'items', reason: '缺少说明' }]);
      await entries.setVersionState(m, id, 1, 'submitted');
      await entries.setVersionState(m, id, 1, 'published');
      await entries.setHead(m, id, { version: 1, state: 'published', publishedVersion: 1 });
      await entries.insertVersion(m, id, 2, content('社保参保人员明细（新）'), 'editor');
      await entries.setHead(m, id, { version: 2, state: 'draft' });
    });
    const entry = (await entries.find(dataSource.manager, NODE, id))!;
    expect(entry).toMatchObject({ headVersion: 2, headState: 'draft', publishedVersion: 1 });
    expect(entry.firstPublishedAt).toBeInstanceOf(Date);
    const [first, second] = await entries.listVersions(dataSource.manager, id);
    // The reasons stay with the version until a return replaces them.
    expect(first).toMatchObject({ state: 'published', returnReasons: [{ field: 'items', reason: '缺少说明' }] });
    expect(first!.publishDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first!.submittedAt).toBeInstanceOf(Date);
    expect(second).toMatchObject({ version: 2, state: 'draft', content: { name: '社保参保人员明细（新）' } });

    await dataSource.transaction((m) => entries.setHead(m, id, { version: 2, state: 'draft', retired: true }));
    expect((await entries.find(dataSource.manager, NODE, id))!.retiredAt).toBeInstanceOf(Date);
  });

  it('records transitions in sequence and streams them per node with the entry code', async () => {
    const { id, code } = await register('人口基础信息');
    const first = await entries.insertTransition(dataSource.manager, {
      entryId: id,
      version: 1,
      action: 'create',
      fromState: null,
      toState: 'draft',
      actor: { subject: 'editor', name: '张三', organisationId },
      reason: null,
      fieldReasons: null,
    });
    const second = await entries.insertTransition(dataSource.manager, {
      entryId: id,
      version: 1,
      action: 'return',
      fromState: 'submitted',
      toState: 'returned',
      actor: { subject: 'reviewer', name: null, organisationId: null },
      reason: '退回',
      fieldReasons: [{ field: 'name', reason: '名称不规范' }],
    });
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(await entries.transitions(dataSource.manager, id)).toEqual([
      expect.objectContaining({
        seq: first.seq,
        action: 'create',
        fromState: null,
        actor: { subject: 'editor', name: '张三', organisationId },
      }),
      expect.objectContaining({
        seq: second.seq,
        reason: '退回',
        fieldReasons: [{ field: 'name', reason: '名称不规范' }],
      }),
    ]);
    const stream = await entries.transitionsAfter(dataSource.manager, NODE, first.seq - 1, 10);
    expect(stream.map((t) => [t.seq, t.code])).toEqual([
      [first.seq, code],
      [second.seq, code],
    ]);
    expect(await entries.transitionsAfter(dataSource.manager, '360000', 0, 10)).toEqual([]);
  });

  it('re-codes a draft, and points entries at their authoritative source without chains', async () => {
    const a = await register('法人基础信息');
    const b = await register('法人基础信息（区县）');
    const c = await register('法人基础信息（副本）');
    await dataSource.transaction(async (m) => {
      const code = await entries.assignCode(m, NODE, '101002', a.id);
      await entries.setCode(m, a.id, code);
      expect((await entries.find(m, NODE, a.id))!.code).toBe(code);

      await entries.designateAuthority(m, NODE, b.id, c.id);
      await entries.designateAuthority(m, NODE, a.id, b.id);
      expect(await entries.lockAuthority(m, NODE, a.id)).toBeNull();
      expect(await entries.lockAuthority(m, NODE, b.id)).toBe(a.id);
      expect(await entries.lockAuthority(m, NODE, c.id)).toBe(a.id);
      expect(await entries.lockAuthority(m, NODE, randomUUID())).toBeUndefined();
    });
  });

  it('counts the entries of a node and lists what a reader may see, newest change first', async () => {
    const count = await entries.countOnNode(dataSource.manager, NODE);
    expect(count).toBeGreaterThanOrEqual(7);
    expect(await entries.countOnNode(dataSource.manager, '110000')).toBe(0);
    const mine = await entries.list(
      dataSource.manager,
      { nodeCode: NODE, organisationId, nodeAuthority: false },
      { limit: 100 },
    );
    expect(mine).toHaveLength(count);
    expect(mine[0]).toEqual(expect.objectContaining({ name: expect.any(String), restricted: false }));
    const stranger = await entries.list(
      dataSource.manager,
      { nodeCode: NODE, organisationId: randomUUID(), nodeAuthority: false },
      { limit: 100 },
    );
    // Only published entries are visible outside the provider: the one published above.
    expect(stranger.map((e) => e.name)).toEqual(['社保参保人员明细']);
    const codes = await entries.existingCodes(dataSource.manager, [mine[0]!.code, '101001/360100999998']);
    expect([...codes]).toEqual([mine[0]!.code]);
  });
});

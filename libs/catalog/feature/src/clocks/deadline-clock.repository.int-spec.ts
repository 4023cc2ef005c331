import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { DeadlineClockRepository, type NewClock } from './deadline-clock.repository.js';
import { ReviewCampaignRepository } from './review-campaign.repository.js';

// `deadline_clock` on a fresh catalog schema: every query scoped to the node, dates as YYYY-MM-DD.
describe('DeadlineClockRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const clocks = new DeadlineClockRepository();
  const organisationId = randomUUID();
  let entryId: string;

  const registration = (over: Partial<NewClock> = {}): NewClock => ({
    nodeCode: '360000',
    kind: 'registration',
    organisationId,
    systemId: randomUUID(),
    trigger: 'system-registered',
    reason: '政务信息系统登记',
    startedOn: '2026-03-02',
    workingDays: 20,
    dueOn: '2026-03-30',
    dueUnknown: null,
    provisional: false,
    openedBy: 'editor-1',
    ...over,
  });

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
    await dataSource.query(
      `INSERT INTO organisation_ref (id, node_code, name, uscc, region_code, kind, version, active)
       VALUES ($1, '360000', '江西省公安厅', '11360000000000000X', '360000', 'department', 1, true)`,
      [organisationId],
    );
    entryId = await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001-360000-000001',
      name: '人口基础信息',
      published: true,
    });
  });
  afterAll(() => db?.drop());

  it('inserts a clock and finds it on its node only', async () => {
    const clock = await clocks.insert(dataSource.manager, registration());
    expect(clock).toMatchObject({
      nodeCode: '360000',
      kind: 'registration',
      status: 'open',
      startedOn: '2026-03-02',
      dueOn: '2026-03-30',
      provisional: false,
      closedAt: null,
    });
    expect(await clocks.find(dataSource.manager, '360000', clock.id)).toEqual(clock);
    expect(await clocks.find(dataSource.manager, '360100', clock.id)).toBeNull();
    expect(
      await clocks.openRegistrationsForSystem(dataSource.manager, '360000', organisationId, clock.systemId!),
    ).toEqual([clock]);
  });

  it('closes a clock once, keeping a known due date', async () => {
    const clock = await clocks.insert(dataSource.manager, registration());
    const closed = await clocks.close(
      dataSource.manager,
      clock.id,
      {
        status: 'met',
        closedOn: '2026-03-10',
        closedBy: 'editor-1',
        closeReason: 'closed-with-entry',
        closingEntryId: entryId,
      },
      '2026-04-30',
    );
    expect(closed).toMatchObject({
      status: 'met',
      closedOn: '2026-03-10',
      closedBy: 'editor-1',
      closeReason: 'closed-with-entry',
      closingEntryId: entryId,
      dueOn: '2026-03-30',
    });
    expect(closed.closedAt).toEqual(expect.any(String));
  });

  it('lists clocks needing attention: overdue, or without a due date, with the organisation name', async () => {
    const overdue = await clocks.insert(
      dataSource.manager,
      registration({ dueOn: '2026-01-05', startedOn: '2025-12-01' }),
    );
    const unknown = await clocks.insert(
      dataSource.manager,
      registration({ kind: 'update', systemId: null, entryId, dueOn: null, dueUnknown: 'calendar-data-missing' }),
    );
    const rows = await clocks.needingAttention(dataSource.manager, '360000', '2026-03-01');
    const ids = rows.map((r) => r.clock.id);
    expect(ids).toContain(overdue.id);
    expect(ids).toContain(unknown.id);
    expect(rows.every((r) => r.organisationName === '江西省公安厅')).toBe(true);
    expect(await clocks.needingAttention(dataSource.manager, '360100', '2026-03-01')).toEqual([]);

    expect((await clocks.withUnknownDue(dataSource.manager, '360000')).map((c) => c.id)).toEqual([unknown.id]);
    await clocks.setDue(dataSource.manager, unknown.id, '2027-01-20', 'open', true);
    expect(await clocks.find(dataSource.manager, '360000', unknown.id)).toMatchObject({
      dueOn: '2027-01-20',
      dueUnknown: null,
      provisional: true,
    });
    expect((await clocks.withProvisionalDue(dataSource.manager, '360000')).map((c) => c.id)).toEqual([unknown.id]);
    expect((await clocks.openForEntry(dataSource.manager, '360000', entryId, ['update'])).map((c) => c.id)).toEqual([
      unknown.id,
    ]);
  });

  it('filters the list and knows the node’s active organisations', async () => {
    const listed = await clocks.list(dataSource.manager, '360000', { kind: 'update', limit: 10 });
    expect(listed.every((c) => c.kind === 'update')).toBe(true);
    expect(listed.length).toBeGreaterThan(0);
    expect(await clocks.list(dataSource.manager, '360000', { status: 'met', limit: 10 })).toHaveLength(1);
    expect(await clocks.organisationActive(dataSource.manager, '360000', organisationId)).toBe(true);
    expect(await clocks.organisationActive(dataSource.manager, '360100', organisationId)).toBe(false);
  });

  it('opens one annual re-review task per published, non-retired entry of the node', async () => {
    await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001-360000-000002',
      name: '已废止',
      published: true,
      retired: true,
    });
    await insertFixtureEntry(dataSource, {
      nodeCode: '360000',
      organisationId,
      code: '101001-360000-000003',
      name: '草稿',
    });
    const campaign = (await new ReviewCampaignRepository().insert(dataSource.manager, {
      nodeCode: '360000',
      year: 2026,
      startedOn: '2026-03-02',
      workingDays: 60,
      openedBy: 'admin-1',
    }))!;
    const opened = await clocks.openAnnualReviewTasks(
      dataSource.manager,
      campaign,
      { dueOn: '2026-05-29', dueUnknown: null, provisional: false },
      '2026年度目录全面复核',
    );
    expect(opened).toBe(1);
    const task = (await clocks.findTask(dataSource.manager, '360000', campaign.id, entryId))!;
    expect(task).toMatchObject({
      kind: 'annual-review',
      trigger: 'annual-campaign',
      entryVersion: 1,
      campaignId: campaign.id,
      dueOn: '2026-05-29',
      reason: '2026年度目录全面复核',
    });
  });
});

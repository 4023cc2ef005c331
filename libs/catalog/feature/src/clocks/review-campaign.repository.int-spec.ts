import { randomUUID } from 'node:crypto';
import { TEST_PG_ADMIN_URL } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { createCatalogDatabase, insertFixtureEntry } from '../catalog-database.fixture.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { ReviewCampaignRepository } from './review-campaign.repository.js';

// `review_campaign` on a fresh catalog schema, with the progress counted from its tasks.
describe('ReviewCampaignRepository (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createCatalogDatabase>>;
  let dataSource: DataSource;
  const campaigns = new ReviewCampaignRepository();
  const clocks = new DeadlineClockRepository();
  const orgA = randomUUID();
  const orgB = randomUUID();

  beforeAll(async () => {
    db = await createCatalogDatabase(TEST_PG_ADMIN_URL);
    dataSource = db.dataSource;
    for (const [i, organisationId] of [orgA, orgA, orgB].entries()) {
      await insertFixtureEntry(dataSource, {
        nodeCode: '360000',
        organisationId,
        code: `101001-360000-00000${i + 1}`,
        name: `条目${i + 1}`,
        published: true,
      });
    }
  });
  afterAll(() => db?.drop());

  it('opens one campaign per node and year, and finds it', async () => {
    const campaign = await campaigns.insert(dataSource.manager, {
      nodeCode: '360000',
      year: 2026,
      startedOn: '2026-03-02',
      workingDays: 60,
      openedBy: 'admin-1',
    });
    expect(campaign).toMatchObject({
      nodeCode: '360000',
      year: 2026,
      startedOn: '2026-03-02',
      workingDays: 60,
      openedBy: 'admin-1',
      directive: null,
    });
    expect(
      await campaigns.insert(dataSource.manager, {
        nodeCode: '360000',
        year: 2026,
        startedOn: '2026-03-05',
        workingDays: 30,
        openedBy: 'node:100000',
        directive: { origin: '100000', key: 'annual-review-campaign-2026' },
      }),
    ).toBeNull();
    expect(await campaigns.find(dataSource.manager, '360000', campaign!.id)).toEqual(campaign);
    expect(await campaigns.find(dataSource.manager, '360100', campaign!.id)).toBeNull();
    expect(await campaigns.findByYear(dataSource.manager, '360000', 2026)).toEqual(campaign);
  });

  it('keeps the directive a campaign was opened on, and lists the newest year first', async () => {
    await campaigns.insert(dataSource.manager, {
      nodeCode: '360000',
      year: 2025,
      startedOn: '2025-03-03',
      workingDays: 30,
      openedBy: 'node:100000',
      directive: { origin: '100000', key: 'annual-review-campaign-2025' },
    });
    const listed = await campaigns.list(dataSource.manager, '360000');
    expect(listed.map((c) => c.year)).toEqual([2026, 2025]);
    expect(listed[1]!.directive).toEqual({ origin: '100000', key: 'annual-review-campaign-2025' });
  });

  it('counts the tasks, for the node or one organisation', async () => {
    const campaign = (await campaigns.findByYear(dataSource.manager, '360000', 2026))!;
    await clocks.openAnnualReviewTasks(
      dataSource.manager,
      campaign,
      { dueOn: '2026-03-20', dueUnknown: null, provisional: false },
      '2026年度目录全面复核',
    );
    const [task] = await clocks.list(dataSource.manager, '360000', {
      campaignId: campaign.id,
      organisationId: orgB,
      limit: 5,
    });
    await clocks.close(
      dataSource.manager,
      task!.id,
      { status: 'met', closedOn: '2026-03-10', closedBy: 'reviewer-1', closeReason: 'confirmed' },
      null,
    );
    expect(await campaigns.counts(dataSource.manager, campaign.id, '2026-04-01')).toEqual({
      total: 3,
      confirmed: 1,
      closedOtherwise: 0,
      open: 2,
      overdue: 2,
      dueUnknown: 0,
    });
    expect(await campaigns.counts(dataSource.manager, campaign.id, '2026-03-10', orgA)).toEqual({
      total: 2,
      confirmed: 0,
      closedOtherwise: 0,
      open: 2,
      overdue: 0,
      dueUnknown: 0,
    });
  });
});

import { BusinessClock as CatalogBusinessClock } from '@govdata/catalog-feature';
import { BusinessClock as DemandBusinessClock, demandService } from '@govdata/demand-feature';
import { initNodeKey } from '@govdata/federation-feature';
import { startService, type RunningService } from '@govdata/platform-service';
import { queryNodeDatabase, waitFor } from '@govdata/platform-testing';
import { TEST_NOTICE_2027 } from '../catalog/calendar-2027.fixture.js';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { sampleApplication } from '../demand/demand-harness.js';
import {
  enrolChild,
  entryAction,
  linkAddress,
  startReplicationNode,
  type ReplicationNode,
} from './federation-harness.js';

const MINISTRY = '11100000000013338W';

/** A node of the tree with its demand service beside catalog and federation; "today" pinned in both. */
interface CalendarNode {
  node: ReplicationNode;
  demand: RunningService;
  regionCode: string;
}

/**
 * One calendar per node, fed from the top (issue 12, delivery 5): the 2027 holiday notice loaded
 * once at national reaches Nanchang (via Jiangxi) and the ministry over the downward standards
 * stream, and there both the catalog's working-day clocks and demand's application steps that were
 * dated provisionally on the holiday rules are recounted on the notice, the provisional mark gone.
 * "Today" is pinned through each service's BusinessClock, so nothing depends on the wall clock.
 */
describe('a holiday notice loaded at national re-dates clocks and steps below (360100, ministry)', () => {
  let national: ReplicationNode;
  let province: ReplicationNode;
  let city: CalendarNode;
  let ministry: CalendarNode;

  beforeAll(async () => {
    national = await startReplicationNode();
    await initNodeKey(national.config);
    const nationalParent = {
      code: '100000',
      gateway: national.catalog.gateway.httpUrl,
      federation: linkAddress(national),
    };
    [province, ministry] = await Promise.all([
      startReplicationNode({
        node: { code: '360000', name: '江西省政务数据共享平台', level: 'provincial', parent: nationalParent },
      }),
      withDemand(
        startReplicationNode({
          node: { code: MINISTRY, name: '人力资源和社会保障部数据共享平台', level: 'ministry', parent: nationalParent },
        }),
        '110000',
      ),
    ]);
    city = await withDemand(
      startReplicationNode({
        node: {
          code: '360100',
          name: '南昌市政务数据共享平台',
          level: 'municipal',
          parent: { code: '360000', gateway: province.catalog.gateway.httpUrl, federation: linkAddress(province) },
        },
      }),
      '360100',
    );
    await enrolChild(national, province);
    await enrolChild(national, ministry.node);
    await enrolChild(province, city.node);
  }, 300_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    for (const n of [city, ministry]) {
      await n?.demand.close();
      await n?.node.close();
    }
    await province?.close();
    await national?.close();
  });

  async function withDemand(starting: Promise<ReplicationNode>, regionCode: string): Promise<CalendarNode> {
    const node = await starting;
    const demand = await startService(demandService, node.config);
    await waitFor(async () => (await demand.readiness.evaluate()).ready, 60_000, 'demand ready');
    const { orgA, orgB } = node.catalog;
    await waitFor(
      async () =>
        (
          await queryNodeDatabase(node.config, 'demand', 'SELECT id FROM organisation_ref WHERE id = ANY($1::uuid[])', [
            [orgA.id, orgB.id],
          ])
        ).length === 2 || undefined,
      60_000,
      `organisations projected into demand at ${node.config.node.code}`,
    );
    return { node, demand, regionCode };
  }

  /**
   * Opens, at `at`, a catalog review clock (an entry submitted on Mon 1 Feb 2027, 20 working days)
   * and a demand department-review step (an application filed on Wed 3 Feb 2027, 3 working days),
   * both dated on the holiday rules; returns how to read them back.
   */
  async function openClockAndStep(at: CalendarNode) {
    const { catalog, config } = at.node;
    vi.spyOn(catalog.catalog.app.get(CatalogBusinessClock), 'today').mockImplementation(() => '2027-02-01');
    vi.spyOn(at.demand.app.get(DemandBusinessClock), 'now').mockImplementation(() => new Date('2027-02-03T02:00:00Z'));
    const code = config.node.code;
    const editorA = await catalog.token(catalog.orgA, ['catalog-editor'], `editor-a@${code}`);
    const editorB = await catalog.token(catalog.orgB, ['catalog-editor'], `editor-b@${code}`);
    const reviewer = await catalog.token(catalog.orgB, ['catalog-reviewer'], `reviewer@${code}`);
    const applicant = await catalog.token(catalog.orgB, ['demand-applicant'], `applicant@${code}`);
    const create = async (token: string, name: string, classificationCode: string) => {
      const created = await catalog.api('POST', '/api/v1/catalog/entries', {
        token,
        body: { content: sampleEntry({ name, classificationCode, regionCode: at.regionCode }) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };

    // The entry an application is filed for: published, and known to demand.
    const shared = await create(editorA, '人口基本信息', '101001');
    await entryAction(catalog, shared, editorA, 'submit');
    await entryAction(catalog, shared, reviewer, 'approve');
    await entryAction(catalog, shared, reviewer, 'publish');
    await waitFor(
      async () =>
        (await queryNodeDatabase(config, 'demand', 'SELECT 1 FROM entry_ref WHERE entry_id = $1', [shared])).length ===
          1 || undefined,
      60_000,
      `entry ${shared} known to demand at ${code}`,
    );

    // The entry whose review clock stays open.
    const reviewed = await create(editorB, '食品生产许可信息', '204001');
    await entryAction(catalog, reviewed, editorB, 'submit');
    const listed = await catalog.api('GET', `/api/v1/catalog/clocks?entryId=${reviewed}`, { token: reviewer });
    expect(listed.status).toBe(200);
    const clock = listed.body.items[0];
    // 2–4 Feb (3); 春节 5–8 Feb by the rules, 补假 9 and 10 Feb; 11, 12 (5); 15–19 (10); 22–26 (15); 1–5 Mar (20).
    expect(clock).toMatchObject({ kind: 'review', status: 'open', dueOn: '2027-03-05', provisional: true });

    const filed = await catalog.api('POST', '/api/v1/demand/applications', {
      token: applicant,
      body: sampleApplication(shared, { validUntil: '2027-06-30' }),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    // 4 Feb (1); 春节 5–8 Feb by the rules, 补假 9 and 10 Feb; 11 (2), 12 Feb (3).
    expect(filed.body.timeline.at(-1)).toMatchObject({
      step: 'department-review',
      dueOn: '2027-02-12',
      provisional: true,
    });

    return {
      clock: async () =>
        (await catalog.api('GET', `/api/v1/catalog/clocks/${clock.id as string}`, { token: reviewer })).body,
      step: async () =>
        (
          await catalog.api('GET', `/api/v1/demand/applications/${filed.body.id as string}`, { token: applicant })
        ).body.timeline.at(-1),
    };
  }

  it('recounts the provisional catalog clock and demand step at Nanchang and at the ministry on the notice loaded at national', async () => {
    const opened = await Promise.all([city, ministry].map(async (at) => ({ at, read: await openClockAndStep(at) })));

    const dataAdmin = await national.catalog.token(national.catalog.root, ['data-admin'], 'data-admin@100000');
    const loaded = await national.catalog.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: dataAdmin,
      body: TEST_NOTICE_2027,
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);

    for (const { at, read } of opened) {
      const code = at.node.config.node.code;
      // 2–4 Feb (3); 5–13 Feb off by the notice; 15–19 (8); Sat 20 Feb worked (9); 22–26 (14); 1–5 Mar (19); 8 Mar (20).
      const clock = await waitFor(
        async () => {
          const c = await read.clock();
          return c.provisional === false ? c : undefined;
        },
        90_000,
        `the catalog clock at ${code} recounted on national's notice`,
      );
      expect(clock).toMatchObject({ dueOn: '2027-03-08', dueUnknown: null, provisional: false, status: 'open' });
      expect(clock.labels?.provisional).toBeUndefined();

      const step = await waitFor(
        async () => {
          const s = await read.step();
          return s.provisional ? undefined : s;
        },
        90_000,
        `the demand step at ${code} recounted on national's notice`,
      );
      // 4 Feb (1); 5–13 Feb off by the notice; 15 (2), 16 Feb (3).
      expect(step).toMatchObject({ step: 'department-review', dueOn: '2027-02-16' });
      expect(step.provisional).toBeUndefined();

      const kept = await queryNodeDatabase(at.node.config, 'demand', 'SELECT year, origin FROM demand_calendar_year');
      expect(kept).toEqual([{ year: 2027, origin: '100000' }]);
    }
  }, 240_000);
});

import { BusinessClock, DeadlineClockService } from '@govdata/catalog-feature';
import { TEST_NOTICE_2027 } from './calendar-2027.fixture.js';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * Working-day clocks through the gateway: review clocks opened and closed by the lifecycle, node
 * settings, update and registration clocks, overdue lists, the annual re-review campaign, and the
 * loud refusal (or flag) when a due date falls outside the calendar data. "Today" is pinned
 * through the catalog's BusinessClock, so no assertion depends on the wall clock.
 */
describe('working-day clocks', () => {
  let node: CatalogNode;
  let editorA: string;
  let editorB: string;
  let reviewer: string;
  let dataAdmin: string;
  let today = '2026-09-30';

  beforeAll(async () => {
    node = await startCatalogNode();
    vi.spyOn(node.catalog.app.get(BusinessClock), 'today').mockImplementation(() => today);
    editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    reviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer');
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await node?.close();
  });

  const create = async (token: string, content = sampleEntry()) => {
    const created = await node.api('POST', '/api/v1/catalog/entries', { token, body: { content } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const act = async (token: string, id: string, action: string, body: unknown = {}) => {
    const response = await node.api('POST', `/api/v1/catalog/entries/${id}/${action}`, { token, body });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const clocksOf = async (query: string, token = reviewer) => {
    const listed = await node.api('GET', `/api/v1/catalog/clocks?${query}`, { token });
    expect(listed.status).toBe(200);
    return listed.body.items as Array<Record<string, any>>;
  };
  const returnReasons = { reason: '请补充', fieldReasons: [{ field: 'abstract', reason: '摘要过短' }] };

  let published: string;

  it('opens a review clock on submission, due 20 working days later by default, and approval closes it', async () => {
    const settings = await node.api('GET', '/api/v1/catalog/settings/deadlines', { token: editorA });
    expect(settings.body).toMatchObject({ registrationDays: 20, updateDays: 20, reviewDays: 20, source: 'default' });

    published = await create(editorA);
    await act(editorA, published, 'submit');
    const [clock] = await clocksOf(`entryId=${published}`);
    // From Wed 30 Sep 2026: 1–7 Oct off, Sat 10 Oct worked … the 20th working day is Tue 3 Nov.
    expect(clock).toMatchObject({
      kind: 'review',
      status: 'open',
      organisationId: node.orgA.id,
      entryVersion: 1,
      startedOn: '2026-09-30',
      workingDays: 20,
      dueOn: '2026-11-03',
      dueUnknown: null,
    });

    await act(reviewer, published, 'approve');
    const [closed] = await clocksOf(`entryId=${published}`);
    expect(closed).toMatchObject({
      status: 'met',
      closeReason: 'approved',
      closedOn: '2026-09-30',
      closedBy: 'reviewer',
    });
    await act(reviewer, published, 'publish');
  });

  it('lets only the node data-admin change the deadlines, and the next clock follows them', async () => {
    const jiangxi = { registrationDays: 20, updateDays: 10, reviewDays: 5, annualReviewDays: 20 };
    const byEditor = await node.api('PUT', '/api/v1/catalog/settings/deadlines', { token: editorA, body: jiangxi });
    expect(byEditor.status).toBe(403);
    const byReviewer = await node.api('PUT', '/api/v1/catalog/settings/deadlines', { token: reviewer, body: jiangxi });
    expect(byReviewer.status).toBe(403);
    const bad = await node.api('PUT', '/api/v1/catalog/settings/deadlines', {
      token: dataAdmin,
      body: { ...jiangxi, reviewDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'reviewDays' })]);

    const saved = await node.api('PUT', '/api/v1/catalog/settings/deadlines', { token: dataAdmin, body: jiangxi });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ...jiangxi, source: 'configured', updatedBy: 'data-admin' });

    const second = await create(editorB, sampleEntry({ name: '企业登记信息', classificationCode: '102002' }));
    await act(editorB, second, 'submit');
    const [clock] = await clocksOf(`entryId=${second}`);
    // Jiangxi's 5 working days across the National Day holiday: 8, 9, Sat 10 (调休), 12, 13 October.
    expect(clock).toMatchObject({ kind: 'review', workingDays: 5, dueOn: '2026-10-13', status: 'open' });

    today = '2026-10-14';
    await act(reviewer, second, 'return', returnReasons);
    const [late] = await clocksOf(`entryId=${second}`);
    expect(late).toMatchObject({ status: 'missed-then-closed', closeReason: 'returned', closedOn: '2026-10-14' });
  });

  it('opens an update clock for a change of duties and closes it when the new version is submitted', async () => {
    const foreign = await node.api('POST', '/api/v1/catalog/clocks', {
      token: editorB,
      body: { kind: 'update', entryId: published, startedOn: '2026-09-25', reason: '职责调整' },
    });
    expect(foreign.status).toBe(403);

    const opened = await node.api('POST', '/api/v1/catalog/clocks', {
      token: editorA,
      body: { kind: 'update', entryId: published, startedOn: '2026-09-25', reason: '省公安厅职责调整（职责变更）' },
    });
    expect(opened.status).toBe(201);
    // Jiangxi's 10 working days from Fri 25 Sep (中秋): 28–30 Sep, 8–10 Oct, 12–15 Oct.
    expect(opened.body).toMatchObject({
      kind: 'update',
      trigger: 'duties-change',
      organisationId: node.orgA.id,
      dueOn: '2026-10-15',
      status: 'open',
      labels: { kind: { zh: '变更更新' } },
    });

    await act(editorA, published, 'revise');
    await act(editorA, published, 'submit');
    const closed = await node.api('GET', `/api/v1/catalog/clocks/${opened.body.id}`, { token: editorA });
    expect(closed.body).toMatchObject({ status: 'met', closeReason: 'new-version-submitted', closedOn: '2026-10-14' });
    await act(reviewer, published, 'approve');
    await act(reviewer, published, 'publish');
  });

  it('dates a start whose due date falls in a year without a notice provisionally, and refuses a start after today', async () => {
    today = '2026-12-28';
    const late = await node.api('POST', '/api/v1/catalog/clocks', {
      token: editorA,
      body: { kind: 'update', entryId: published, startedOn: '2026-12-24', reason: '数据项调整' },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    // 25, 28–31 Dec (5); 1 Jan 2027 元旦 by the rules; 4–8 Jan (10).
    expect(late.body).toMatchObject({ dueOn: '2027-01-08', dueUnknown: null, provisional: true });
    expect(late.body.labels.provisional.zh).toContain('暂定');

    const future = await node.api('POST', '/api/v1/catalog/clocks', {
      token: editorA,
      body: { kind: 'update', entryId: published, startedOn: '2027-02-01', reason: '数据项调整' },
    });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'startedOn', rule: 'not-after-today' })]);
    today = '2026-10-14';
  });

  it('closes a registration clock when the organisation submits an entry naming the system, or by hand with the entry', async () => {
    today = '2026-09-30';
    const system = await node.api('POST', '/api/v1/catalog/systems', {
      token: editorA,
      body: {
        name: '人口信息管理系统',
        constructionLevel: 'provincial',
        constructionDepartment: '江西省公安厅',
        deployment: 'gov-cloud',
        contact: { name: '张三', phone: '0791-88888888' },
      },
    });
    expect(system.status, JSON.stringify(system.body)).toBe(201);
    const systemId = system.body.id as string;
    // What the systems register calls when a system is registered; a second call keeps the first clock.
    const clocks = node.catalog.app.get(DeadlineClockService);
    const registerSystem = () =>
      node.catalog.dataSource.transaction((m) =>
        clocks.openRegistrationForSystem(m, {
          nodeCode: node.config.node.code,
          organisationId: node.orgA.id,
          systemId,
          systemName: '人口信息管理系统',
          openedBy: 'editor-a',
        }),
      );
    const opened = await registerSystem();
    expect(opened).toMatchObject({ kind: 'registration', systemId, status: 'open', trigger: 'system-registered' });
    expect((await registerSystem()).id).toBe(opened.id);

    const naming = await create(editorA, sampleEntry({ name: '常住人口信息', systemId }));
    await act(editorA, naming, 'submit');
    const [afterSubmit] = await clocksOf(`kind=registration&organisationId=${node.orgA.id}`, editorA);
    expect(afterSubmit).toMatchObject({
      id: opened.id,
      startedOn: '2026-09-30',
      dueOn: '2026-11-03',
      status: 'met',
      closeReason: 'entry-submitted',
      closingEntryId: naming,
    });

    const manual = await node.api('POST', '/api/v1/catalog/clocks', {
      token: editorB,
      body: {
        kind: 'registration',
        organisationId: node.orgB.id,
        startedOn: '2026-09-28',
        reason: '新增企业年报数据资源',
      },
    });
    expect(manual.status).toBe(201);
    expect(manual.body).toMatchObject({ trigger: 'resource-appeared', systemId: null, workingDays: 20 });
    const draft = await create(editorB, sampleEntry({ name: '企业年报信息', classificationCode: '102002' }));
    const tooEarly = await node.api('POST', `/api/v1/catalog/clocks/${manual.body.id}/close`, {
      token: editorB,
      body: { entryId: draft },
    });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.errors).toEqual([expect.objectContaining({ path: 'entryId', rule: 'submitted-entry' })]);
    await act(editorB, draft, 'submit');
    const otherOrganisation = await node.api('POST', `/api/v1/catalog/clocks/${manual.body.id}/close`, {
      token: editorB,
      body: { entryId: naming },
    });
    expect(otherOrganisation.status).toBe(422);
    const closed = await node.api('POST', `/api/v1/catalog/clocks/${manual.body.id}/close`, {
      token: editorB,
      body: { entryId: draft },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'met', closeReason: 'closed-with-entry', closingEntryId: draft });
    await act(reviewer, draft, 'return', returnReasons);
    await act(reviewer, naming, 'return', returnReasons);
    today = '2026-10-14';
  });

  let pending: string;

  it('lists overdue clocks per organisation with working days overdue; editors see only their own', async () => {
    const old = await node.api('POST', '/api/v1/catalog/clocks', {
      token: reviewer,
      body: { kind: 'registration', organisationId: node.orgB.id, startedOn: '2026-01-05', reason: '信用信息系统上线' },
    });
    expect(old.status).toBe(201);
    // 20 working days from Mon 5 Jan 2026 (元旦 is before): 2 Feb.
    expect(old.body.dueOn).toBe('2026-02-02');
    pending = await create(editorA, sampleEntry({ name: '出入境证件信息' }));
    await act(editorA, pending, 'submit'); // due in 5 working days: not overdue yet

    const all = await node.api('GET', '/api/v1/catalog/clocks/overdue', { token: reviewer });
    expect(all.status).toBe(200);
    expect(all.body.today).toBe('2026-10-14');
    const groupB = all.body.organisations.find((g: any) => g.organisationId === node.orgB.id);
    expect(groupB).toMatchObject({ organisationName: '江西省市场监督管理局', overdue: 1, dueUnknown: 0 });
    expect(groupB.items[0]).toMatchObject({ id: old.body.id, dueOn: '2026-02-02' });
    expect(groupB.items[0].workingDaysOverdue).toBe(170);
    expect(all.body.organisations.some((g: any) => g.items.some((i: any) => i.entryId === pending))).toBe(false);

    const own = await node.api('GET', '/api/v1/catalog/clocks/overdue', { token: editorA });
    expect(own.body.organisations.every((g: any) => g.organisationId === node.orgA.id)).toBe(true);
    const peeking = await node.api('GET', `/api/v1/catalog/clocks/overdue?organisationId=${node.orgB.id}`, {
      token: editorA,
    });
    expect(peeking.status).toBe(403);

    today = '2026-10-22'; // the 5-day review of `pending` was due Wed 21 Oct
    const later = await node.api('GET', `/api/v1/catalog/clocks/overdue?organisationId=${node.orgA.id}`, {
      token: editorA,
    });
    const item = later.body.organisations[0].items.find((i: any) => i.entryId === pending);
    expect(item).toMatchObject({ kind: 'review', dueOn: '2026-10-21', workingDaysOverdue: 1 });
    await act(reviewer, pending, 'approve');
    await act(reviewer, pending, 'publish');
    today = '2026-10-14';
  });

  it('opens one annual re-review task per published entry, once a year, and tracks confirmations', async () => {
    const publishAs = async (name: string) => {
      const id = await create(editorB, sampleEntry({ name, classificationCode: '203001' }));
      await act(editorB, id, 'submit');
      await act(reviewer, id, 'approve');
      await act(reviewer, id, 'publish');
      return id;
    };
    const republished = await publishAs('社会保险参保信息');
    const retired = await publishAs('旧版参保信息');
    await act(editorB, retired, 'retire', { reason: '已由新目录替代' });
    const listed = await node.api('GET', '/api/v1/catalog/entries?status=published&limit=200', { token: reviewer });
    const publishedIds = (listed.body.items as Array<{ id: string }>).map((e) => e.id);
    expect(publishedIds.sort()).toEqual([published, pending, republished].sort());

    const byEditor = await node.api('POST', '/api/v1/catalog/campaigns', { token: editorA, body: { year: 2026 } });
    expect(byEditor.status).toBe(403);
    const future = await node.api('POST', '/api/v1/catalog/campaigns', { token: dataAdmin, body: { year: 2027 } });
    expect(future.status).toBe(422);

    const opened = await node.api('POST', '/api/v1/catalog/campaigns', { token: dataAdmin, body: { year: 2026 } });
    expect(opened.status).toBe(201);
    // 20 working days from Wed 14 Oct: 11 Nov.
    expect(opened.body).toMatchObject({ year: 2026, startedOn: '2026-10-14', dueOn: '2026-11-11' });
    expect(opened.body.progress).toMatchObject({ total: 3, confirmed: 0, open: 3 });
    const tasks = await clocksOf(`campaignId=${opened.body.id}`);
    // Published entries only: not the retired one, not drafts nor returned or submitted ones.
    expect(tasks.map((t) => t.entryId).sort()).toEqual(publishedIds);
    expect(tasks.every((t) => t.kind === 'annual-review' && t.dueOn === '2026-11-11')).toBe(true);

    const again = await node.api('POST', '/api/v1/catalog/campaigns', { token: dataAdmin, body: { year: 2026 } });
    expect(again.status).toBe(409);

    const confirmPath = `/api/v1/catalog/campaigns/${opened.body.id}/tasks/${published}/confirm`;
    expect((await node.api('POST', confirmPath, { token: editorA })).status).toBe(403);
    const confirmed = await node.api('POST', confirmPath, { token: reviewer });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ kind: 'annual-review', status: 'met', closeReason: 'confirmed' });
    expect((await node.api('POST', confirmPath, { token: reviewer })).status).toBe(409);

    // A new version published settles the entry's task too.
    await act(editorB, republished, 'revise');
    await act(editorB, republished, 'submit');
    await act(reviewer, republished, 'approve');
    await act(reviewer, republished, 'publish');
    const [task] = await clocksOf(`campaignId=${opened.body.id}&entryId=${republished}`);
    expect(task).toMatchObject({ status: 'met', closeReason: 'new-version-published' });

    today = '2026-11-12';
    const progress = await node.api('GET', `/api/v1/catalog/campaigns/${opened.body.id}`, { token: reviewer });
    expect(progress.body.progress).toEqual({
      total: 3,
      confirmed: 1,
      closedOtherwise: 1,
      open: 1,
      overdue: 1,
      dueUnknown: 0,
    });
    const editorView = await node.api('GET', `/api/v1/catalog/campaigns/${opened.body.id}`, { token: editorB });
    expect(editorView.body).toMatchObject({ scope: { organisationId: node.orgB.id }, progress: { total: 1, open: 0 } });
    today = '2026-10-14';
  });

  it('gives a submission whose review ends in a year without a notice a provisional date, recounted when the notice is loaded', async () => {
    today = '2027-02-01';
    const entry = await create(editorB, sampleEntry({ name: '食品生产许可信息', classificationCode: '204001' }));
    await act(editorB, entry, 'submit');
    const [clock] = await clocksOf(`entryId=${entry}`);
    // 2, 3, 4 Feb (3); 春节 5–8 Feb by the rules, 补假 9 and 10 Feb; 11 (4), 12 Feb (5).
    expect(clock).toMatchObject({ kind: 'review', dueOn: '2027-02-12', dueUnknown: null, provisional: true });
    const attention = await node.api('GET', '/api/v1/catalog/clocks/overdue', { token: reviewer });
    expect(attention.body.attention).toEqual([]);

    const byEditor = await node.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: editorB,
      body: TEST_NOTICE_2027,
    });
    expect(byEditor.status).toBe(403);
    const official = await node.api('PUT', '/api/v1/catalog/settings/calendar/2026', {
      token: dataAdmin,
      body: { ...TEST_NOTICE_2027, holidays: ['2026-01-01'], workdays: [] },
    });
    expect(official.status).toBe(422);
    expect(official.body.errors).toEqual([expect.objectContaining({ path: 'year', rule: 'official-data' })]);
    const wrong = await node.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: dataAdmin,
      body: { ...TEST_NOTICE_2027, workdays: ['2027-01-04'] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'workdays.0', rule: 'weekend-only' })]);

    const loaded = await node.api('PUT', '/api/v1/catalog/settings/calendar/2027', {
      token: dataAdmin,
      body: TEST_NOTICE_2027,
    });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(200);
    expect(loaded.body).toMatchObject({ year: 2027, calendarCoverage: '2004–2027' });
    expect(loaded.body.clocksRecomputed).toBeGreaterThanOrEqual(1);
    const dated = await node.api('GET', `/api/v1/catalog/clocks/${clock!.id}`, { token: editorB });
    // 2, 3, 4 Feb (3); 5–13 Feb off by the notice; 15 (4), 16 Feb (5).
    expect(dated.body).toMatchObject({ dueOn: '2027-02-16', dueUnknown: null, provisional: false, status: 'open' });
    expect(dated.body.labels.provisional).toBeUndefined();
    const rows = await node.sql('SELECT count(*)::int AS n FROM deadline_clock WHERE due_provisional');
    expect(rows[0]!.n).toBe(0);
    const calendar = await node.api('GET', '/api/v1/catalog/settings/calendar', { token: editorB });
    expect(calendar.body.loaded).toEqual([
      expect.objectContaining({ year: 2027, holidays: TEST_NOTICE_2027.holidays.length, loadedBy: 'data-admin' }),
    ]);
  });
});

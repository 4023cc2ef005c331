import { randomUUID } from 'node:crypto';
import { ApplicationExpiryService, ApplicationRule, LegalGroundRule } from '@govdata/demand-feature';
import { problemCodesOf } from '@govdata/platform-service';
import { sampleApplication, startDemandNode, type DemandNode } from './demand-harness.js';

/**
 * 数据供需对接 on one node, through the gateway: applications for entries shared with and without
 * conditions, the review steps on working-day clocks (国庆 and 中秋 2026 included), refusals on
 * legal grounds, contests, data not catalogued yet, who may act at each step, and bad input.
 * Organisation B (江西省市场监督管理局) applies; organisation A (江西省公安厅) provides.
 */
describe('demand applications', () => {
  let node: DemandNode;
  let applicant: string;
  let approver: string;
  let providerReviewer: string;
  let dataAdmin: string;
  let outsider: string;
  let wrongOrgReviewer: string;
  let wrongOrgApprover: string;
  const entries = {} as Record<'conditional' | 'unconditional' | 'none' | 'important', { id: string; code: string }>;

  beforeAll(async () => {
    node = await startDemandNode();
    applicant = await node.token(node.orgB, ['demand-applicant'], 'applicant-b');
    approver = await node.token(node.orgB, ['demand-approver'], 'approver-b');
    providerReviewer = await node.token(node.orgA, ['provider-reviewer'], 'reviewer-a');
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
    outsider = await node.token(randomUUID(), ['demand-applicant', 'demand-approver', 'provider-reviewer'], 'outsider');
    wrongOrgReviewer = await node.token(node.orgB, ['provider-reviewer'], 'reviewer-b');
    wrongOrgApprover = await node.token(node.orgA, ['demand-approver'], 'approver-a');
    entries.conditional = await node.publishEntry(node.orgA);
    entries.unconditional = await node.publishEntry(node.orgA, {
      name: '居民身份证签发机关信息',
      grade: { category: 'general', level: 1 },
      sharing: { type: 'unconditional', methods: ['platform'] },
    });
    entries.none = await node.publishEntry(node.orgA, {
      name: '在逃人员信息',
      sharing: { type: 'none', legalBasis: '《中华人民共和国保守国家秘密法》' },
    });
    entries.important = await node.publishEntry(node.orgA, {
      name: '出入境记录',
      grade: { category: 'important' },
    });
  });

  afterAll(async () => {
    await node?.close();
  });

  const file = (token: string, body: unknown) => node.api('POST', '/api/v1/demand/applications', { token, body });
  const act = (token: string, id: string, verb: string, body: unknown = {}) =>
    node.api('POST', `/api/v1/demand/applications/${id}/${verb}`, { token, body });
  const read = (token: string, id: string) => node.api('GET', `/api/v1/demand/applications/${id}`, { token });

  /** A conditional application through its department's approval, waiting for the provider. */
  async function atProviderReview(entryId = entries.conditional.id): Promise<string> {
    const filed = await file(applicant, sampleApplication(entryId));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const approved = await act(approver, filed.body.id, 'approve');
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    return filed.body.id;
  }

  it('grants an application for an entry shared without conditions at once, with the terms on the event', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const filed = await file(
      applicant,
      sampleApplication(entries.unconditional.id, { requestedItems: ['姓名', '性别'] }),
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const grant = {
      consumerOrganisationId: node.orgB.id,
      consumerNode: node.config.node.code,
      providerNode: node.config.node.code,
      providerOrganisationId: node.orgA.id,
      entryId: entries.unconditional.id,
      entryCode: entries.unconditional.code,
      items: ['姓名', '性别'],
      purpose: '核验最低生活保障申请人的户籍信息',
      validFrom: '2026-09-14',
      validUntil: '2027-06-30',
      ratePerSecond: 5,
      burst: 10,
      quotaPerDay: 2000,
      quotaPerMonth: null,
    };
    expect(filed.body).toMatchObject({ state: 'granted', version: 1, turn: null, grant });
    expect(filed.body.timeline.map((s: any) => [s.step, s.decision])).toEqual([
      ['filing', 'filed'],
      ['grant', 'granted'],
    ]);

    const event = await node.eventFor(filed.body.id, 1);
    expect(event.origin).toBe(node.config.node.code);
    expect(event.data).toMatchObject({
      action: 'granted',
      application: {
        id: filed.body.id,
        state: 'granted',
        version: 1,
        grant,
        applicant: { organisationName: '江西省市场监督管理局' },
      },
    });
  });

  it('expires a grant after its last valid day (Beijing time)', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const filed = await file(applicant, sampleApplication(entries.unconditional.id, { validUntil: '2026-12-31' }));
    expect(filed.body.state).toBe('granted');
    const id = filed.body.id as string;
    const expiry = node.demand.app.get(ApplicationExpiryService);
    node.setNow('2026-12-31T15:59:00Z'); // 23:59 on 31 Dec in Beijing
    expect(await expiry.expireDue()).not.toContain(id);
    node.setNow('2026-12-31T16:00:00Z'); // 00:00 on 1 Jan in Beijing
    expect(await expiry.expireDue()).toContain(id);
    const expired = await read(applicant, id);
    expect(expired.body).toMatchObject({ state: 'expired', version: 2, grant: null, turn: null });
    expect(expired.body.timeline.at(-1)).toMatchObject({ step: 'expiry', decision: 'expired', dueOn: '2026-12-31' });
    const event = await node.eventFor(id, 2);
    expect(event.data.action).toBe('expired');
    expect(event.data.application.grant).toBeUndefined();
    expect(await expiry.expireDue()).not.toContain(id);
  });

  it('refuses an entry not shared (不予共享), an entry not published and items the entry lacks', async () => {
    const none = await file(applicant, sampleApplication(entries.none.id));
    expect(none.status).toBe(422);
    expect(none.body.errors).toEqual([expect.objectContaining({ path: 'target.entryId', rule: 'not-shareable' })]);
    expect(none.body.errors[0].message).toContain('保守国家秘密法');

    const missing = await file(applicant, sampleApplication(randomUUID()));
    expect(missing.status).toBe(404);

    const items = await file(
      applicant,
      sampleApplication(entries.conditional.id, { requestedItems: ['姓名', '银行账号'] }),
    );
    expect(items.status).toBe(422);
    expect(items.body.errors).toEqual([expect.objectContaining({ path: 'requestedItems.1', rule: 'entry-item' })]);
  });

  it('answers bad input with 400 naming every field and rule', async () => {
    const bad = await file(applicant, {
      target: { kind: 'entry', entryId: 'not-a-uuid' },
      requestedItems: [],
      purpose: '',
      validUntil: '2027-02-30',
      expectedVolume: { callsPerDay: -1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const paths = bad.body.errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(
      ['expectedVolume.callsPerDay', 'legalBasis', 'purpose', 'requestedItems', 'target.entryId', 'validUntil'].sort(),
    );
    expect(bad.body.errors.find((e: any) => e.path === 'validUntil').rule).toBe('calendar-date');

    const kind = await file(applicant, sampleApplication(entries.conditional.id, { target: { kind: 'dataset' } }));
    expect(kind.status).toBe(400);
    expect(kind.body.errors[0].path).toMatch(/^target/);

    const extra = await file(applicant, { ...sampleApplication(entries.conditional.id), priority: 'high' });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0]).toMatchObject({ rule: 'unrecognized_keys' });

    const past = await file(applicant, sampleApplication(entries.conditional.id, { validUntil: '2026-09-01' }));
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([expect.objectContaining({ path: 'validUntil', rule: 'future-date' })]);

    expect((await read(applicant, 'not-a-uuid')).body.errors[0]).toMatchObject({ path: 'id' });
    const list = await node.api('GET', '/api/v1/demand/applications?state=pending', { token: applicant });
    expect(list.status).toBe(400);
    expect(list.body.errors[0]).toMatchObject({ path: 'state' });
    const id = await atProviderReview();
    const terms = await act(providerReviewer, id, 'approve', { terms: { ratePerSecond: 0, burst: 1.5 } });
    expect(terms.status).toBe(400);
    expect(terms.body.errors.map((e: any) => e.path).sort()).toEqual(['terms.burst', 'terms.ratePerSecond']);
  });

  it('runs a conditional application through the department, the provider and the authority on working-day clocks', async () => {
    node.setNow('2026-09-14T02:00:00Z'); // Monday
    const filed = await file(applicant, sampleApplication(entries.conditional.id));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    expect(filed.body).toMatchObject({
      state: 'department-review',
      version: 1,
      grant: null,
      turn: {
        step: 'department-review',
        nodeCode: node.config.node.code,
        organisationId: node.orgB.id,
        role: 'demand-approver',
        dueOn: '2026-09-17', // 3 working days
        overdue: false,
      },
    });

    node.setNow('2026-09-18T02:00:00Z'); // Friday: a day late
    expect((await read(applicant, id)).body.turn).toMatchObject({ dueOn: '2026-09-17', overdue: true });
    const approved = await act(approver, id, 'approve', { comment: '用途明确，同意申请' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('provider-review');
    expect(approved.body.timeline[1]).toMatchObject({
      step: 'department-review',
      decision: 'approved',
      comment: '用途明确，同意申请',
      actor: { subject: 'approver-b', organisationId: node.orgB.id },
      dueOn: '2026-09-17',
      overdue: true,
    });
    // 10 working days from 18 Sep: 中秋 (25 Sep) and 国庆 (1–7 Oct) are skipped, Sun 20 Sep is worked.
    expect(approved.body.turn).toMatchObject({
      step: 'provider-review',
      organisationId: node.orgA.id,
      role: 'provider-reviewer',
      dueOn: '2026-10-09',
      overdue: false,
    });

    node.setNow('2026-10-09T02:00:00Z');
    const reviewed = await act(providerReviewer, id, 'approve', {
      comment: '同意共享姓名',
      referToAuthority: true,
      terms: { items: ['姓名'], ratePerSecond: 2, burst: 4, quotaPerDay: 500, serviceAccounts: ['svc-minbao'] },
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({
      state: 'authority-review',
      grant: null,
      turn: { step: 'authority-review', organisationId: null, role: 'data-admin', dueOn: '2026-10-15' },
    });

    node.setNow('2026-10-12T02:00:00Z');
    const granted = await act(dataAdmin, id, 'approve', { comment: '同意' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const grant = {
      consumerOrganisationId: node.orgB.id,
      providerOrganisationId: node.orgA.id,
      entryId: entries.conditional.id,
      items: ['姓名'],
      serviceAccounts: ['svc-minbao'],
      validFrom: '2026-10-12',
      validUntil: '2027-06-30',
      ratePerSecond: 2,
      burst: 4,
      quotaPerDay: 500,
    };
    expect(granted.body).toMatchObject({ state: 'granted', version: 4, turn: null, grant });
    expect(granted.body.timeline.map((s: any) => [s.step, s.decision, s.overdue])).toEqual([
      ['filing', 'filed', false],
      ['department-review', 'approved', true],
      ['provider-review', 'approved', false],
      ['authority-review', 'approved', false],
      ['grant', 'granted', false],
    ]);

    const events = await Promise.all([1, 2, 3, 4].map((v) => node.eventFor(id, v)));
    expect(events.map((e) => [e.data.action, e.data.application.state])).toEqual([
      ['filed', 'department-review'],
      ['step-approved', 'provider-review'],
      ['step-approved', 'authority-review'],
      ['granted', 'granted'],
    ]);
    expect(events.slice(0, 3).every((e) => e.data.application.grant === undefined)).toBe(true);
    expect(events[3]!.data.application.grant).toMatchObject(grant);
    expect(events[3]!.data.application.timeline).toHaveLength(5);

    // Both organisations see the same application and timeline; nobody else sees it at all.
    const byApplicant = await node.api('GET', `/api/v1/demand/applications/${id}/timeline`, { token: applicant });
    const byProvider = await node.api('GET', `/api/v1/demand/applications/${id}/timeline`, { token: providerReviewer });
    expect(byApplicant.status).toBe(200);
    expect(byProvider.body).toEqual(byApplicant.body);
    expect((await read(outsider, id)).status).toBe(404);
    expect((await node.api('GET', `/api/v1/demand/applications/${id}/timeline`, { token: outsider })).status).toBe(404);
  });

  it('requires the authority for 重要数据 even when the provider does not refer it', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const id = await atProviderReview(entries.important.id);
    const reviewed = await act(providerReviewer, id, 'approve', {});
    expect(reviewed.body.state).toBe('authority-review');
    expect((await act(providerReviewer, id, 'approve')).status).toBe(403);
    expect((await act(dataAdmin, id, 'approve')).body.state).toBe('granted');
  });

  it('refuses only on a legal ground from the list; the applicant contests to the node authority', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const id = await atProviderReview();
    const bare = await act(providerReviewer, id, 'reject', { comment: '不同意' });
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ path: 'groundCode', rule: 'legal-ground-required' })]);
    const unknown = await act(providerReviewer, id, 'reject', { groundCode: 'not-convenient' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ path: 'groundCode', rule: 'legal-ground-required' }),
    ]);

    const rejected = await act(providerReviewer, id, 'reject', {
      groundCode: 'beyond-duty',
      comment: '低保核验无需公民身份号码以外的信息',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.timeline.at(-1)).toMatchObject({
      step: 'provider-review',
      decision: 'rejected',
      groundCode: 'beyond-duty',
      groundTitle: '超出依法履职需要',
    });
    expect((await node.eventFor(id, 3)).data).toMatchObject({ action: 'rejected', application: { state: 'rejected' } });

    expect((await act(approver, id, 'contest', { comment: '有法定职责' })).status).toBe(403);
    const noReason = await act(applicant, id, 'contest', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0]).toMatchObject({ path: 'comment' });
    const contested = await act(applicant, id, 'contest', { comment: '《社会救助暂行办法》明确规定民政部门核查职责' });
    expect(contested.status, JSON.stringify(contested.body)).toBe(200);
    expect(contested.body).toMatchObject({
      state: 'contested',
      turn: { step: 'contest', role: 'data-admin', organisationId: null, dueOn: '2026-09-28' },
    });

    expect(
      (await act(providerReviewer, id, 'contest-decision', { decision: 'overturn', comment: '同意' })).status,
    ).toBe(403);
    const overturned = await act(dataAdmin, id, 'contest-decision', {
      decision: 'overturn',
      comment: '申请方依法履职，提供方应予共享',
    });
    expect(overturned.status, JSON.stringify(overturned.body)).toBe(200);
    expect(overturned.body).toMatchObject({
      state: 'granted',
      grant: { items: ['姓名', '公民身份号码'], ratePerSecond: 5, burst: 10, validFrom: '2026-09-14' },
    });
    expect(overturned.body.timeline.map((s: any) => [s.step, s.decision])).toEqual([
      ['filing', 'filed'],
      ['department-review', 'approved'],
      ['provider-review', 'rejected'],
      ['contest', 'filed'],
      ['contest', 'overturned'],
      ['grant', 'granted'],
    ]);
    expect((await node.eventFor(id, 5)).data.action).toBe('granted');
    expect((await act(applicant, id, 'contest', { comment: '再次' })).status).toBe(409);
  });

  it('upholds a refusal once; the department refuses with a comment and that is not contestable', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const id = await atProviderReview();
    await act(providerReviewer, id, 'reject', { groundCode: 'personal-information' });
    await act(applicant, id, 'contest', { comment: '确属履职所需' });
    const upheld = await act(dataAdmin, id, 'contest-decision', { decision: 'uphold', comment: '维持原决定' });
    expect(upheld.body).toMatchObject({ state: 'rejected', turn: null });
    const again = await act(applicant, id, 'contest', { comment: '再次异议' });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ rule: 'contestable' });

    const filed = await file(applicant, sampleApplication(entries.conditional.id));
    const silent = await act(approver, filed.body.id, 'reject', {});
    expect(silent.status).toBe(422);
    expect(silent.body.errors[0]).toMatchObject({ path: 'comment', rule: 'required' });
    const refused = await act(approver, filed.body.id, 'reject', { comment: '本部门另有渠道' });
    expect(refused.body.state).toBe('rejected');
    expect((await act(applicant, filed.body.id, 'contest', { comment: '异议' })).status).toBe(409);
  });

  it('asks for data not catalogued yet; the provider answers by registering an entry', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const request = {
      target: {
        kind: 'uncatalogued',
        providerOrganisationId: node.orgA.id,
        description: '本省机动车驾驶证记分信息',
      },
      requestedItems: ['驾驶证号', '累积记分'],
      purpose: '核查营运车辆驾驶人资质',
      legalBasis: '《道路运输条例》第九条',
      validUntil: '2027-09-30',
    };
    const unknownProvider = await file(applicant, {
      ...request,
      target: { ...request.target, providerOrganisationId: randomUUID() },
    });
    expect(unknownProvider.status).toBe(422);
    expect(unknownProvider.body.errors[0]).toMatchObject({
      path: 'target.providerOrganisationId',
      rule: 'known-organisation',
    });

    const filed = await file(applicant, request);
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    const approved = await act(approver, id, 'approve');
    expect(approved.body).toMatchObject({
      state: 'awaiting-registration',
      turn: { step: 'registration', organisationId: node.orgA.id, role: 'provider-reviewer', dueOn: '2026-10-16' },
    });

    const notProviders = await node.publishEntry(node.orgB, { name: '市场主体登记信息' });
    const wrong = await act(providerReviewer, id, 'answer', { entryId: notProviders.id });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'entryId', rule: 'provider-entry' });

    const registered = await node.publishEntry(node.orgA, {
      name: '机动车驾驶证记分信息',
      items: [
        { name: '驾驶证号', dataType: 'C', length: 18 },
        { name: '累积记分', dataType: 'N', length: 2 },
        { name: '记分周期', dataType: 'C', length: 20 },
      ],
    });
    const answered = await act(providerReviewer, id, 'answer', { entryId: registered.id });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      state: 'provider-review',
      target: { kind: 'entry', entryId: registered.id, entryCode: registered.code, entryName: '机动车驾驶证记分信息' },
      turn: { step: 'provider-review' },
    });
    expect((await node.eventFor(id, 3)).data).toMatchObject({
      action: 'answered',
      application: { target: { kind: 'entry', entryId: registered.id, description: '本省机动车驾驶证记分信息' } },
    });
    const granted = await act(providerReviewer, id, 'approve');
    expect(granted.body).toMatchObject({
      state: 'granted',
      grant: { entryId: registered.id, items: ['驾驶证号', '累积记分'] },
    });
  });

  it('lets only the one the step waits for act: 403 for the wrong role or organisation, 404 for outsiders', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    expect((await file(approver, sampleApplication(entries.conditional.id))).status).toBe(403);
    const filed = await file(applicant, sampleApplication(entries.conditional.id));
    const id = filed.body.id as string;

    // department-review: the applicant organisation's approver only.
    for (const token of [applicant, providerReviewer, dataAdmin, wrongOrgApprover]) {
      expect((await act(token, id, 'approve')).status).toBe(403);
    }
    expect((await act(outsider, id, 'approve')).status).toBe(404);
    expect((await act(approver, id, 'approve')).status).toBe(200);

    // provider-review: the provider organisation's reviewer only.
    for (const token of [approver, applicant, dataAdmin, wrongOrgReviewer]) {
      expect((await act(token, id, 'approve')).status).toBe(403);
      expect((await act(token, id, 'reject', { groundCode: 'beyond-duty' })).status).toBe(403);
    }
    expect((await act(outsider, id, 'reject', { groundCode: 'beyond-duty' })).status).toBe(404);
    expect((await act(providerReviewer, id, 'answer', { entryId: entries.conditional.id })).status).toBe(409);

    // Withdrawal: the applicant only; then nothing more happens.
    expect((await act(approver, id, 'withdraw')).status).toBe(403);
    const withdrawn = await act(applicant, id, 'withdraw', { comment: '需求已通过其他渠道解决' });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', turn: null });
    expect(withdrawn.body.timeline.at(-1)).toMatchObject({ step: 'withdrawal', decision: 'withdrawn' });
    const late = await act(providerReviewer, id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.errors[0]).toMatchObject({ path: 'state', rule: 'state' });
  });

  it('lists what is mine, what I provide and what waits for me', async () => {
    node.setNow('2026-09-14T02:00:00Z');
    const filed = await file(applicant, sampleApplication(entries.conditional.id));
    const id = filed.body.id as string;
    const ids = async (token: string, query: string) => {
      const res = await node.api('GET', `/api/v1/demand/applications${query}`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((a: any) => a.id) as string[];
    };
    expect(await ids(applicant, '?view=mine')).toContain(id);
    expect(await ids(approver, '?view=to-review')).toContain(id);
    expect(await ids(providerReviewer, '?view=to-review')).not.toContain(id);
    expect(await ids(providerReviewer, '?view=provided&state=department-review')).toContain(id);
    expect(await ids(outsider, '')).toEqual([]);
    await act(approver, id, 'approve');
    expect(await ids(approver, '?view=to-review')).not.toContain(id);
    expect(await ids(providerReviewer, '?view=to-review')).toContain(id);
    const granted = await ids(applicant, '?view=mine&state=granted');
    expect(granted).not.toContain(id);
    expect(granted.length).toBeGreaterThan(0);
  });

  it('keeps the list of legal grounds with the node data-admin', async () => {
    const listed = await node.api('GET', '/api/v1/demand/legal-grounds', { token: applicant });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((g: any) => g.code)).toEqual(
      expect.arrayContaining(['state-secret', 'prohibited-by-law', 'beyond-duty', 'personal-information']),
    );
    const ground = { code: 'pending-litigation', title: '数据涉及未决诉讼', basis: '《中华人民共和国民事诉讼法》' };
    expect(
      (await node.api('POST', '/api/v1/demand/legal-grounds', { token: providerReviewer, body: ground })).status,
    ).toBe(403);
    const bad = await node.api('POST', '/api/v1/demand/legal-grounds', {
      token: dataAdmin,
      body: { code: 'X', title: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path).sort()).toEqual(['basis', 'code', 'title']);
    expect((await node.api('POST', '/api/v1/demand/legal-grounds', { token: dataAdmin, body: ground })).status).toBe(
      201,
    );
    expect((await node.api('POST', '/api/v1/demand/legal-grounds', { token: dataAdmin, body: ground })).status).toBe(
      409,
    );
    const amended = { title: '数据涉及未决诉讼或行政复议', basis: '《中华人民共和国行政复议法》' };
    const put = (code: string, token: string) =>
      node.api('PUT', `/api/v1/demand/legal-grounds/${code}`, { token, body: amended });
    expect((await put('pending-litigation', dataAdmin)).body).toMatchObject({ code: 'pending-litigation', ...amended });
    expect((await put('no-such-ground', dataAdmin)).status).toBe(404);
    expect((await put('pending-litigation', approver)).status).toBe(403);

    node.setNow('2026-09-14T02:00:00Z');
    const id = await atProviderReview();
    const withdrawn = await node.api('DELETE', '/api/v1/demand/legal-grounds/pending-litigation', { token: dataAdmin });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    const cited = await act(providerReviewer, id, 'reject', { groundCode: 'pending-litigation' });
    expect(cited.status).toBe(422);
    expect(cited.body.errors[0]).toMatchObject({ path: 'groundCode', rule: 'legal-ground-required' });
    const active = await node.api('GET', '/api/v1/demand/legal-grounds', { token: applicant });
    expect(active.body.items.map((g: any) => g.code)).not.toContain('pending-litigation');
    const all = await node.api('GET', '/api/v1/demand/legal-grounds?includeWithdrawn=true', { token: applicant });
    expect(all.body.items.map((g: any) => g.code)).toContain('pending-litigation');
  });

  it('documents the API in OpenAPI', async () => {
    const doc = await node.api('GET', '/api/v1/demand/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/demand/applications',
        '/api/v1/demand/applications/{id}/approve',
        '/api/v1/demand/applications/{id}/contest-decision',
        '/api/v1/demand/legal-grounds',
      ]),
    );
    const fileBody = doc.body.paths['/api/v1/demand/applications'].post.requestBody.content['application/json'].schema;
    expect(fileBody.required).toEqual(expect.arrayContaining(['target', 'requestedItems', 'purpose', 'legalBasis']));

    // The rule codes each operation can answer in a 422, for a client to switch on.
    const problems = problemCodesOf(doc.body);
    expect(problems.get('POST /api/v1/demand/applications/{id}/approve')).toEqual(
      [
        ApplicationRule.ProviderReviewOnly,
        ApplicationRule.EntryShareable,
        ApplicationRule.FutureDate,
        ApplicationRule.WithinRequested,
        ApplicationRule.EntryItem,
      ].sort(),
    );
    expect(problems.get('POST /api/v1/demand/applications/{id}/reject')).toEqual(
      [ApplicationRule.CommentRequired, LegalGroundRule.Required].sort(),
    );
    const approve422 = doc.body.paths['/api/v1/demand/applications/{id}/approve'].post.responses['422'];
    expect(
      approve422.content['application/problem+json'].schema.properties.errors.items.properties.rule.enum,
    ).toContain('provider-review-only');
    // Every rule code of the demand service is listed by at least one operation.
    const listed = new Set([...problems.values()].flat());
    const unlisted = [...Object.values(ApplicationRule), ...Object.values(LegalGroundRule)].filter(
      (c) => !listed.has(c),
    );
    expect(unlisted).toEqual([]);
    // Routes that answer no 422 list none.
    expect(problems.has('POST /api/v1/demand/applications/{id}/withdraw')).toBe(false);
  });
});

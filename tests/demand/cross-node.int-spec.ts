import { randomUUID } from 'node:crypto';
import type { DemandApplicationEventV1, DemandTimelineStep, ReplicaEventV1 } from '@govdata/contracts';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { sampleApplication, startDemandNode, type DemandNode } from './demand-harness.js';

/**
 * One application record shared by the applicant's node and the provider's node. The federation
 * carries `demand.application.v1` between them; here the events of the other node are produced on
 * this node's topic as the federation service will (origin = the node that made the change), and
 * this node's own changes are read back from the topic.
 *
 * Provider side: an application filed at Nanchang (360100) for an entry of this node (100000)
 * arrives after the Nanchang department approved it; this node's provider reviewer decides.
 * Applicant side: this node's organisation applies for an entry of a ministry node held in this
 * node's 一本账; the ministry decides and its decision comes back.
 */
const NATIONAL = '100000';
const NANCHANG = '360100';
const MINISTRY = '11100000000013338W';

describe('applications across nodes', () => {
  let node: DemandNode;
  let providerReviewer: string;
  let dataAdmin: string;
  let applicant: string;
  let approver: string;
  let bystander: string;
  let conditional: { id: string; code: string };
  let unconditional: { id: string; code: string };
  const nanchangOrg = randomUUID();

  beforeAll(async () => {
    node = await startDemandNode();
    providerReviewer = await node.token(node.orgA, ['provider-reviewer'], 'reviewer-a');
    dataAdmin = await node.token(node.orgB, ['data-admin'], 'data-admin');
    applicant = await node.token(node.orgB, ['demand-applicant'], 'applicant-b');
    approver = await node.token(node.orgB, ['demand-approver'], 'approver-b');
    bystander = await node.token(node.orgB, ['provider-reviewer', 'demand-approver'], 'bystander-b');
    conditional = await node.publishEntry(node.orgA);
    unconditional = await node.publishEntry(node.orgA, {
      name: '居民身份证签发机关信息',
      grade: { category: 'general', level: 1 },
      sharing: { type: 'unconditional', methods: ['platform'] },
    });
    node.setNow('2026-09-18T02:00:00Z');
  });

  afterAll(async () => {
    await node?.close();
  });

  const act = (token: string, id: string, verb: string, body: unknown = {}) =>
    node.api('POST', `/api/v1/demand/applications/${id}/${verb}`, { token, body });
  const read = (token: string, id: string) => node.api('GET', `/api/v1/demand/applications/${id}`, { token });

  const nanchangActor = (subject: string) => ({ subject, organisationId: nanchangOrg, nodeCode: NANCHANG });

  /** The application as Nanchang publishes it after its department approved (v2), or at filing (v1). */
  function fromNanchang(
    id: string,
    version: number,
    entry: { id: string; code: string },
    patch: Partial<DemandApplicationEventV1['application']> = {},
    action: DemandApplicationEventV1['action'] = version === 1 ? 'filed' : 'step-approved',
  ): DemandApplicationEventV1 {
    const timeline: DemandTimelineStep[] = [
      {
        seq: 1,
        step: 'filing',
        openedAt: '2026-09-14T02:00:00.000Z',
        dueOn: null,
        decision: 'filed',
        decidedAt: '2026-09-14T02:00:00.000Z',
        actor: nanchangActor('applicant-nc'),
      },
      {
        seq: 2,
        step: 'department-review',
        assignee: { nodeCode: NANCHANG, organisationId: nanchangOrg, role: 'demand-approver' },
        openedAt: '2026-09-14T02:00:00.000Z',
        dueOn: '2026-09-17',
        decision: version === 1 ? null : 'approved',
        decidedAt: version === 1 ? null : '2026-09-15T02:00:00.000Z',
        actor: version === 1 ? null : nanchangActor('approver-nc'),
      },
    ];
    if (version > 1) {
      timeline.push({
        seq: 3,
        step: 'provider-review',
        assignee: { nodeCode: NATIONAL, organisationId: node.orgA.id, role: 'provider-reviewer' },
        openedAt: '2026-09-15T02:00:00.000Z',
        dueOn: '2026-09-29',
        decision: null,
        decidedAt: null,
      });
    }
    return {
      action,
      application: {
        id,
        nodeCode: NANCHANG,
        version,
        state: version === 1 ? 'department-review' : 'provider-review',
        applicant: {
          organisationId: nanchangOrg,
          nodeCode: NANCHANG,
          subject: 'applicant-nc',
          organisationName: '南昌市民政局',
        },
        target: {
          kind: 'entry',
          entryId: entry.id,
          entryCode: entry.code,
          entryName: '人口基本信息',
          providerNode: NATIONAL,
          providerOrganisationId: node.orgA.id,
        },
        requestedItems: ['姓名', '公民身份号码'],
        purpose: '核验最低生活保障申请人的户籍信息',
        legalBasis: '《社会救助暂行办法》第十一条',
        validUntil: '2027-06-30',
        at: version === 1 ? '2026-09-14T02:00:00.000Z' : '2026-09-15T02:00:00.000Z',
        timeline,
        ...patch,
      },
    };
  }

  async function arrive(data: DemandApplicationEventV1, origin = NANCHANG) {
    const eventId = await node.produce('demand.application.v1', data, { origin, subject: data.application.id });
    return node.consumed(eventId);
  }

  it('takes in an application filed at another node and lets this node’s provider review it', async () => {
    const id = randomUUID();
    expect(await arrive(fromNanchang(id, 2, conditional))).toBe('applied');

    const copy = await read(providerReviewer, id);
    expect(copy.status, JSON.stringify(copy.body)).toBe(200);
    expect(copy.body).toMatchObject({
      nodeCode: NANCHANG,
      version: 2,
      state: 'provider-review',
      changedAtNode: NANCHANG,
      applicant: { organisationId: nanchangOrg, organisationName: '南昌市民政局' },
      turn: { nodeCode: NATIONAL, step: 'provider-review', organisationId: node.orgA.id, dueOn: '2026-09-29' },
    });
    expect(copy.body.receivedAt).not.toBeNull();
    expect(copy.body.timeline.map((s: any) => [s.step, s.decision, s.actor?.subject ?? null])).toEqual([
      ['filing', 'filed', 'applicant-nc'],
      ['department-review', 'approved', 'approver-nc'],
      ['provider-review', null, null],
    ]);
    // Neither organisation B (not a party) nor anyone else on this node sees it.
    expect((await read(bystander, id)).status).toBe(404);
    expect((await act(bystander, id, 'approve')).status).toBe(404);

    // A late copy of version 1 changes nothing; the same version again neither.
    expect(await arrive(fromNanchang(id, 1, conditional))).toBe('applied');
    expect(await arrive(fromNanchang(id, 2, conditional, { purpose: '被篡改的用途' }))).toBe('applied');
    const unchanged = await read(providerReviewer, id);
    expect(unchanged.body).toMatchObject({
      version: 2,
      state: 'provider-review',
      purpose: '核验最低生活保障申请人的户籍信息',
    });

    const granted = await act(providerReviewer, id, 'approve', { terms: { ratePerSecond: 20, burst: 40 } });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect(granted.body).toMatchObject({ version: 3, state: 'granted', nodeCode: NANCHANG, changedAtNode: NATIONAL });

    const event = await node.eventFor(id, 3);
    expect(event.origin).toBe(NATIONAL);
    expect(event.data).toMatchObject({
      action: 'granted',
      application: {
        id,
        nodeCode: NANCHANG,
        version: 3,
        state: 'granted',
        grant: {
          consumerOrganisationId: nanchangOrg,
          consumerNode: NANCHANG,
          providerNode: NATIONAL,
          providerOrganisationId: node.orgA.id,
          entryId: conditional.id,
          items: ['姓名', '公民身份号码'],
          validFrom: '2026-09-18',
          validUntil: '2027-06-30',
          ratePerSecond: 20,
          burst: 40,
        },
      },
    });
    // The event carries the whole timeline, so Nanchang shows what this node shows.
    expect(event.data.application.timeline).toEqual(
      granted.body.timeline.map(({ overdue: _overdue, ...step }: any) => step),
    );

    // Once granted nobody may change it from Nanchang: a forged withdrawal goes to the dead letters.
    const forged = fromNanchang(id, 4, conditional, { state: 'withdrawn' }, 'withdrawn');
    expect(await arrive(forged)).toBe('dead-lettered');
    expect((await read(providerReviewer, id)).body).toMatchObject({ version: 3, state: 'granted' });
  });

  it('takes in the applicant’s contest of this node’s refusal, which this node’s authority decides', async () => {
    const id = randomUUID();
    await arrive(fromNanchang(id, 2, conditional));
    const rejected = await act(providerReviewer, id, 'reject', { groundCode: 'personal-information' });
    expect(rejected.body).toMatchObject({ version: 3, state: 'rejected' });
    // Nanchang holds the turn now: a contest there.
    const refusal = (await node.eventFor(id, 3)).data;
    const contest: DemandApplicationEventV1 = {
      action: 'contested',
      application: {
        ...refusal.application,
        version: 4,
        state: 'contested',
        at: '2026-09-18T03:00:00.000Z',
        timeline: [
          ...refusal.application.timeline!,
          {
            seq: 4,
            step: 'contest',
            openedAt: '2026-09-18T03:00:00.000Z',
            dueOn: null,
            decision: 'filed',
            decidedAt: '2026-09-18T03:00:00.000Z',
            actor: nanchangActor('applicant-nc'),
            comment: '核验低保资格属法定职责',
          },
          {
            seq: 5,
            step: 'contest',
            assignee: { nodeCode: NATIONAL, organisationId: null, role: 'data-admin' },
            openedAt: '2026-09-18T03:00:00.000Z',
            dueOn: '2026-10-09',
            decision: null,
            decidedAt: null,
          },
        ],
      },
    };
    expect(await arrive(contest)).toBe('applied');
    expect((await read(dataAdmin, id)).body).toMatchObject({
      version: 4,
      state: 'contested',
      turn: { role: 'data-admin' },
    });

    const upheld = await act(dataAdmin, id, 'contest-decision', { decision: 'uphold', comment: '涉及个人信息，维持' });
    expect(upheld.status, JSON.stringify(upheld.body)).toBe(200);
    expect((await node.eventFor(id, 5)).data).toMatchObject({
      action: 'contest-decided',
      application: { version: 5, state: 'rejected' },
    });
  });

  it('refuses grants another node made for this node’s data unless the catalog shares it without conditions', async () => {
    const forged = randomUUID();
    const grant = {
      consumerOrganisationId: nanchangOrg,
      consumerNode: NANCHANG,
      providerNode: NATIONAL,
      entryId: conditional.id,
      items: ['姓名'],
      purpose: '核验',
      validFrom: '2026-09-14',
      validUntil: '2027-06-30',
      ratePerSecond: 100,
      burst: 100,
    };
    const granted = fromNanchang(forged, 1, conditional, { state: 'granted', grant }, 'granted');
    expect(await arrive(granted)).toBe('dead-lettered');
    expect((await read(dataAdmin, forged)).status).toBe(404);

    const open = randomUUID();
    const atOnce = fromNanchang(open, 1, unconditional, {}, 'granted');
    const filing = atOnce.application.timeline![0]!;
    atOnce.application = {
      ...atOnce.application,
      state: 'granted',
      grant: { ...grant, entryId: unconditional.id },
      timeline: [
        filing,
        { ...filing, seq: 2, step: 'grant', decision: 'granted', actor: null, comment: '无条件共享：申请即授权' },
      ],
    };
    expect(await arrive(atOnce)).toBe('applied');
    expect((await read(providerReviewer, open)).body).toMatchObject({ state: 'granted', turn: null });

    // An application between two other nodes is none of this node's business.
    const elsewhere = randomUUID();
    const other = fromNanchang(elsewhere, 1, conditional);
    other.application.target.providerNode = '440000';
    expect(await arrive(other)).toBe('applied');
    expect(await node.demandSql('SELECT id FROM application WHERE id = $1', [elsewhere])).toEqual([]);
  });

  it('files here for a ministry entry of the 一本账 and shows the ministry’s decision when it comes back', async () => {
    const ministryOrg = randomUUID();
    const entryId = randomUUID();
    const replica: ReplicaEventV1 = {
      kind: 'catalog.entry',
      origin: MINISTRY,
      path: [MINISTRY, NATIONAL],
      version: 7,
      receivedAt: '2026-09-01T00:00:00.000Z',
      record: {
        action: 'publish',
        sequence: 7,
        entry: {
          id: entryId,
          code: `101001/${MINISTRY}000007`,
          nodeCode: MINISTRY,
          organisationId: ministryOrg,
          provider: { name: '人力资源和社会保障部', code: MINISTRY },
          status: 'published',
          headVersion: 1,
          headState: 'published',
          publishedVersion: 1,
          authoritativeEntryId: null,
        },
        version: {
          number: 1,
          state: 'published',
          publishDate: '2026-09-01',
          content: sampleEntry({
            name: '全国社会保险参保信息',
            items: [
              { name: '姓名', dataType: 'C', length: 50 },
              { name: '公民身份号码', dataType: 'C', length: 18 },
              { name: '参保状态', dataType: 'C', length: 10 },
            ],
          }),
        },
        actor: { subject: 'ministry-reviewer', organisationId: ministryOrg },
        at: '2026-09-01T00:00:00.000Z',
      },
    };
    const replicaEvent = await node.produce('federation.replica.v1', replica, {
      origin: MINISTRY,
      subject: `${MINISTRY}/${entryId}`,
    });
    expect(await node.consumed(replicaEvent)).toBe('applied');

    const filed = await node.api('POST', '/api/v1/demand/applications', {
      token: applicant,
      body: sampleApplication(entryId, { requestedItems: ['姓名', '参保状态'] }),
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.id as string;
    expect(filed.body.target).toMatchObject({ providerNode: MINISTRY, providerOrganisationId: ministryOrg });
    const approved = await act(approver, id, 'approve');
    expect(approved.body).toMatchObject({ version: 2, state: 'provider-review', turn: { nodeCode: MINISTRY } });
    const v2 = await node.eventFor(id, 2);
    expect(v2.data.application).toMatchObject({ nodeCode: NATIONAL, target: { providerNode: MINISTRY } });

    // The ministry holds the turn: nothing changes it here meanwhile.
    const early = await act(applicant, id, 'withdraw');
    expect(early.status).toBe(409);
    expect(early.body.errors[0]).toMatchObject({ rule: 'turn' });

    // The ministry's reviewer grants; its version 3 comes back through the federation.
    const decided: DemandApplicationEventV1 = {
      action: 'granted',
      application: {
        ...v2.data.application,
        version: 3,
        state: 'granted',
        at: '2026-09-21T02:00:00.000Z',
        timeline: [
          ...v2.data.application.timeline!.map((s) =>
            s.step === 'provider-review'
              ? {
                  ...s,
                  decision: 'approved' as const,
                  decidedAt: '2026-09-21T02:00:00.000Z',
                  actor: { subject: 'ministry-reviewer', organisationId: ministryOrg, nodeCode: MINISTRY },
                  comment: '同意',
                }
              : s,
          ),
        ],
        grant: {
          consumerOrganisationId: node.orgB.id,
          consumerNode: NATIONAL,
          providerNode: MINISTRY,
          providerOrganisationId: ministryOrg,
          entryId,
          items: ['姓名', '参保状态'],
          purpose: v2.data.application.purpose,
          validFrom: '2026-09-21',
          validUntil: '2027-06-30',
          ratePerSecond: 5,
          burst: 10,
        },
      },
    };
    // A third node cannot speak for the ministry.
    expect(await arrive({ ...decided }, '360000')).toBe('dead-lettered');
    expect((await read(applicant, id)).body.version).toBe(2);

    expect(await arrive(decided, MINISTRY)).toBe('applied');
    const shown = await read(applicant, id);
    expect(shown.body).toMatchObject({
      version: 3,
      state: 'granted',
      changedAtNode: MINISTRY,
      turn: null,
      grant: { providerNode: MINISTRY, items: ['姓名', '参保状态'] },
    });
    expect(shown.body.timeline.find((s: any) => s.step === 'provider-review')).toMatchObject({
      decision: 'approved',
      actor: { subject: 'ministry-reviewer', nodeCode: MINISTRY },
    });
  });
});

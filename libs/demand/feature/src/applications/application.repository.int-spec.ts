import { randomUUID } from 'node:crypto';
import type { GrantTerms } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { demandService } from '../demand.service-definition.js';
import { ApplicationRepository, type ApplicationScope } from './application.repository.js';
import type { ApplicationRecord, TimelineStep } from './application.types.js';

const HERE = '360100';
const MINISTRY = '100000';
const APPLICANT_ORG = randomUUID();
const PROVIDER_ORG = randomUUID();

function application(overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: randomUUID(),
    nodeCode: HERE,
    version: 1,
    state: 'department-review',
    lastAction: 'filed',
    applicant: {
      organisationId: APPLICANT_ORG,
      nodeCode: HERE,
      subject: 'applicant-b',
      organisationName: '市场监督管理局',
    },
    target: {
      kind: 'entry',
      entryId: randomUUID(),
      entryCode: '101001/360100000001',
      entryName: '人口基本信息',
      providerNode: HERE,
      providerOrganisationId: PROVIDER_ORG,
      description: null,
    },
    requestedItems: ['姓名', '公民身份号码'],
    purpose: '核验',
    legalBasis: '《市场主体登记管理条例》',
    scenario: null,
    validUntil: '2027-06-30',
    expectedVolume: { callsPerDay: 500 },
    grant: null,
    filedAt: '2026-09-14T02:00:00.000Z',
    changedAt: '2026-09-14T02:00:00.000Z',
    changedAtNode: HERE,
    receivedAt: null,
    ...overrides,
  };
}

function grant(app: ApplicationRecord, validUntil: string): GrantTerms {
  return {
    consumerOrganisationId: app.applicant.organisationId,
    consumerNode: app.nodeCode,
    providerNode: app.target.providerNode,
    providerOrganisationId: app.target.providerOrganisationId!,
    entryId: app.target.entryId!,
    entryCode: app.target.entryCode!,
    items: ['姓名'],
    purpose: app.purpose,
    validFrom: '2026-09-14',
    validUntil,
    ratePerSecond: 5,
    burst: 10,
    quotaPerDay: 500,
    quotaPerMonth: null,
  };
}

const openStep = (seq: number, provisional = false): TimelineStep => ({
  seq,
  step: 'department-review',
  assignee: { nodeCode: HERE, organisationId: APPLICANT_ORG, role: 'demand-approver' },
  openedAt: '2026-09-14T02:00:00.000Z',
  dueOn: '2026-09-17',
  ...(provisional ? { provisional: true } : {}),
  decision: null,
  decidedAt: null,
  actor: null,
});

const filing: TimelineStep = {
  seq: 1,
  step: 'filing',
  openedAt: '2026-09-14T02:00:00.000Z',
  dueOn: null,
  decision: 'filed',
  decidedAt: '2026-09-14T02:00:00.000Z',
  actor: { subject: 'applicant-b', organisationId: APPLICANT_ORG, nodeCode: HERE },
  comment: null,
};

/** What the repository reads back for a step it stored (every optional column present). */
const stored = (s: TimelineStep): TimelineStep => ({
  groundCode: null,
  groundTitle: null,
  comment: null,
  terms: null,
  assignee: undefined,
  ...s,
});

// `application` and `application_step` on a real PostgreSQL: a fresh node database, the demand migrations.
describe('ApplicationRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new ApplicationRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    await provisionNodeDatabase(config, ['demand']);
    db = createServiceDataSource(config, 'demand', demandService.persistence);
    await db.initialize();
    await migrateServiceSchema(db);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('reads back the application and its timeline as it stored them', async () => {
    const app = application();
    await repository.insert(db.manager, app);
    await repository.insertStep(db.manager, app.id, filing);
    await repository.insertStep(db.manager, app.id, openStep(2, true));
    expect(await repository.find(db.manager, app.id)).toEqual(app);
    expect(await repository.steps(db.manager, app.id)).toEqual([stored(filing), stored(openStep(2, true))]);
    expect(await repository.find(db.manager, randomUUID())).toBeNull();
  });

  it('decides an open step once, and stores the change made here', async () => {
    const app = application();
    await repository.insert(db.manager, app);
    await repository.insertStep(db.manager, app.id, openStep(1));
    const decision = {
      decision: 'approved' as const,
      decidedAt: '2026-09-15T03:00:00.000Z',
      actor: { subject: 'approver-b', organisationId: APPLICANT_ORG, nodeCode: HERE },
      comment: '同意',
    };
    await repository.decideStep(db.manager, app.id, 1, decision);
    await repository.decideStep(db.manager, app.id, 1, { ...decision, decision: 'rejected', comment: 'again' });
    expect(await repository.steps(db.manager, app.id)).toEqual([stored({ ...openStep(1), ...decision })]);

    const granted = {
      ...app,
      version: 2,
      state: 'granted' as const,
      lastAction: 'granted' as const,
      grant: grant(app, '2027-06-30'),
      changedAt: '2026-09-15T03:00:00.000Z',
      receivedAt: '2026-09-15T03:00:01.000Z', // a change made here is never "received"
    };
    await repository.update(db.manager, granted);
    expect(await repository.lock(db.manager, app.id)).toEqual({ ...granted, receivedAt: null });
  });

  it('keeps the highest version of a copy from another node, and replaces its timeline', async () => {
    const copy = application({
      nodeCode: MINISTRY,
      version: 3,
      changedAtNode: MINISTRY,
      receivedAt: '2026-09-14T02:00:05.000Z',
    });
    expect(await repository.upsertIfNewer(db.manager, copy)).toBe(true);
    expect(await repository.upsertIfNewer(db.manager, { ...copy, state: 'withdrawn' })).toBe(false);
    expect(await repository.upsertIfNewer(db.manager, { ...copy, version: 2, state: 'withdrawn' })).toBe(false);
    const newer = { ...copy, version: 4, state: 'provider-review' as const, lastAction: 'step-approved' as const };
    expect(await repository.upsertIfNewer(db.manager, newer)).toBe(true);
    expect(await repository.find(db.manager, copy.id)).toEqual(newer);

    await repository.replaceSteps(db.manager, copy.id, [filing, openStep(2)]);
    await repository.replaceSteps(db.manager, copy.id, [filing]);
    expect(await repository.steps(db.manager, copy.id)).toEqual([stored(filing)]);
  });

  it('finds the grants of its own data whose validity ended, and the due dates still provisional', async () => {
    const ended = application();
    const running = application();
    const elsewhere = application({ target: { ...application().target, providerNode: MINISTRY } });
    for (const [app, until] of [
      [ended, '2026-09-30'],
      [running, '2026-10-01'],
      [elsewhere, '2026-09-01'],
    ] as const) {
      await repository.insert(db.manager, {
        ...app,
        state: 'granted',
        lastAction: 'granted',
        grant: grant(app, until),
      });
    }
    const expired = await db.transaction((m) => repository.lockExpired(m, HERE, '2026-10-01', 100));
    expect(expired.map((a) => a.id)).toContain(ended.id);
    expect(expired.map((a) => a.id)).not.toContain(running.id);
    expect(expired.map((a) => a.id)).not.toContain(elsewhere.id);

    await repository.insertStep(db.manager, running.id, openStep(1, true));
    const provisional = await db.transaction((m) => repository.openStepsWithProvisionalDue(m));
    expect(provisional).toContainEqual({ applicationId: running.id, step: stored(openStep(1, true)) });
    await repository.setStepDue(db.manager, running.id, 1, '2026-09-18', false);
    expect(await repository.steps(db.manager, running.id)).toEqual([stored({ ...openStep(1), dueOn: '2026-09-18' })]);
    expect(
      (await db.transaction((m) => repository.openStepsWithProvisionalDue(m))).map((r) => r.applicationId),
    ).not.toContain(running.id);
  });

  it('lists what each view shows a principal at this node', async () => {
    const otherOrg = randomUUID();
    const mine = application({ applicant: { ...application().applicant, organisationId: otherOrg } });
    const provided = application({
      state: 'provider-review',
      target: { ...application().target, providerOrganisationId: otherOrg },
    });
    const atAuthority = application({ state: 'authority-review' });
    for (const app of [mine, provided, atAuthority]) await repository.insert(db.manager, app);
    const scope = (over: Partial<ApplicationScope>): ApplicationScope => ({
      thisNode: HERE,
      organisationId: otherOrg,
      dataAdmin: false,
      roles: [],
      ...over,
    });
    const ids = async (
      s: ApplicationScope,
      view: 'all' | 'mine' | 'to-review' | 'provided',
      state?: ApplicationRecord['state'],
    ) =>
      (await repository.list(db.manager, s, { view, limit: 200, offset: 0, ...(state ? { state } : {}) })).map(
        (a) => a.id,
      );

    expect(await ids(scope({}), 'mine')).toEqual([mine.id]);
    expect(await ids(scope({}), 'provided')).toEqual([provided.id]);
    expect((await ids(scope({}), 'all')).sort()).toEqual([mine.id, provided.id].sort());
    expect(await ids(scope({ roles: ['demand-approver'] }), 'to-review')).toEqual([mine.id]);
    expect(await ids(scope({ roles: ['provider-reviewer'] }), 'to-review')).toEqual([provided.id]);
    expect(await ids(scope({}), 'to-review')).toEqual([]);
    const admin = await ids(scope({ dataAdmin: true }), 'to-review');
    expect(admin).toContain(atAuthority.id);
    expect(admin).not.toContain(mine.id);
    expect(await ids(scope({ dataAdmin: true }), 'all', 'authority-review')).toContain(atAuthority.id);
    expect(await ids(scope({ thisNode: MINISTRY, dataAdmin: true }), 'all')).not.toContain(atAuthority.id);
  });
});

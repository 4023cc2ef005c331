import { describe, expect, it } from 'vitest';
import type { ApplicationState, ApplicationView, TimelineStepView } from '@/api/types/demand.js';
import { contestable, offeredVerbs, type Person } from './application-actions.js';

const APPLICANT_NODE = '360000';
const PROVIDER_NODE = '360100';
const APPLICANT_ORG = 'a0000000-0000-4000-8000-000000000001';
const PROVIDER_ORG = 'b0000000-0000-4000-8000-000000000002';

function step(partial: Partial<TimelineStepView> & Pick<TimelineStepView, 'step'>): TimelineStepView {
  return {
    seq: 1,
    openedAt: '2026-12-01T00:00:00Z',
    dueOn: null,
    decision: null,
    decidedAt: null,
    overdue: false,
    ...partial,
  };
}

function application(state: ApplicationState, timeline: TimelineStepView[] = []): ApplicationView {
  const turnNode: Partial<Record<ApplicationState, string>> = {
    'department-review': APPLICANT_NODE,
    'provider-review': PROVIDER_NODE,
    'authority-review': PROVIDER_NODE,
    'awaiting-registration': PROVIDER_NODE,
    contested: PROVIDER_NODE,
  };
  const node = turnNode[state];
  return {
    id: 'c0000000-0000-4000-8000-000000000003',
    nodeCode: APPLICANT_NODE,
    version: 1,
    state,
    applicant: { organisationId: APPLICANT_ORG, nodeCode: APPLICANT_NODE, subject: 'u1', organisationName: '甲局' },
    target: {
      kind: 'entry',
      entryId: 'd0000000-0000-4000-8000-000000000004',
      entryCode: null,
      entryName: '企业信息',
      providerNode: PROVIDER_NODE,
      providerOrganisationId: PROVIDER_ORG,
      description: null,
    },
    requestedItems: ['名称'],
    purpose: 'p',
    legalBasis: 'l',
    scenario: null,
    validUntil: '2027-12-31',
    expectedVolume: null,
    grant: null,
    filedAt: '2026-12-01T00:00:00Z',
    changedAt: '2026-12-01T00:00:00Z',
    turn: node
      ? { nodeCode: node, step: 'provider-review', role: 'x', organisationId: null, dueOn: null, overdue: false }
      : null,
    timeline,
  };
}

const applicant: Person = { nodeCode: APPLICANT_NODE, organisationId: APPLICANT_ORG, roles: ['demand-applicant'] };
const approver: Person = { nodeCode: APPLICANT_NODE, organisationId: APPLICANT_ORG, roles: ['demand-approver'] };
const provider: Person = {
  nodeCode: PROVIDER_NODE,
  organisationId: PROVIDER_ORG,
  roles: ['provider-reviewer', 'data-admin'],
};
const authority: Person = { nodeCode: PROVIDER_NODE, organisationId: 'e0', roles: ['data-admin'], authority: true };

describe('offeredVerbs', () => {
  it("offers the department's approver approval and refusal, the applicant withdrawal, at the applicant's node", () => {
    const app = application('department-review');
    expect(offeredVerbs(app, approver, APPLICANT_NODE)).toEqual(['approve', 'reject']);
    expect(offeredVerbs(app, applicant, APPLICANT_NODE)).toEqual(['withdraw']);
    expect(offeredVerbs(app, { ...approver, organisationId: 'other' }, APPLICANT_NODE)).toEqual([]);
    expect(offeredVerbs(app, provider, PROVIDER_NODE)).toEqual([]);
  });

  it("offers the provider's reviewer the provider review only at the provider's node", () => {
    const app = application('provider-review');
    expect(offeredVerbs(app, provider, PROVIDER_NODE)).toEqual(['approve', 'reject']);
    expect(offeredVerbs(app, approver, APPLICANT_NODE)).toEqual([]);
    expect(offeredVerbs(app, authority, PROVIDER_NODE)).toEqual([]);
  });

  it('offers the authority review and the contest ruling to a data-admin of an authority organisation only', () => {
    expect(offeredVerbs(application('authority-review'), authority, PROVIDER_NODE)).toEqual(['approve', 'reject']);
    expect(offeredVerbs(application('authority-review'), provider, PROVIDER_NODE)).toEqual([]);
    expect(offeredVerbs(application('contested'), authority, PROVIDER_NODE)).toEqual(['decide-contest']);
  });

  it('offers a contest of a provider-side refusal once, and revocation of a grant to the provider side', () => {
    const refused = [
      step({ seq: 2, step: 'provider-review', decision: 'rejected', decidedAt: '2026-12-02T00:00:00Z' }),
    ];
    expect(offeredVerbs(application('rejected', refused), applicant, APPLICANT_NODE)).toEqual(['contest']);
    const contested = [...refused, step({ seq: 3, step: 'contest', decision: 'upheld' })];
    expect(offeredVerbs(application('rejected', contested), applicant, APPLICANT_NODE)).toEqual([]);
    const byDepartment = [step({ seq: 2, step: 'department-review', decision: 'rejected' })];
    expect(contestable({ timeline: byDepartment })).toBe(false);
    expect(offeredVerbs(application('granted'), provider, PROVIDER_NODE)).toEqual(['revoke']);
    expect(offeredVerbs(application('granted'), authority, PROVIDER_NODE)).toEqual(['revoke']);
    expect(offeredVerbs(application('granted'), applicant, APPLICANT_NODE)).toEqual([]);
  });

  it('offers nothing once the application is closed, or to a person of another node', () => {
    expect(offeredVerbs(application('withdrawn'), applicant, APPLICANT_NODE)).toEqual([]);
    expect(offeredVerbs(application('department-review'), approver, PROVIDER_NODE)).toEqual([]);
  });
});

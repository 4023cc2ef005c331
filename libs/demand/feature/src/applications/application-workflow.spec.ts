import type { Principal, Role } from '@govdata/platform-auth';
import { GovdataError } from '@govdata/platform-errors';
import type { ApplicationRecord, ApplicationState, TimelineStep } from './application.types.js';
import { authorise, contestable, maySee, turnNode } from './application-workflow.js';

const APPLICANT_ORG = '00000000-0000-4000-8000-00000000000a';
const PROVIDER_ORG = '00000000-0000-4000-8000-00000000000b';

function application(state: ApplicationState, nodes = { applicant: '360100', provider: '100000' }): ApplicationRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    nodeCode: nodes.applicant,
    version: 2,
    state,
    lastAction: 'step-approved',
    applicant: { organisationId: APPLICANT_ORG, nodeCode: nodes.applicant, subject: 'a', organisationName: null },
    target: {
      kind: 'entry',
      entryId: '00000000-0000-4000-8000-000000000002',
      entryCode: '101001/100000000001',
      entryName: '人口基本信息',
      providerNode: nodes.provider,
      providerOrganisationId: PROVIDER_ORG,
      description: null,
    },
    requestedItems: ['姓名'],
    purpose: 'p',
    legalBasis: 'l',
    scenario: null,
    validUntil: '2027-06-30',
    expectedVolume: null,
    grant: null,
    filedAt: '2026-09-14T02:00:00.000Z',
    changedAt: '2026-09-14T02:00:00.000Z',
    changedAtNode: nodes.applicant,
    receivedAt: null,
  };
}

const step = (s: TimelineStep['step'], decision: TimelineStep['decision']): TimelineStep => ({
  seq: 1,
  step: s,
  openedAt: '2026-09-14T02:00:00.000Z',
  dueOn: null,
  decision,
  decidedAt: decision ? '2026-09-14T02:00:00.000Z' : null,
});

const who = (organisationId: string, nodeCode: string, ...roles: Role[]): Principal => ({
  subject: 'u',
  kind: 'user',
  organisationId,
  nodeCode,
  roles,
});
/** The same, held in an authority organisation (数据主管部门): node-level roles take effect. */
const ofAuthority = (organisationId: string, nodeCode: string, ...roles: Role[]): Principal => ({
  ...who(organisationId, nodeCode, ...roles),
  authority: true,
});

function status(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as GovdataError).httpStatus;
  }
}

describe('application workflow', () => {
  it('gives the turn to the node whose step is pending, to the applicant while a refusal is contestable, to the provider while a grant runs', () => {
    expect(turnNode(application('department-review'), [])).toBe('360100');
    expect(turnNode(application('provider-review'), [])).toBe('100000');
    expect(turnNode(application('awaiting-registration'), [])).toBe('100000');
    expect(turnNode(application('contested'), [])).toBe('100000');
    expect(turnNode(application('rejected'), [step('provider-review', 'rejected')])).toBe('360100');
    expect(turnNode(application('rejected'), [step('department-review', 'rejected')])).toBeNull();
    expect(turnNode(application('granted'), [])).toBe('100000'); // the provider's node expires it
    expect(turnNode(application('withdrawn'), [])).toBeNull();
  });

  it('lets a provider-side refusal be contested once', () => {
    expect(contestable([step('provider-review', 'rejected')])).toBe(true);
    expect(contestable([step('authority-review', 'rejected')])).toBe(true);
    expect(contestable([step('registration', 'rejected')])).toBe(true);
    expect(contestable([step('department-review', 'rejected')])).toBe(false);
    expect(contestable([step('provider-review', 'rejected'), step('contest', 'upheld')])).toBe(false);
  });

  it('shows an application to its two organisations on their own nodes and to the node data-admin', () => {
    const app = application('provider-review');
    expect(maySee(who(PROVIDER_ORG, '100000'), app, '100000')).toBe(true);
    expect(maySee(who(APPLICANT_ORG, '100000'), app, '100000')).toBe(false);
    expect(maySee(who(APPLICANT_ORG, '360100'), app, '360100')).toBe(true);
    expect(maySee(who(APPLICANT_ORG, '360100', 'data-admin'), app, '100000')).toBe(false);
    expect(maySee(ofAuthority('00000000-0000-4000-8000-0000000000ff', '100000', 'data-admin'), app, '100000')).toBe(
      true,
    );
    // A department's data-admin is no node authority.
    expect(maySee(who('00000000-0000-4000-8000-0000000000ff', '100000', 'data-admin'), app, '100000')).toBe(false);
  });

  it('answers 409 for the wrong state or a turn held elsewhere and 403 for the wrong person', () => {
    const atProvider = application('provider-review');
    const reviewer = who(PROVIDER_ORG, '100000', 'provider-reviewer');
    expect(status(() => authorise('approve', reviewer, atProvider, [], '100000'))).toBe('ok');
    expect(
      status(() => authorise('approve', who(APPLICANT_ORG, '100000', 'provider-reviewer'), atProvider, [], '100000')),
    ).toBe(403);
    expect(
      status(() => authorise('approve', who(PROVIDER_ORG, '100000', 'data-admin'), atProvider, [], '100000')),
    ).toBe(403);
    expect(status(() => authorise('answer', reviewer, atProvider, [], '100000'))).toBe(409);
    // At the applicant's node the provider's step is not taken.
    expect(
      status(() => authorise('withdraw', who(APPLICANT_ORG, '360100', 'demand-applicant'), atProvider, [], '360100')),
    ).toBe(409);
    expect(
      status(() =>
        authorise(
          'withdraw',
          who(APPLICANT_ORG, '360100', 'demand-applicant'),
          application('department-review'),
          [],
          '360100',
        ),
      ),
    ).toBe('ok');
    expect(status(() => authorise('approve', reviewer, application('granted'), [], '100000'))).toBe(409);
  });

  it('lets the provider side revoke a running grant at the provider node, and no one else', () => {
    const granted = application('granted');
    const reviewer = who(PROVIDER_ORG, '100000', 'provider-reviewer');
    expect(status(() => authorise('revoke', reviewer, granted, [], '100000'))).toBe('ok');
    expect(
      status(() => authorise('revoke', ofAuthority(APPLICANT_ORG, '100000', 'data-admin'), granted, [], '100000')),
    ).toBe('ok');
    expect(status(() => authorise('revoke', who(PROVIDER_ORG, '100000', 'data-admin'), granted, [], '100000'))).toBe(
      'ok',
    );
    expect(status(() => authorise('revoke', who(APPLICANT_ORG, '100000', 'data-admin'), granted, [], '100000'))).toBe(
      403,
    );
    expect(
      status(() => authorise('revoke', who(APPLICANT_ORG, '100000', 'provider-reviewer'), granted, [], '100000')),
    ).toBe(403);
    // The applicant's node does not hold the turn of a running grant.
    expect(status(() => authorise('revoke', who(APPLICANT_ORG, '360100', 'data-admin'), granted, [], '360100'))).toBe(
      409,
    );
    expect(status(() => authorise('revoke', reviewer, application('provider-review'), [], '100000'))).toBe(409);
    expect(turnNode(application('revoked'), [])).toBeNull();
  });
});

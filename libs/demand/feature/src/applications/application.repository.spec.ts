import {
  toApplicationRecord,
  toTimelineStep,
  type ApplicationRow,
  type ApplicationStepRow,
} from './application.repository.js';

const row: ApplicationRow = {
  id: '00000000-0000-4000-8000-000000000001',
  node_code: '360100',
  version: 3,
  state: 'provider-review',
  last_action: 'step-approved',
  applicant_organisation_id: '00000000-0000-4000-8000-00000000000a',
  applicant_node: '360100',
  applicant_subject: 'applicant-b',
  applicant_name: null,
  target_kind: 'uncatalogued',
  entry_id: null,
  entry_code: null,
  entry_name: null,
  provider_node: '100000',
  provider_organisation_id: '00000000-0000-4000-8000-00000000000b',
  target_description: '企业登记信息',
  requested_items: ['统一社会信用代码'],
  purpose: '核验',
  legal_basis: '依法履职',
  scenario: null,
  valid_until: '2027-06-30',
  expected_volume: null,
  grant_terms: null,
  filed_at: new Date('2026-09-14T02:00:00Z'),
  changed_at: new Date('2026-09-15T03:30:00Z'),
  changed_at_node: '100000',
  received_at: new Date('2026-09-15T03:30:02Z'),
};

const stepRow: ApplicationStepRow = {
  seq: 2,
  step: 'department-review',
  assignee: null,
  opened_at: new Date('2026-09-14T02:00:00Z'),
  due_on: '2026-09-17',
  due_provisional: false,
  decision: null,
  decided_at: null,
  actor: null,
  ground_code: null,
  ground_title: null,
  comment: null,
  terms: null,
};

describe('application rows', () => {
  it('maps an application row to the record, with instants as ISO strings', () => {
    expect(toApplicationRecord(row)).toEqual({
      id: row.id,
      nodeCode: '360100',
      version: 3,
      state: 'provider-review',
      lastAction: 'step-approved',
      applicant: {
        organisationId: row.applicant_organisation_id,
        nodeCode: '360100',
        subject: 'applicant-b',
        organisationName: null,
      },
      target: {
        kind: 'uncatalogued',
        entryId: null,
        entryCode: null,
        entryName: null,
        providerNode: '100000',
        providerOrganisationId: row.provider_organisation_id,
        description: '企业登记信息',
      },
      requestedItems: ['统一社会信用代码'],
      purpose: '核验',
      legalBasis: '依法履职',
      scenario: null,
      validUntil: '2027-06-30',
      expectedVolume: null,
      grant: null,
      filedAt: '2026-09-14T02:00:00.000Z',
      changedAt: '2026-09-15T03:30:00.000Z',
      changedAtNode: '100000',
      receivedAt: '2026-09-15T03:30:02.000Z',
    });
    expect(toApplicationRecord({ ...row, received_at: null }).receivedAt).toBeNull();
  });

  it('maps a step row, marking the due date provisional only when it is', () => {
    const open = toTimelineStep(stepRow);
    expect(open).toEqual({
      seq: 2,
      step: 'department-review',
      openedAt: '2026-09-14T02:00:00.000Z',
      dueOn: '2026-09-17',
      decision: null,
      decidedAt: null,
      actor: null,
      groundCode: null,
      groundTitle: null,
      comment: null,
      terms: null,
    });
    expect('provisional' in open).toBe(false);
    expect(toTimelineStep({ ...stepRow, due_provisional: true }).provisional).toBe(true);
    const decided = toTimelineStep({
      ...stepRow,
      decision: 'rejected',
      decided_at: new Date('2026-09-15T01:00:00Z'),
      ground_code: 'beyond-duty',
      ground_title: '超出依法履职需要',
    });
    expect(decided).toMatchObject({
      decision: 'rejected',
      decidedAt: '2026-09-15T01:00:00.000Z',
      groundCode: 'beyond-duty',
      groundTitle: '超出依法履职需要',
    });
  });
});

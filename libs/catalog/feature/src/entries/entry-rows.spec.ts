import { toEntryRecord, toTransitionRecord, toVersionRecord } from './entry-rows.js';

const ID = '00000000-0000-4000-8000-000000000001';
const ORG = '00000000-0000-4000-8000-0000000000aa';
const AT = new Date('2027-03-01T02:00:00Z');

describe('catalog entry rows as PostgreSQL returns them', () => {
  it('maps an entry row, keeping absent timestamps and pointers null', () => {
    expect(
      toEntryRecord({
        id: ID,
        code: '101001/360100000001',
        node_code: '360100',
        organisation_id: ORG,
        head_version: 2,
        head_state: 'draft',
        published_version: 1,
        retired_at: null,
        authoritative_entry_id: null,
        created_by: 'editor',
        created_at: AT,
        updated_at: AT,
        first_published_at: AT,
      }),
    ).toEqual({
      id: ID,
      code: '101001/360100000001',
      nodeCode: '360100',
      organisationId: ORG,
      headVersion: 2,
      headState: 'draft',
      publishedVersion: 1,
      retiredAt: null,
      authoritativeEntryId: null,
      createdBy: 'editor',
      createdAt: AT,
      updatedAt: AT,
      firstPublishedAt: AT,
    });
  });

  it('maps a version row with its return reasons and 发布日期', () => {
    const version = toVersionRecord({
      entry_id: ID,
      version: 1,
      state: 'returned',
      content: { name: '企业登记信息' } as never,
      return_reasons: [{ field: 'items', reason: '缺少说明' }],
      created_by: 'editor',
      created_at: AT,
      updated_at: AT,
      submitted_at: AT,
      approved_at: null,
      published_at: null,
      publish_date: '2027-03-01',
    });
    expect(version).toMatchObject({
      entryId: ID,
      state: 'returned',
      returnReasons: [{ field: 'items', reason: '缺少说明' }],
      submittedAt: AT,
      approvedAt: null,
      publishDate: '2027-03-01',
    });
  });

  it('maps a transition row, turning the bigint sequence into a number and grouping the actor', () => {
    expect(
      toTransitionRecord({
        seq: '9007199254740',
        entry_id: ID,
        version: 1,
        action: 'return',
        from_state: 'submitted',
        to_state: 'returned',
        actor_subject: 'reviewer',
        actor_name: null,
        actor_organisation_id: ORG,
        reason: '退回',
        field_reasons: null,
        at: AT,
      }),
    ).toEqual({
      seq: 9007199254740,
      entryId: ID,
      version: 1,
      action: 'return',
      fromState: 'submitted',
      toState: 'returned',
      actor: { subject: 'reviewer', name: null, organisationId: ORG },
      reason: '退回',
      fieldReasons: null,
      at: AT,
    });
  });
});

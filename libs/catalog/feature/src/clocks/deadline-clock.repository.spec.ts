import { toClock, type DeadlineClockRaw } from './deadline-clock.repository.js';

const open: DeadlineClockRaw = {
  id: '00000000-0000-4000-8000-000000000001',
  node_code: '360000',
  kind: 'registration',
  organisation_id: '00000000-0000-4000-8000-0000000000aa',
  entry_id: null,
  entry_version: null,
  system_id: '00000000-0000-4000-8000-0000000000bb',
  campaign_id: null,
  trigger: 'system-registered',
  reason: '政务信息系统登记：不动产登记系统',
  started_on: '2026-03-02',
  working_days: 20,
  due_on: '2026-03-30',
  due_unknown: null,
  due_provisional: false,
  status: 'open',
  opened_by: 'editor-1',
  opened_at: new Date('2026-03-02T01:00:00.123Z'),
  closed_on: null,
  closed_at: null,
  closed_by: null,
  close_reason: null,
  closing_entry_id: null,
};

describe('toClock', () => {
  it('maps an open clock, timestamps as ISO text', () => {
    expect(toClock(open)).toEqual({
      id: open.id,
      nodeCode: '360000',
      kind: 'registration',
      organisationId: open.organisation_id,
      entryId: null,
      entryVersion: null,
      systemId: open.system_id,
      campaignId: null,
      trigger: 'system-registered',
      reason: open.reason,
      startedOn: '2026-03-02',
      workingDays: 20,
      dueOn: '2026-03-30',
      dueUnknown: null,
      provisional: false,
      status: 'open',
      openedBy: 'editor-1',
      openedAt: '2026-03-02T01:00:00.123Z',
      closedOn: null,
      closedAt: null,
      closedBy: null,
      closeReason: null,
      closingEntryId: null,
    });
  });

  it('maps a closed clock without a due date and a provisional one', () => {
    const clock = toClock({
      ...open,
      kind: 'review',
      entry_id: '00000000-0000-4000-8000-0000000000cc',
      entry_version: 2,
      due_on: null,
      due_unknown: 'calendar-data-missing',
      due_provisional: true,
      status: 'closed-pending-calendar',
      closed_on: '2026-04-01',
      closed_at: new Date('2026-04-01T08:00:00Z'),
      closed_by: 'reviewer-1',
      close_reason: 'approved',
    });
    expect(clock).toMatchObject({
      entryId: '00000000-0000-4000-8000-0000000000cc',
      entryVersion: 2,
      dueOn: null,
      dueUnknown: 'calendar-data-missing',
      provisional: true,
      status: 'closed-pending-calendar',
      closedOn: '2026-04-01',
      closedAt: '2026-04-01T08:00:00.000Z',
      closedBy: 'reviewer-1',
      closeReason: 'approved',
    });
  });
});

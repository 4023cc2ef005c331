import { describe, expect, it } from 'vitest';
import type { DeadlineClock, OverdueClock, OverdueReportWithItems } from '@/api/types/catalog.js';
import { byUrgency, campaignProgress, campaignYearDefault, dueFactsOf, overdueById } from './clocks-state.js';

const ORG_A = '0b6f3a8e-5d0c-4b8a-9f5b-5a1c2d3e4f01';
const ORG_B = '0b6f3a8e-5d0c-4b8a-9f5b-5a1c2d3e4f02';

function clock(id: string, overrides: Partial<DeadlineClock> = {}): DeadlineClock {
  return {
    id,
    kind: 'annual-review',
    organisationId: ORG_A,
    entryId: `entry-${id}`,
    entryVersion: 1,
    startedOn: '2026-10-14',
    workingDays: 20,
    dueOn: '2026-11-11',
    dueUnknown: null,
    provisional: false,
    status: 'open',
    ...overrides,
  };
}

function report(items: OverdueClock[]): OverdueReportWithItems {
  return {
    today: '2026-12-07',
    calendarCoverage: '2026',
    totals: { overdue: items.length, dueUnknown: 0, organisations: 1 },
    organisations: [
      { organisationId: ORG_A, organisationName: '江西省公安厅', overdue: items.length, dueUnknown: 0, items },
    ],
  };
}

describe('clocks page', () => {
  it('marks a clock overdue only when the API lists it past due, with its working days', () => {
    const late = { ...clock('a', { dueOn: '2026-02-02' }), workingDaysOverdue: 170 };
    const overdue = overdueById(report([late]));
    expect(dueFactsOf(clock('a', { dueOn: '2026-02-02' }), overdue.get('a'))).toEqual({
      dueOn: '2026-02-02',
      provisional: false,
      overdue: true,
      workingDaysOverdue: 170,
      missingYear: undefined,
    });
    expect(dueFactsOf(clock('b', { provisional: true }), overdue.get('b'))).toMatchObject({
      overdue: false,
      provisional: true,
    });
    // A clock without a due date is listed for its missing calendar year, not as late.
    const unknown = { ...clock('c', { dueOn: null }), workingDaysOverdue: null, missingYear: 2027 };
    expect(dueFactsOf(clock('c', { dueOn: null }), unknown)).toMatchObject({ overdue: false, missingYear: 2027 });
    expect(overdueById(null).size).toBe(0);
  });

  it('orders open clocks overdue first (latest first), then due date unknown, then nearest due', () => {
    const overdue = overdueById(
      report([
        { ...clock('late-1', { dueOn: '2026-11-30' }), workingDaysOverdue: 5 },
        { ...clock('late-9', { dueOn: '2026-11-20' }), workingDaysOverdue: 9 },
      ]),
    );
    const ordered = byUrgency(
      [
        clock('far', { dueOn: '2027-01-20' }),
        clock('late-1', { dueOn: '2026-11-30' }),
        clock('unknown', { dueOn: null }),
        clock('near', { dueOn: '2026-12-10' }),
        clock('late-9', { dueOn: '2026-11-20' }),
      ],
      overdue,
    );
    expect(ordered.map((c) => c.id)).toEqual(['late-9', 'late-1', 'unknown', 'near', 'far']);
  });

  it('counts a campaign per organisation: confirmed, settled otherwise, open and overdue', () => {
    const overdue = overdueById(report([{ ...clock('t2'), workingDaysOverdue: 3 }]));
    const progress = campaignProgress(
      [
        clock('t1', { status: 'met', closeReason: 'confirmed' }),
        clock('t2'),
        clock('t3', { status: 'met', closeReason: 'new-version-published' }),
        clock('t4', { organisationId: ORG_B, status: 'missed-then-closed', closeReason: 'confirmed' }),
      ],
      overdue,
    );
    expect(progress).toEqual([
      { organisationId: ORG_A, total: 3, confirmed: 1, closedOtherwise: 1, open: 1, overdue: 1, percent: 67 },
      { organisationId: ORG_B, total: 1, confirmed: 1, closedOtherwise: 0, open: 0, overdue: 0, percent: 100 },
    ]);
  });

  it('proposes the current year in China for a new campaign', () => {
    expect(campaignYearDefault(new Date('2026-12-31T17:00:00Z'))).toBe(2027);
    expect(campaignYearDefault(new Date('2026-06-01T00:00:00Z'))).toBe(2026);
  });
});

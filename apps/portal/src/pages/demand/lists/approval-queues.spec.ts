import { describe, expect, it } from 'vitest';
import type { ApplicationSummary, StepKind } from '@/api/types/demand.js';
import { turnDue } from './application-due.js';
import { approvalQueues } from './approval-queues.js';

const NODE = '360100';
function waiting(id: string, step: StepKind, dueOn: string | null, overdue = false): ApplicationSummary {
  return {
    id,
    state: 'provider-review',
    target: {
      kind: 'entry',
      entryId: null,
      entryCode: null,
      entryName: id,
      providerNode: NODE,
      providerOrganisationId: null,
      description: null,
    },
    applicant: { organisationId: 'o', nodeCode: NODE, subject: 's', organisationName: null },
    filedAt: '2026-12-01T00:00:00Z',
    turn: { nodeCode: NODE, step, role: 'provider-reviewer', organisationId: null, dueOn, overdue },
  };
}

describe('approvalQueues', () => {
  const list = [
    waiting('late', 'provider-review', '2026-12-01', true),
    waiting('soon', 'provider-review', '2026-12-03'),
    waiting('later', 'provider-review', '2026-12-10'),
    waiting('contest', 'contest', '2026-12-05'),
  ];

  it('gives each role its queues, overdue first then by due date', () => {
    const provider = { nodeCode: NODE, roles: ['provider-reviewer'] };
    const queues = approvalQueues([list[2]!, list[1]!, list[0]!, list[3]!], provider, NODE);
    expect(queues.map((q) => q.step)).toEqual(['provider-review', 'registration']);
    expect(queues[0]!.applications.map((a) => a.id)).toEqual(['late', 'soon', 'later']);
    const authority = { nodeCode: NODE, roles: ['data-admin'], authority: true };
    expect(approvalQueues(list, authority, NODE).map((q) => [q.step, q.applications.length])).toEqual([
      ['authority-review', 0],
      ['contest', 1],
    ]);
  });

  it('gives a department data-admin or an applicant no queue', () => {
    expect(approvalQueues(list, { nodeCode: NODE, roles: ['data-admin'] }, NODE)).toEqual([]);
    expect(approvalQueues(list, { nodeCode: NODE, roles: ['demand-applicant'] }, NODE)).toEqual([]);
  });
});

describe('turnDue', () => {
  it("marks the turn's due date provisional when its open step was counted without the year's notice", () => {
    const app = {
      ...waiting('a', 'provider-review', '2027-01-05', false),
      timeline: [
        {
          seq: 1,
          step: 'filing' as const,
          openedAt: '',
          dueOn: null,
          decision: 'filed',
          decidedAt: '',
          overdue: false,
        },
        {
          seq: 2,
          step: 'provider-review' as const,
          openedAt: '',
          dueOn: '2027-01-05',
          provisional: true,
          decision: null,
          decidedAt: null,
          overdue: false,
        },
      ],
    };
    expect(turnDue(app)).toEqual({ dueOn: '2027-01-05', overdue: false, provisional: true });
    expect(turnDue({ ...app, turn: null })).toBeNull();
  });
});

import { holdsRule, type PermissionRule, type PersonRoles } from '@/navigation/portal-access.js';
import type { ApplicationSummary, StepKind } from '@/api/types/demand.js';

/** 审批队列 — one queue per kind of decision, with the roles that take it (application-workflow.ts). */
export const APPROVAL_QUEUES: ReadonlyArray<{ step: StepKind; takenBy: PermissionRule }> = [
  { step: 'department-review', takenBy: { organisation: ['demand-approver'] } },
  { step: 'provider-review', takenBy: { organisation: ['provider-reviewer'] } },
  { step: 'registration', takenBy: { organisation: ['provider-reviewer'] } },
  { step: 'authority-review', takenBy: { node: ['data-admin'] } },
  { step: 'contest', takenBy: { node: ['data-admin'] } },
];

/** 撤销授权 — who on the provider side may revoke a running grant (application-workflow.ts PROVIDER_SIDE). */
export const GRANTED_BY: PermissionRule = { node: ['data-admin'], organisation: ['provider-reviewer', 'data-admin'] };

/**
 * The person's queues on this node, each with the applications the API lists as waiting for them
 * (`view=to-review`) whose turn is that step; most urgent first (overdue, then by due date).
 */
export function approvalQueues(
  waiting: readonly ApplicationSummary[],
  person: PersonRoles,
  thisNode: string,
): Array<{ step: StepKind; applications: ApplicationSummary[] }> {
  return APPROVAL_QUEUES.filter((q) => holdsRule(person, q.takenBy, thisNode)).map((q) => ({
    step: q.step,
    applications: waiting.filter((a) => a.turn?.step === q.step).sort(byUrgency),
  }));
}

function byUrgency(a: ApplicationSummary, b: ApplicationSummary): number {
  const late = Number(b.turn?.overdue ?? false) - Number(a.turn?.overdue ?? false);
  if (late !== 0) return late;
  return (a.turn?.dueOn ?? '9999-12-31').localeCompare(b.turn?.dueOn ?? '9999-12-31');
}

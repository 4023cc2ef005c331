import type { DueFacts } from '@govdata/web-ui';
import type { ApplicationSummary, TimelineStepView } from '@/api/types/demand.js';

/**
 * The due date of the step an application waits on, as the API gives it: the turn's date and
 * lateness, and whether the open step's date was counted on a year without its holiday notice
 * (暂定). Nothing is counted here. Null when nobody has to act.
 */
export function turnDue(app: ApplicationSummary): DueFacts | null {
  if (!app.turn) return null;
  const turn = app.turn;
  const open = [...(app.timeline ?? [])].reverse().find((s) => s.decision === null && s.step === turn.step);
  return { dueOn: turn.dueOn, overdue: turn.overdue, provisional: open?.provisional ?? false };
}

/** The due date of one timeline step (decided late, or still open past it, is overdue). */
export function stepDue(step: TimelineStepView): DueFacts | null {
  if (step.dueOn === null && (step.decision !== null || !step.assignee)) return null;
  return { dueOn: step.dueOn, overdue: step.overdue, provisional: step.provisional ?? false };
}

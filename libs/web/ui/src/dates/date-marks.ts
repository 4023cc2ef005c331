/**
 * Marks beside a due date, from what the API says of it — the platform's working-day calendar
 * decides due dates and lateness on the server; the browser only shows its answer.
 */
export interface DueFacts {
  /** CCYY-MM-DD, or null when the calendar cannot give it yet. */
  dueOn: string | null;
  overdue?: boolean;
  /** Working days past due (the API's `workingDaysOverdue`). */
  workingDaysOverdue?: number | null;
  /** The due date rests on a year whose holiday notice is not loaded (暂定). */
  provisional?: boolean;
  /** The year whose holiday notice is missing, when the API names it. */
  missingYear?: number;
}

export type DateMark =
  { kind: 'overdue'; days: number | null } | { kind: 'provisional' } | { kind: 'unknown'; year: number | null };

/** The marks to show, most urgent first; an empty list means an ordinary date. */
export function dateMarks(facts: DueFacts): DateMark[] {
  const marks: DateMark[] = [];
  if (facts.overdue || (facts.workingDaysOverdue ?? 0) > 0) {
    marks.push({ kind: 'overdue', days: facts.workingDaysOverdue ?? null });
  }
  if (facts.dueOn === null) marks.push({ kind: 'unknown', year: facts.missingYear ?? null });
  else if (facts.provisional) marks.push({ kind: 'provisional' });
  return marks;
}

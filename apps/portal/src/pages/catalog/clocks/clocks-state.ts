import type { DueFacts } from '@govdata/web-ui';
import type { DeadlineClock, OverdueClock, OverdueReportWithItems } from '@/api/types/catalog.js';

/**
 * What the 时限与年度复核 page shows, from the API's answers: the due dates, lateness and calendar
 * marks are the API's (its working-day calendar); here they are only grouped and ordered.
 */

/** The marks of a clock's due date, overdue when the API's overdue list has it past due. */
export function dueFactsOf(clock: DeadlineClock, overdue?: OverdueClock): DueFacts {
  return {
    dueOn: clock.dueOn,
    provisional: clock.provisional,
    overdue: overdue !== undefined && overdue.dueOn !== null,
    workingDaysOverdue: overdue?.workingDaysOverdue ?? null,
    missingYear: overdue?.missingYear,
  };
}

/** The overdue report's clocks by id. */
export function overdueById(report: OverdueReportWithItems | null): Map<string, OverdueClock> {
  return new Map((report?.organisations ?? []).flatMap((o) => o.items).map((c) => [c.id, c]));
}

/**
 * Open clocks, the ones needing attention first: overdue (most working days late first), then
 * those whose due date the calendar cannot give yet, then the rest by due date, nearest first.
 */
export function byUrgency(clocks: readonly DeadlineClock[], overdue: Map<string, OverdueClock>): DeadlineClock[] {
  const rank = (c: DeadlineClock) => {
    const late = overdue.get(c.id);
    if (late && late.dueOn !== null) return 0;
    if (c.dueOn === null) return 1;
    return 2;
  };
  return [...clocks].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra - rb;
    if (ra === 0) return (overdue.get(b.id)?.workingDaysOverdue ?? 0) - (overdue.get(a.id)?.workingDaysOverdue ?? 0);
    return (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.startedOn.localeCompare(b.startedOn);
  });
}

/** One organisation's share of a re-review campaign. */
export interface OrganisationProgress {
  organisationId: string;
  total: number;
  confirmed: number;
  closedOtherwise: number;
  open: number;
  overdue: number;
  /** Share of tasks settled (confirmed or closed otherwise), 0–100. */
  percent: number;
}

/**
 * A campaign's progress per organisation, from its tasks (`/clocks?campaignId=`): confirmed by a
 * reviewer, settled otherwise (a new version published, the entry retired), still open, and open
 * past due as the API's overdue list says. Organisations with open tasks first.
 */
export function campaignProgress(
  tasks: readonly DeadlineClock[],
  overdue: Map<string, OverdueClock>,
): OrganisationProgress[] {
  const byOrganisation = new Map<string, OrganisationProgress>();
  for (const task of tasks) {
    let row = byOrganisation.get(task.organisationId);
    if (!row) {
      row = {
        organisationId: task.organisationId,
        total: 0,
        confirmed: 0,
        closedOtherwise: 0,
        open: 0,
        overdue: 0,
        percent: 0,
      };
      byOrganisation.set(task.organisationId, row);
    }
    row.total += 1;
    if (task.status === 'open') {
      row.open += 1;
      if (overdue.get(task.id)?.dueOn) row.overdue += 1;
    } else if (task.closeReason === 'confirmed') row.confirmed += 1;
    else row.closedOtherwise += 1;
  }
  const rows = [...byOrganisation.values()];
  for (const row of rows) row.percent = Math.round(((row.total - row.open) / row.total) * 100);
  return rows.sort(
    (a, b) => b.open - a.open || b.overdue - a.overdue || a.organisationId.localeCompare(b.organisationId),
  );
}

/** The year a data-admin may open a campaign for: the API refuses future years; this year is the default. */
export function campaignYearDefault(today: Date = new Date()): number {
  return Number(today.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
}

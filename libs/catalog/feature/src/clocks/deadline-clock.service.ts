import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate, WorkingCalendar } from '@govdata/calendar';
import { can, scopeOf, type Principal } from '@govdata/platform-auth';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { EntryChange } from '../entries/entry-hooks.js';
import type { Label } from '../entries/entry-labels.js';
import { EntryRepository } from '../entries/entry.repository.js';
import { BusinessClock } from './business-clock.js';
import { mayRead } from './clock-access.js';
import { CatalogCalendarService, type CalendarNotice, type CatalogCalendar } from './catalog-calendar.service.js';
import type { ClockFilterQuery } from './deadline-clock.dto.js';
import {
  CLOCK_LABELS,
  DAYS_SETTING,
  clockView,
  type ClockKind,
  type ClockTrigger,
  type CloseReason,
  type DeadlineClock,
  type DeadlineClockView,
} from './deadline-clock.js';
import { DeadlineClockRepository } from './deadline-clock.repository.js';
import { closingStatus, dueDate, warnProvisional, workingDaysOverdue } from './deadline-rules.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';
import { ClockRule } from './clock.exception.js';

/** What a caller asks for when a clock starts. */
export interface OpenClockInput {
  nodeCode: string;
  kind: ClockKind;
  organisationId: string;
  entryId?: string;
  entryVersion?: number;
  systemId?: string;
  campaignId?: string;
  trigger: ClockTrigger;
  reason?: string;
  startedOn: IsoDate;
  openedBy: string;
  /**
   * When the due date falls in a year the calendar has no data for:
   * - `refuse` — the caller chose the date: 422 naming `startedOn` and the years covered;
   * - `flag` — the platform opened the clock as a side effect of someone's work (a submission, a
   *   system registered): the work goes on, the clock is stored without a due date and shows in the
   *   attention list until the year's holiday notice is loaded.
   */
  whenCalendarMissing: 'refuse' | 'flag';
}

/** An overdue (or due-unknown) clock with how late it is. */
export interface OverdueItem extends DeadlineClockView {
  /** Working days past the due date; null when the due date or today lies beyond the calendar. */
  workingDaysOverdue: number | null;
  /** For a clock without a due date: the year whose holiday notice is missing. */
  missingYear?: number;
}

export interface OverdueGroup {
  organisationId: string;
  organisationName: string | null;
  overdue: number;
  dueUnknown: number;
  items: OverdueItem[];
}

/** 逾期清单 — per organisation; the calendar problems the authority must fix are listed apart. */
export interface OverdueReport {
  today: IsoDate;
  calendarCoverage: string;
  totals: { overdue: number; dueUnknown: number; organisations: number };
  attention: Array<{ problem: 'calendar-data-missing'; year: number; clocks: number; label: Label; action: string }>;
  organisations: OverdueGroup[];
}

export interface CalendarLoadResult {
  year: number;
  calendarCoverage: string;
  /** Clocks that got their due date from the loaded year. */
  clocksDated: number;
  /** Clocks closed while the due date was unknown, now judged met or missed. */
  closingsSettled: number;
  /** Clocks whose provisional due date was recomputed on the loaded notice (the mark removed). */
  clocksRecomputed: number;
}

const LIST_LIMIT = 500;

/**
 * 时限 — working-day clocks: registration, update, review and annual re-review deadlines, counted on
 * the official calendar (调休 included) from the node's settings. Clocks open and close with the
 * entries' lifecycle (see `DeadlineClockEntryHook`), on request (a change of duties, a new system),
 * and in annual campaigns.
 */
@Injectable()
export class DeadlineClockService {
  constructor(
    private readonly clocks: DeadlineClockRepository,
    private readonly settings: DeadlineSettingsService,
    private readonly calendars: CatalogCalendarService,
    private readonly entries: EntryRepository,
    private readonly businessClock: BusinessClock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Today in Asia/Shanghai, from the injectable business clock. */
  today(): IsoDate {
    return this.businessClock.today();
  }

  /**
   * Starts a clock with the node's allowance for its kind. Other features call this inside their
   * own transaction (e.g. the systems register when a system is registered — or use
   * `openRegistrationForSystem`).
   */
  async open(manager: EntityManager, input: OpenClockInput): Promise<DeadlineClockView> {
    const workingDays = (await this.settings.effective(manager, input.nodeCode))[DAYS_SETTING[input.kind]];
    const current = await this.calendars.current(manager);
    const due = dueDate(current.calendar, input.startedOn, workingDays);
    if (due.dueOn === null) {
      if (input.whenCalendarMissing === 'refuse') {
        const message =
          `截止日期（${input.startedOn} 后 ${workingDays} 个工作日）落在 ${due.missingYear} 年，工作日历尚未覆盖该年` +
          `（已覆盖 ${current.coverage}）；请数据管理员加载 ${due.missingYear} 年节假日通知 ` +
          `(the due date, ${workingDays} working days after ${input.startedOn}, falls in ${due.missingYear}, which the ` +
          `working-day calendar (工作日历) does not cover: it covers ${current.coverage}. A data-admin loads ` +
          `${due.missingYear}'s holiday notice at PUT /api/v1/catalog/settings/calendar/${due.missingYear})`;
        throw new GovdataError(
          ErrorCode.RuleViolated,
          message,
          [{ path: 'startedOn', rule: ClockRule.CalendarRange, message }],
          {
            calendarCoverage: current.coverage,
          },
        );
      }
      this.logger.warn(
        { kind: input.kind, entryId: input.entryId, startedOn: input.startedOn, missingYear: due.missingYear },
        `deadline clock opened without a due date: the working-day calendar lacks ${due.missingYear}; load its holiday notice`,
      );
    } else warnProvisional(this.logger, due.provisionalYears);
    const clock = await this.clocks.insert(manager, {
      ...input,
      workingDays,
      dueOn: due.dueOn,
      dueUnknown: due.dueUnknown,
      provisional: due.provisional,
    });
    return clockView(clock);
  }

  /**
   * For the systems register (数据—系统): a newly registered 政务信息系统 starts the organisation's
   * registration deadline; it closes when the organisation submits an entry naming the system.
   * Idempotent: a system with an open registration clock keeps that one.
   */
  async openRegistrationForSystem(
    manager: EntityManager,
    input: {
      nodeCode: string;
      organisationId: string;
      systemId: string;
      systemName: string;
      openedBy: string;
      startedOn?: IsoDate;
    },
  ): Promise<DeadlineClockView> {
    const [existing] = await this.clocks.openRegistrationsForSystem(
      manager,
      input.nodeCode,
      input.organisationId,
      input.systemId,
    );
    if (existing) return clockView(existing);
    return this.open(manager, {
      nodeCode: input.nodeCode,
      kind: 'registration',
      organisationId: input.organisationId,
      systemId: input.systemId,
      trigger: 'system-registered',
      reason: `政务信息系统登记：${input.systemName}`,
      startedOn: input.startedOn ?? this.today(),
      openedBy: input.openedBy,
      whenCalendarMissing: 'flag',
    });
  }

  async get(manager: EntityManager, principal: Principal, nodeCode: string, id: string): Promise<DeadlineClockView> {
    const clock = await this.clocks.find(manager, nodeCode, id);
    if (!clock || !mayRead(principal, nodeCode, clock.organisationId))
      throw GovdataError.notFound('deadline clock', id);
    return clockView(clock);
  }

  /** Editors list their organisation's clocks; the node authority lists any. */
  async list(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    query: ClockFilterQuery,
  ): Promise<{ items: DeadlineClockView[]; truncated: boolean }> {
    const organisationId = readableOrganisation(principal, nodeCode, query.organisationId);
    const limit = query.limit ?? LIST_LIMIT;
    const rows = await this.clocks.list(manager, nodeCode, { ...query, organisationId, limit: limit + 1 });
    return { items: rows.slice(0, limit).map(clockView), truncated: rows.length > limit };
  }

  /** 逾期清单: open clocks whose due date is before today, and those without a due date. */
  async overdue(
    manager: EntityManager,
    principal: Principal,
    nodeCode: string,
    organisationId?: string,
  ): Promise<OverdueReport> {
    const scope = readableOrganisation(principal, nodeCode, organisationId);
    const today = this.today();
    const current = await this.calendars.current(manager);
    const rows = await this.clocks.needingAttention(manager, nodeCode, today, scope);
    const groups = new Map<string, OverdueGroup>();
    const missing = new Map<number, number>();
    for (const { clock, organisationName } of rows) {
      let group = groups.get(clock.organisationId);
      if (!group) {
        group = { organisationId: clock.organisationId, organisationName, overdue: 0, dueUnknown: 0, items: [] };
        groups.set(clock.organisationId, group);
      }
      const item: OverdueItem = { ...clockView(clock), workingDaysOverdue: null };
      if (clock.dueOn) {
        item.workingDaysOverdue = workingDaysOverdue(current.calendar, clock.dueOn, today);
        group.overdue++;
      } else {
        const due = dueDate(current.calendar, clock.startedOn, clock.workingDays);
        if (due.dueOn === null) {
          item.missingYear = due.missingYear;
          missing.set(due.missingYear, (missing.get(due.missingYear) ?? 0) + 1);
        }
        group.dueUnknown++;
      }
      group.items.push(item);
    }
    const organisations = [...groups.values()];
    for (const g of organisations) g.items.sort(byLateness);
    organisations.sort(
      (a, b) =>
        b.overdue - a.overdue || b.dueUnknown - a.dueUnknown || a.organisationId.localeCompare(b.organisationId),
    );
    return {
      today,
      calendarCoverage: current.coverage,
      totals: {
        overdue: organisations.reduce((n, g) => n + g.overdue, 0),
        dueUnknown: organisations.reduce((n, g) => n + g.dueUnknown, 0),
        organisations: organisations.length,
      },
      attention: [...missing.entries()].map(([year, clocks]) => ({
        problem: 'calendar-data-missing' as const,
        year,
        clocks,
        label: CLOCK_LABELS.dueUnknown['calendar-data-missing'],
        action: `PUT /api/v1/catalog/settings/calendar/${year}`,
      })),
      organisations,
    };
  }

  /**
   * Loads the notice of a year an ancestor node issued and, as for a local load, dates the clocks
   * that waited for it. Null when the notice breaks the calendar rules (nothing stored).
   */
  async loadInheritedCalendarYear(
    manager: EntityManager,
    nodeCode: string,
    origin: string,
    notice: CalendarNotice,
  ): Promise<CalendarLoadResult | { problems: Array<{ path: string; rule: string; message: string }> }> {
    const { problems, calendar } = await this.calendars.loadInherited(manager, origin, notice);
    if (!calendar) return { problems };
    const settled = await this.applyCalendar(manager, nodeCode, calendar);
    return { year: notice.year, calendarCoverage: calendar.coverage, ...settled };
  }

  /** The entries' lifecycle drives the clocks; runs inside the entry write's transaction. */
  async onEntryChange(manager: EntityManager, change: EntryChange): Promise<void> {
    const { nodeCode, entryId } = change;
    const actor = change.actor.subject;
    switch (change.action) {
      case 'submit': {
        const { calendar } = await this.calendars.current(manager);
        for (const clock of await this.clocks.openForEntry(manager, nodeCode, entryId, ['update', 'review'])) {
          await this.closeClock(manager, calendar, clock, 'new-version-submitted', actor, entryId);
        }
        const version = await this.entries.findVersion(manager, entryId, change.version);
        const systemId = version?.content.systemId;
        if (systemId) {
          for (const clock of await this.clocks.openRegistrationsForSystem(
            manager,
            nodeCode,
            change.organisationId,
            systemId,
          )) {
            await this.closeClock(manager, calendar, clock, 'entry-submitted', actor, entryId);
          }
        }
        await this.open(manager, {
          nodeCode,
          kind: 'review',
          organisationId: change.organisationId,
          entryId,
          entryVersion: change.version,
          trigger: 'submitted',
          reason: `${change.code} v${change.version}`,
          startedOn: this.today(),
          openedBy: actor,
          whenCalendarMissing: 'flag',
        });
        return;
      }
      case 'approve':
      case 'return':
      case 'withdraw': {
        const reason: CloseReason = { approve: 'approved', return: 'returned', withdraw: 'withdrawn' }[
          change.action
        ] as CloseReason;
        await this.closeAll(
          manager,
          await this.clocks.openForEntry(manager, nodeCode, entryId, ['review']),
          reason,
          actor,
        );
        return;
      }
      case 'publish': {
        // A task of the annual re-review is done when a newer version than the one under review is published.
        const tasks = await this.clocks.openForEntry(manager, nodeCode, entryId, ['annual-review']);
        const superseded = tasks.filter((t) => (t.entryVersion ?? 0) < change.version);
        await this.closeAll(manager, superseded, 'new-version-published', actor);
        return;
      }
      case 'retire': {
        await this.closeAll(
          manager,
          await this.clocks.openForEntry(manager, nodeCode, entryId, ['update', 'review', 'annual-review']),
          'entry-retired',
          actor,
        );
        return;
      }
      default:
        return;
    }
  }

  /** Closes one clock: met when closed on or before its due date, missed after. */
  async closeClock(
    manager: EntityManager,
    calendar: WorkingCalendar,
    clock: DeadlineClock,
    reason: CloseReason,
    closedBy: string,
    closingEntryId?: string,
  ): Promise<DeadlineClock> {
    const closedOn = this.today();
    const { status, dueOn, provisional } = closingStatus(calendar, clock, closedOn);
    return this.clocks.close(
      manager,
      clock.id,
      { status, closedOn, closedBy, closeReason: reason, closingEntryId },
      dueOn,
      provisional,
    );
  }

  private async closeAll(
    manager: EntityManager,
    clocks: DeadlineClock[],
    reason: CloseReason,
    actor: string,
  ): Promise<void> {
    if (clocks.length === 0) return;
    const { calendar } = await this.calendars.current(manager);
    for (const clock of clocks) await this.closeClock(manager, calendar, clock, reason, actor);
  }

  /**
   * Dates the clocks that had no due date, and recounts those whose due date was provisional, now
   * that the calendar may hold the year's notice. A closed clock is judged again on the new date.
   */
  async applyCalendar(
    manager: EntityManager,
    nodeCode: string,
    current: CatalogCalendar,
  ): Promise<{ clocksDated: number; closingsSettled: number; clocksRecomputed: number }> {
    let clocksDated = 0;
    let closingsSettled = 0;
    let clocksRecomputed = 0;
    for (const clock of await this.clocks.withUnknownDue(manager, nodeCode)) {
      const due = dueDate(current.calendar, clock.startedOn, clock.workingDays);
      if (due.dueOn === null) continue;
      let status = clock.status;
      if (status === 'closed-pending-calendar') {
        status = clock.closedOn! <= due.dueOn ? 'met' : 'missed-then-closed';
        closingsSettled++;
      } else if (status === 'open') clocksDated++;
      await this.clocks.setDue(manager, clock.id, due.dueOn, status, due.provisional);
    }
    for (const clock of await this.clocks.withProvisionalDue(manager, nodeCode)) {
      const due = dueDate(current.calendar, clock.startedOn, clock.workingDays);
      if (due.dueOn === null || (due.provisional && due.dueOn === clock.dueOn)) continue;
      const status =
        clock.status === 'open' || clock.closedOn === null
          ? clock.status
          : clock.closedOn <= due.dueOn
            ? 'met'
            : 'missed-then-closed';
      await this.clocks.setDue(manager, clock.id, due.dueOn, status, due.provisional);
      clocksRecomputed++;
    }
    return { clocksDated, closingsSettled, clocksRecomputed };
  }
}

/** Most overdue first; clocks without a due date after them. */
function byLateness(a: OverdueItem, b: OverdueItem): number {
  const lateness = (i: OverdueItem) => (i.dueOn === null ? -2 : (i.workingDaysOverdue ?? -1));
  return lateness(b) - lateness(a) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
}

/** The organisation filter a reader may use: editors are held to their own (403 for another). */
function readableOrganisation(
  principal: Principal,
  nodeCode: string,
  requested: string | undefined,
): string | undefined {
  if (scopeOf(principal, 'catalog.clock.read', { nodeCode }) === 'node') return requested;
  if (can(principal, 'catalog.clock.read', { nodeCode, organisationId: principal.organisationId })) {
    if (requested !== undefined && requested !== principal.organisationId) {
      throw GovdataError.forbidden(
        `目录编目员只能查看本机构 ${principal.organisationId} 的时限 (a catalog-editor sees the deadlines of organisation ${principal.organisationId} only)`,
      );
    }
    return principal.organisationId;
  }
  throw GovdataError.forbidden(
    `节点 ${nodeCode} 的时限仅供其目录编目员、审核员、数据管理员和审计员查看 (deadlines of node ${nodeCode} are read by its catalog editors, reviewers, data-admins and auditors)`,
  );
}

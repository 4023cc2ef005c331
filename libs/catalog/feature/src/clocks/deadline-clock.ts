import type { IsoDate } from '@govdata/calendar';
import type { Label } from '../entries/entry-labels.js';
import type { DeadlineSettings } from './deadline-settings.js';

/**
 * 时限 — the kinds of deadline the catalog keeps a clock for:
 * - registration (新增编目): a system or resource appeared and must be registered;
 * - update (变更更新): duties or data changed and the entry must be updated;
 * - review (审核): a submitted entry waits for the node authority;
 * - annual-review (年度复核): a task of the yearly re-review campaign.
 */
export const CLOCK_KINDS = ['registration', 'update', 'review', 'annual-review'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

/**
 * - open: running;
 * - met / missed-then-closed: closed on or before / after the due date;
 * - closed-pending-calendar: closed while the due date was unknown (the calendar lacked the year)
 *   and the closing day did not settle it; decided once the year's notice is loaded.
 */
export const CLOCK_STATUSES = ['open', 'met', 'missed-then-closed', 'closed-pending-calendar'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

/** Why a clock has no due date: the working-day calendar has no data for the year it falls in. */
export type DueUnknown = 'calendar-data-missing';

/** What started a clock. */
export const CLOCK_TRIGGERS = [
  'system-registered', // 政务信息系统登记
  'resource-appeared', // 新增数据资源
  'duties-change', // 职责变更
  'data-change', // 数据变化
  'submitted', // 提交审核
  'annual-campaign', // 年度复核
] as const;
export type ClockTrigger = (typeof CLOCK_TRIGGERS)[number];

/** What closed a clock. */
export const CLOSE_REASONS = [
  'approved',
  'returned',
  'withdrawn',
  'new-version-submitted',
  'new-version-published',
  'entry-submitted',
  'closed-with-entry',
  'confirmed',
  'entry-retired',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Which setting gives the allowance of each kind. */
export const DAYS_SETTING: Record<ClockKind, keyof DeadlineSettings> = {
  registration: 'registrationDays',
  update: 'updateDays',
  review: 'reviewDays',
  'annual-review': 'annualReviewDays',
};

export const CLOCK_LABELS = {
  kind: {
    registration: { zh: '新增资源编目', en: 'Registration' },
    update: { zh: '变更更新', en: 'Update after a change' },
    review: { zh: '审核', en: 'Review' },
    'annual-review': { zh: '年度复核', en: 'Annual re-review' },
  } satisfies Record<ClockKind, Label>,
  status: {
    open: { zh: '计时中', en: 'Open' },
    met: { zh: '按时完成', en: 'Met' },
    'missed-then-closed': { zh: '逾期后完成', en: 'Closed after the due date' },
    'closed-pending-calendar': { zh: '已完成，待工作日历判定', en: 'Closed; awaiting the calendar to judge' },
  } satisfies Record<ClockStatus, Label>,
  dueUnknown: {
    'calendar-data-missing': {
      zh: '缺少工作日历数据，无法计算到期日；请加载该年度国务院办公厅节假日安排',
      en: 'The working-day calendar lacks the year; load its holiday notice to compute the due date',
    },
  } satisfies Record<DueUnknown, Label>,
  provisional: {
    zh: '暂定到期日：该年度国务院办公厅节假日安排尚未发布，按《全国年节及纪念日放假办法》推算',
    en: "Provisional due date: counted on the holiday rules; the year's State Council notice is not loaded yet",
  } satisfies Label,
};

/** One clock as stored and shown. Dates are Asia/Shanghai calendar dates. */
export interface DeadlineClock {
  id: string;
  nodeCode: string;
  kind: ClockKind;
  organisationId: string;
  entryId: string | null;
  /** The entry version the clock is about (review: the submitted one; annual review: the published one). */
  entryVersion: number | null;
  systemId: string | null;
  campaignId: string | null;
  trigger: ClockTrigger;
  reason: string | null;
  startedOn: IsoDate;
  /** The allowance when the clock opened; later settings changes do not move a running clock. */
  workingDays: number;
  dueOn: IsoDate | null;
  dueUnknown: DueUnknown | null;
  /**
   * 暂定 — the due date was counted on a year without its 国务院办公厅 holiday notice (on the rules of
   * 《全国年节及纪念日放假办法》); recomputed, and the mark removed, when the notice is loaded.
   */
  provisional: boolean;
  status: ClockStatus;
  openedBy: string;
  openedAt: string;
  closedOn: IsoDate | null;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: CloseReason | null;
  closingEntryId: string | null;
}

/** A clock with its labels, as the API returns it. */
export interface DeadlineClockView extends DeadlineClock {
  labels: { kind: Label; status: Label; dueUnknown?: Label; provisional?: Label };
}

export function clockView(clock: DeadlineClock): DeadlineClockView {
  return {
    ...clock,
    labels: {
      kind: CLOCK_LABELS.kind[clock.kind],
      status: CLOCK_LABELS.status[clock.status],
      ...(clock.dueUnknown ? { dueUnknown: CLOCK_LABELS.dueUnknown[clock.dueUnknown] } : {}),
      ...(clock.provisional ? { provisional: CLOCK_LABELS.provisional } : {}),
    },
  };
}

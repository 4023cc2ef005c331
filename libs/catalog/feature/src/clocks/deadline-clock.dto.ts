import { z } from 'zod';
import { CLOCK_KINDS, CLOCK_STATUSES } from './deadline-clock.js';
import { isIsoDate } from './deadline-rules.js';

const isoDate = z.string().refine(isIsoDate, '日期，格式为 YYYY-MM-DD (a calendar date YYYY-MM-DD)');
const reason = z
  .string()
  .trim()
  .min(1, '请说明情况 (say what happened)')
  .max(500, '最多 500 个字符 (at most 500 characters)');

export const idParam = z.uuid('ID（UUID） (an id (uuid))');

/**
 * Body of `POST /api/v1/catalog/clocks`. Review clocks open when an entry is submitted and annual
 * re-review tasks with a campaign, so only these two kinds are opened by hand.
 */
export const openClockBody = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('update'),
        entryId: z.uuid('目录 ID（UUID） (an entry id (uuid))'),
        /** The day duties or data changed (变化之日). */
        startedOn: isoDate,
        reason,
        /** 职责变更 (default) or 数据变化. */
        trigger: z.enum(['duties-change', 'data-change']).default('duties-change'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('registration'),
        organisationId: z.uuid('机构 ID（UUID） (an organisation id (uuid))'),
        /** The 政务信息系统 that appeared; without one the clock closes by hand with the entry. */
        systemId: z.uuid('信息系统 ID（UUID） (a system id (uuid))').optional(),
        /** The day the system or resource appeared. */
        startedOn: isoDate,
        reason,
        trigger: z.enum(['system-registered', 'resource-appeared']).optional(),
      })
      .strict(),
  ],
  {
    error:
      'kind 必须为 update 或 registration（审核时限在提交时开启，年度复核时限随复核活动开启） (kind must be update or registration (review clocks open on submission, annual-review with a campaign))',
  },
);
export type OpenClockBody = z.infer<typeof openClockBody>;

export const closeClockBody = z.object({ entryId: z.uuid('目录 ID（UUID） (an entry id (uuid))') }).strict();

export const clockFilterQuery = z
  .object({
    organisationId: z.uuid().optional(),
    entryId: z.uuid().optional(),
    campaignId: z.uuid().optional(),
    kind: z.enum(CLOCK_KINDS).optional(),
    status: z.enum(CLOCK_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
export type ClockFilterQuery = z.infer<typeof clockFilterQuery>;

export const overdueQuery = z.object({ organisationId: z.uuid().optional() }).strict();

/** A year of the calendar or of a campaign. */
export const yearParam = z.coerce.number().int('年份，如 2027 (a year such as 2027)').min(2000).max(2100);

export const openCampaignBody = z
  .object({ year: z.number().int('年份，如 2026 (a year such as 2026)').min(2000).max(2100) })
  .strict();

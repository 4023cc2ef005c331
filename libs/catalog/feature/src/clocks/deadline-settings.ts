import { z } from 'zod';
import type { Label } from '../entries/entry-labels.js';

/**
 * 时限设置 — how many working days (工作日) a node allows for each kind of deadline. These are
 * node settings, not constants: provinces set their own (STANDARDS.md "Deadlines").
 */
export interface DeadlineSettings {
  /** 新增资源编目: a new system or resource is registered in the catalog within this many working days. */
  registrationDays: number;
  /** 变更更新: after a change of duties (职责变更) or of the data, the entry is updated within this many. */
  updateDays: number;
  /** 审核: a submitted entry is approved or returned within this many. */
  reviewDays: number;
  /** 年度复核: a task of the annual re-review campaign is confirmed within this many. */
  annualReviewDays: number;
}

/**
 * The national defaults — 全国一体化政务大数据体系建设指南 (国办函〔2022〕102号) §(二)3 加强目录同步更新管理:
 * - registrationDays 20: 目录有新增关联的政务数据资源，应在20个工作日内完成注册;
 * - updateDays 20: 目录信息发生变化的，应在20个工作日内完成更新;
 * - reviewDays 20: the national guide sets no review period; the platform uses the same 20 days so
 *   that a node without a provincial rule still has a review deadline (platform choice);
 * - annualReviewDays 20: a full re-review every year (每年进行一次全面复核, the Jiangxi plan) names
 *   no period per entry; 20 working days is the platform's choice, like reviewDays.
 */
export const NATIONAL_DEADLINES: Readonly<DeadlineSettings> = Object.freeze({
  registrationDays: 20,
  updateDays: 20,
  reviewDays: 20,
  annualReviewDays: 20,
});

/**
 * Jiangxi — 全省一体化政务大数据体系建设工作方案 (赣府厅字〔2023〕12号) §三(二)2 同步更新管理: a change of
 * duties is updated within 10 working days of the change (自变化之日起10个工作日内完成更新) and the
 * authority reviews the updated catalog within 5 (5个工作日内完成审核并发布); registration and the
 * annual re-review keep the national figures. The demo Jiangxi nodes (360000, 360100) use this.
 */
export const JIANGXI_DEADLINES: Readonly<DeadlineSettings> = Object.freeze({
  ...NATIONAL_DEADLINES,
  updateDays: 10,
  reviewDays: 5,
});

/** A year has about 250 working days; a longer allowance is a typing error, not a policy. */
export const MAX_DEADLINE_DAYS = 250;

const days = z
  .number({ error: '工作日数须为整数 (a whole number of working days)' })
  .int('工作日数须为整数 (a whole number of working days)')
  .min(1, '至少 1 个工作日 (at least 1 working day)')
  .max(
    MAX_DEADLINE_DAYS,
    `最多 ${MAX_DEADLINE_DAYS} 个工作日（约一年） (at most ${MAX_DEADLINE_DAYS} working days (about a year))`,
  );

/** Body of `PUT /api/v1/catalog/settings/deadlines`: all four counts, replaced together. */
export const deadlineSettingsBody = z
  .object({ registrationDays: days, updateDays: days, reviewDays: days, annualReviewDays: days })
  .strict();

/** The settings as the API shows them: where they come from, and who changed them last. */
export interface DeadlineSettingsView extends DeadlineSettings {
  nodeCode: string;
  /** `default` until a data-admin stores the node's own settings. */
  source: 'default' | 'configured';
  updatedBy: string | null;
  updatedAt: string | null;
  labels: Record<keyof DeadlineSettings, Label>;
}

export const DEADLINE_SETTING_LABELS: Record<keyof DeadlineSettings, Label> = {
  registrationDays: { zh: '新增资源编目时限（工作日）', en: 'Registration of new resources (working days)' },
  updateDays: { zh: '变更更新时限（工作日）', en: 'Update after a change (working days)' },
  reviewDays: { zh: '审核时限（工作日）', en: 'Review of a submission (working days)' },
  annualReviewDays: { zh: '年度复核时限（工作日）', en: 'Annual re-review task (working days)' },
};

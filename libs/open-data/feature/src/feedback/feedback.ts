import type { OpenDomain } from '../datasets/open-vocabulary.js';

/** How a department answers a demand for data. */
export const DEMAND_OUTCOMES = {
  'will-open': '将予开放',
  'already-open': '已经开放',
  'cannot-open': '不予开放',
  'not-held': '本部门未掌握该数据',
} as const;
export type DemandOutcome = keyof typeof DEMAND_OUTCOMES;
export const DEMAND_OUTCOME_CODES = Object.keys(DEMAND_OUTCOMES) as [DemandOutcome, ...DemandOutcome[]];

/** How a department answers an error report. */
export const ERROR_REPORT_OUTCOMES = { corrected: '已更正', rejected: '经核实无误' } as const;
export type ErrorReportOutcome = keyof typeof ERROR_REPORT_OUTCOMES;

/** A department answers a demand or an error report within this many working days. */
export const FEEDBACK_WORKING_DAYS = 10;

/** 数据需求征集 — what a member of the public asked for, and the department's public answer. */
export interface DemandRecord {
  id: string;
  accountId: string;
  title: string;
  description: string;
  domain: OpenDomain | null;
  organisationId: string | null;
  organisationName: string | null;
  status: 'open' | 'answered';
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  routedAt: string | null;
  routedBy: string | null;
  answer: {
    outcome: DemandOutcome;
    text: string;
    datasetId: string | null;
    plannedBy: string | null;
    answeredAt: string;
    answeredBy: string;
  } | null;
}

/** 纠错 — an error a member of the public found in an open dataset, and the department's answer. */
export interface ErrorReportRecord {
  id: string;
  datasetId: string;
  organisationId: string;
  accountId: string;
  resourceId: string | null;
  item: string | null;
  rowHint: string | null;
  description: string;
  status: 'open' | ErrorReportOutcome;
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
}

/** Waiting for the department past its due working day. */
export function overdue(r: { status: string; due: string | null }, today: string): boolean {
  return r.status === 'open' && r.due !== null && r.due < today;
}

/** 应用成果 — what a real-name person or company built on open data, shown once the node authority approves it. */
export const SHOWCASE_KINDS = ['app', 'mini-program', 'website', 'report', 'research', 'other'] as const;
export type ShowcaseKind = (typeof SHOWCASE_KINDS)[number];

export const SHOWCASE_KIND_LABELS: Readonly<Record<ShowcaseKind, { zh: string; en: string }>> = {
  app: { zh: '移动应用', en: 'Mobile app' },
  'mini-program': { zh: '小程序', en: 'Mini program' },
  website: { zh: '网站', en: 'Website' },
  report: { zh: '分析报告', en: 'Report' },
  research: { zh: '研究成果', en: 'Research' },
  other: { zh: '其他', en: 'Other' },
};

export const SHOWCASE_STATUSES = ['submitted', 'approved', 'refused'] as const;
export type ShowcaseStatus = (typeof SHOWCASE_STATUSES)[number];

export const SHOWCASE_STATUS_LABELS: Readonly<Record<ShowcaseStatus, { zh: string; en: string }>> = {
  submitted: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已展示', en: 'Shown' },
  refused: { zh: '未通过', en: 'Refused' },
};

export type ShowcaseDecision = 'approve' | 'refuse';

/**
 * The showcase's states as a table: from-state × decision → next state. Only a submitted showcase
 * is decided, once; the node authority (open-data.showcase.review) decides, a refusal says why.
 */
export const SHOWCASE_TRANSITIONS: ReadonlyArray<{
  from: ShowcaseStatus;
  decision: ShowcaseDecision;
  to: ShowcaseStatus;
  reasonRequired: boolean;
}> = [
  { from: 'submitted', decision: 'approve', to: 'approved', reasonRequired: false },
  { from: 'submitted', decision: 'refuse', to: 'refused', reasonRequired: true },
];

/** The state a decision leads to from `from`, or null where the table has no such cell. */
export function nextShowcaseStatus(from: ShowcaseStatus, decision: ShowcaseDecision): ShowcaseStatus | null {
  return SHOWCASE_TRANSITIONS.find((t) => t.from === from && t.decision === decision)?.to ?? null;
}

export interface SubmitterRecord {
  kind: 'person' | 'company';
  /** The name as 实名认证 recorded it: for the node authority only. */
  name: string;
  idMasked: string;
}

export interface ShowcaseRecord {
  id: string;
  accountId: string;
  submitter: SubmitterRecord;
  title: string;
  description: string;
  kind: ShowcaseKind;
  url: string;
  datasetIds: string[];
  status: ShowcaseStatus;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  refusalReason: string | null;
}

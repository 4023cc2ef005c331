import { createHash } from 'node:crypto';

export const APPLICATION_STATUSES = ['submitted', 'approved', 'active', 'refused', 'withdrawn', 'revoked'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** What a person and a department see: `expired` is an active grant past its last day. */
export type ApplicationState = ApplicationStatus | 'expired';

export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, { zh: string; en: string }>> = {
  submitted: { zh: '待审核', en: 'Awaiting the department’s review' },
  approved: { zh: '已批准，待签署协议', en: 'Approved: the agreement awaits signature' },
  active: { zh: '使用中', en: 'In force' },
  refused: { zh: '未获批准', en: 'Refused' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  revoked: { zh: '已终止', en: 'Revoked' },
  expired: { zh: '已到期', en: 'Expired' },
};

/**
 * 安全承诺 — what an applicant for data opened on conditions undertakes; every one must be accepted.
 * The agreement repeats them as its clauses.
 */
export const SECURITY_COMMITMENTS = {
  'purpose-only': '仅将数据用于申请所述的用途和应用场景',
  'no-reidentification': '不以任何方式识别特定自然人，不尝试还原已脱敏的数据',
  'no-onward-transfer': '不向第三方提供、转让或公开所获取的原始数据',
  'security-measures': '采取必要的安全保护措施，发生数据安全事件时立即处置并报告数据提供部门',
  'delete-on-expiry': '协议到期或被终止后删除所获取的数据及其副本',
  'report-use': '按数据提供部门的要求报告数据使用情况和应用成果',
} as const;
export type SecurityCommitment = keyof typeof SECURITY_COMMITMENTS;
export const SECURITY_COMMITMENT_CODES = Object.keys(SECURITY_COMMITMENTS) as [
  SecurityCommitment,
  ...SecurityCommitment[],
];

/** The department answers within this many working days of the node's calendar. */
export const APPLICATION_REVIEW_WORKING_DAYS = 10;
/** The longest use an application may ask for or an approval may grant. */
export const APPLICATION_MAX_DAYS = 366;

export interface ApplicantRecord {
  kind: 'person' | 'company';
  name: string;
  idMasked: string;
}

export interface ApplicationRecord {
  id: string;
  datasetId: string;
  organisationId: string;
  accountId: string;
  applicant: ApplicantRecord;
  purpose: string;
  scenario: string;
  commitments: SecurityCommitment[];
  fields: string[];
  validUntil: string;
  status: ApplicationStatus;
  due: string | null;
  dueProvisional: boolean;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  grantedFields: string[] | null;
  grantedUntil: string | null;
  agreementText: string | null;
  agreementSha256: string | null;
  signedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  endedReason: string | null;
}

/** The state as of `today` (a Beijing date): an active grant past its last day has expired. */
export function stateOf(a: Pick<ApplicationRecord, 'status' | 'grantedUntil'>, today: string): ApplicationState {
  if (a.status === 'active' && a.grantedUntil !== null && a.grantedUntil < today) return 'expired';
  return a.status;
}

/** Is the grant in force on `today`: signed, not revoked, not past its last day. */
export function inForce(a: Pick<ApplicationRecord, 'status' | 'grantedUntil'>, today: string): boolean {
  return stateOf(a, today) === 'active';
}

export interface AgreementTerms {
  datasetName: string;
  datasetId: string;
  providerName: string;
  openConditions: string;
  applicant: ApplicantRecord;
  purpose: string;
  scenario: string;
  fields: readonly string[];
  from: string;
  until: string;
  departmentConditions: string | null;
}

/**
 * 《公共数据有条件开放使用协议》 — the agreement the department's approval offers, in the words the
 * applicant signs: parties, data, fields, purpose, period, the entry's and the department's
 * conditions, and the commitments as clauses. Its sha256 is what the signature names.
 */
export function agreementText(t: AgreementTerms): string {
  const applicantKind = t.applicant.kind === 'person' ? '自然人' : '法人';
  const clauses = Object.values(SECURITY_COMMITMENTS).map((c, i) => `  ${i + 1}. 使用方承诺${c}。`);
  const conditions = [t.openConditions.trim(), t.departmentConditions?.trim() ?? ''].filter((c) => c !== '');
  return [
    '公共数据有条件开放使用协议',
    '',
    `数据提供方：${t.providerName}`,
    `数据使用方：${t.applicant.name}（${applicantKind}，证件号码 ${t.applicant.idMasked}，已实名认证）`,
    '',
    `一、数据：${t.datasetName}（数据集编号 ${t.datasetId}）。`,
    `二、开放字段：${t.fields.join('、')}。其他字段不在本协议范围内。`,
    `三、用途：${t.purpose}`,
    `四、应用场景：${t.scenario}`,
    `五、使用期限：${t.from} 至 ${t.until}（含当日），期满自动终止。`,
    `六、开放条件：${conditions.length > 0 ? conditions.join('；') : '无其他条件'}。`,
    '七、使用方的义务：',
    ...clauses,
    '八、数据提供方可在使用方违反本协议时终止数据使用，并依法追究责任；每次数据访问均记录在案。',
    '九、本协议自使用方在开放门户签署之日起生效。',
  ].join('\n');
}

export function agreementSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

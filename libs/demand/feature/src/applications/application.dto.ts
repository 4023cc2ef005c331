import { z } from 'zod';
import { ENTRY_CODE_PATTERN } from '../ledger/entry-lookup.js';
import { APPLICATION_STATES } from './application.types.js';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `最多 ${max} 个字符 (at most ${max} characters)`).optional();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day `YYYY-MM-DD`. */
export const isoDate = z
  .string()
  .regex(ISO_DATE, '日期，格式为 YYYY-MM-DD (a calendar date YYYY-MM-DD)')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: '不是有效日期 (not a calendar date)',
      params: { rule: 'calendar-date' },
    },
  );

/** 节点代码: a GB/T 2260 division code, or a ministry's unified social credit code. */
const nodeCode = z
  .string()
  .regex(
    /^(\d{6}|[0-9A-HJ-NPQRTUWXY]{18})$/,
    '节点代码（6 位数字，或 18 位统一社会信用代码） (a node code (6 digits, or an 18-character USCC))',
  );

const itemName = text(100);

/** 申请 — what an applicant files. */
export const fileApplicationBody = z
  .object({
    target: z.discriminatedUnion(
      'kind',
      [
        z
          .object({
            kind: z.literal('entry'),
            /** An entry held here: this node's own or one of its 一本账. */
            entryId: z.uuid().optional(),
            /** 信息资源代码 of an entry of any node: looked up at the node the code names when not held here. */
            entryCode: z.string().regex(ENTRY_CODE_PATTERN, 'an information resource code (前段码/后段码)').optional(),
          })
          .strict()
          .refine((t) => (t.entryId === undefined) !== (t.entryCode === undefined), {
            message:
              '请通过 entryId 或 entryCode 指明目录（二选一） (name the entry by entryId or by entryCode (one of them))',
            path: ['entryId'],
            params: { rule: 'one-of' },
          }),
        z
          .object({
            kind: z.literal('uncatalogued'),
            /** The organisation believed to hold the data; it answers by registering an entry. */
            providerOrganisationId: z.uuid(),
            /** Its node; defaults to this node. */
            providerNode: nodeCode.optional(),
            /** What is needed, in words the provider can catalogue. */
            description: text(2000),
          })
          .strict(),
      ],
      { error: 'kind 须为 "entry" 或 "uncatalogued" (kind must be "entry" or "uncatalogued")' },
    ),
    /** 申请信息项 */
    requestedItems: z.array(itemName).min(1, '请至少指明一个信息项 (name at least one data item)').max(1000),
    /** 用途 */
    purpose: text(2000),
    /** 依法履职依据 — the law or 三定 duty the use serves. */
    legalBasis: text(2000),
    /** 应用场景 */
    scenario: optionalText(2000),
    /** 使用期限 */
    validUntil: isoDate,
    /** 预计调用量 */
    expectedVolume: z
      .object({
        callsPerDay: z.number().int().min(1).max(1_000_000_000).optional(),
        recordsPerCall: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type FileApplicationBody = z.infer<typeof fileApplicationBody>;

/** Terms a provider reviewer may set when approving (defaults otherwise). */
export const grantTermsInput = z
  .object({
    /** Permitted items; defaults to the requested items. */
    items: z.array(itemName).min(1).max(1000).optional(),
    /** Defaults to the requested validity; never beyond it. */
    validUntil: isoDate.optional(),
    ratePerSecond: z.number().positive().max(10_000).optional(),
    burst: z.number().int().min(1).max(100_000).optional(),
    quotaPerDay: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    quotaPerMonth: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
    /** The consumer's service accounts allowed to call; empty or absent = every one of the organisation. */
    serviceAccounts: z.array(text(200)).max(50).optional(),
  })
  .strict();
export type GrantTermsInput = z.infer<typeof grantTermsInput>;

export const approveBody = z
  .object({
    comment: optionalText(2000),
    /** Provider review only: the grant's terms. */
    terms: grantTermsInput.optional(),
    /** Provider review only: ask the data authority to review too (required anyway for 重要数据). */
    referToAuthority: z.boolean().optional(),
  })
  .strict();
export type ApproveBody = z.infer<typeof approveBody>;

export const rejectBody = z
  .object({
    /** 法定事由 — required for a refusal by the provider or the authority. */
    groundCode: z.string().trim().max(63).optional(),
    comment: optionalText(2000),
  })
  .strict();
export type RejectBody = z.infer<typeof rejectBody>;

/** The provider's answer to a request for data not catalogued: the entry it registered and published. */
export const answerBody = z.object({ entryId: z.uuid(), comment: optionalText(2000) }).strict();
export type AnswerBody = z.infer<typeof answerBody>;

/** 异议 — the applicant contests a refusal to the node authority. */
export const contestBody = z.object({ comment: text(2000) }).strict();
export type ContestBody = z.infer<typeof contestBody>;

export const contestDecisionBody = z
  .object({
    decision: z.enum(['uphold', 'overturn']),
    comment: text(2000),
    /** When overturning: the grant's terms (defaults otherwise). */
    terms: grantTermsInput.optional(),
  })
  .strict();
export type ContestDecisionBody = z.infer<typeof contestDecisionBody>;

/** 撤销授权 — the provider side withdraws a running grant; like a refusal it cites a legal ground. */
export const revokeBody = z
  .object({
    /** 法定事由 from /api/v1/demand/legal-grounds. */
    groundCode: z.string().trim().min(1, '请引用法律依据 (cite a legal ground)').max(63),
    comment: optionalText(2000),
  })
  .strict();
export type RevokeBody = z.infer<typeof revokeBody>;

export const withdrawBody = z.object({ comment: optionalText(2000) }).strict();
export type WithdrawBody = z.infer<typeof withdrawBody>;

export const applicationListQuery = z
  .object({
    /** `mine`: filed by the caller's organisation; `to-review`: waiting for the caller's decision here. */
    view: z.enum(['all', 'mine', 'to-review', 'provided']).default('all'),
    state: z.enum(APPLICATION_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type ApplicationListQuery = z.infer<typeof applicationListQuery>;

export const applicationId = z.uuid();

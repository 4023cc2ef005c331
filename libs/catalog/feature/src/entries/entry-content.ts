import { z } from 'zod';
import { comparableName } from '../text/script-fold.js';

/**
 * The content of one version of a catalog entry (政務數據目錄條目): the 13 core metadata elements of
 * 政務信息資源目錄編制指南（試行） (發改高技〔2017〕1272號) less the three the platform fills in itself
 * — 代碼 (assigned), 提供方/提供方代碼 (the owning organisation) and 發布日期 (set on publication) —
 * plus classification grade (分類分級), update cycle, tags, region and the source system.
 *
 * Enumerations travel as the English keys below; `ENTRY_LABELS` maps them to the Chinese terms the
 * forms, the Excel template and the exports use.
 */

/** 資源屬性 — base (基礎), theme (主題), department (部門); the first digit of the classification code. */
export const RESOURCE_ATTRIBUTES = ['base', 'theme', 'department'] as const;
export type ResourceAttribute = (typeof RESOURCE_ATTRIBUTES)[number];
export const RESOURCE_ATTRIBUTE_DIGIT: Record<ResourceAttribute, string> = { base: '1', theme: '2', department: '3' };

/** 數據分類分級 (GB/T 43697-2024): 核心 / 重要 / 一般, 一般 graded L1–L4. */
export const GRADE_CATEGORIES = ['core', 'important', 'general'] as const;
export type GradeCategory = (typeof GRADE_CATEGORIES)[number];

/** 共享類型 / 開放類型: 無條件 / 有條件 / 不予. */
export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];
export const OPEN_TYPES = SHARING_TYPES;
export type OpenType = SharingType;

/** 共享方式: 共享平臺方式 / 郵件方式 / 介質方式. */
export const SHARING_METHODS = ['platform', 'email', 'media'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];

/** 格式分類: 電子文件 電子表格 數據庫 圖形圖像 流媒體 自描述格式 服務接口. */
export const FORMAT_CATEGORIES = [
  'electronic-file',
  'spreadsheet',
  'database',
  'image',
  'streaming',
  'self-describing',
  'api',
] as const;
export type FormatCategory = (typeof FORMAT_CATEGORIES)[number];

/** 更新週期. */
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'other'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** 信息項數據類型: 字符型C 數值型N 貨幣型Y 日期型D 日期時間型T 邏輯型L 備注型M 通用型G 雙精度型B 整型I 浮點型F. */
export const ITEM_DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export type ItemDataType = (typeof ITEM_DATA_TYPES)[number];
/** Types whose length must be stated (characters or digits). */
const TYPES_WITH_LENGTH: ReadonlySet<ItemDataType> = new Set(['C', 'N', 'Y']);

/** 信息資源代碼: 前段碼 (classification) "/" 後段碼 (node code + 6-digit sequence). */
export const ENTRY_CODE_PATTERN = /^[1-3]\d{2}(\d{3}){0,2}\/([0-9]{6}|[0-9A-HJ-NPQRTUWXY]{18})\d{6}$/;
/** 分類代碼: 類 (1 digit) + 項 (2) [+ 目 (3) [+ 細目 (3)]]. */
export const CLASSIFICATION_CODE_PATTERN = /^[1-3]\d{2}(\d{3}){0,2}$/;
/** 行政區劃代碼 (GB/T 2260), 6 digits. */
export const REGION_CODE_PATTERN = /^[1-8]\d{5}$/;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** A broken conditional rule, named so the caller can tell which rule it was. */
function ruleIssue(ctx: z.RefinementCtx, path: (string | number)[], rule: string, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { rule } });
}

/** 信息項 — one data item of an entry. */
export const entryItemSchema = z
  .object({
    /** 信息項名稱 */
    name: text(100),
    dataType: z.enum(ITEM_DATA_TYPES, { error: `must be one of ${ITEM_DATA_TYPES.join(' ')}` }),
    /** Characters or digits; required for C, N and Y. */
    length: z.number().int().min(1).max(100_000).optional(),
    /** 數據元 identifier when the item follows a data element standard. */
    dataElement: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a data element identifier: letters, digits, . _ : - (at most 64)')
      .optional(),
    description: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((item, ctx) => {
    if (TYPES_WITH_LENGTH.has(item.dataType) && item.length === undefined) {
      ruleIssue(ctx, ['length'], 'length-required', `a ${item.dataType} item needs its length`);
    }
  });
export type EntryItem = z.infer<typeof entryItemSchema>;

export const entryContentSchema = z
  .object({
    /** 信息資源名稱 */
    name: text(200),
    /** 信息資源摘要 */
    abstract: text(4000),
    /** 信息資源分類 — code from the node's classification table (類/項/目/細目). */
    classificationCode: z
      .string()
      .regex(CLASSIFICATION_CODE_PATTERN, 'a classification code: 類 (1–3) + 項 (2 digits) [+ 目 (3) [+ 細目 (3)]]'),
    /** 涉密屬性 — classified data never enters the platform; `true` is refused. */
    classified: z.boolean().default(false),
    /** 數據分級 */
    grade: z
      .object({
        category: z.enum(GRADE_CATEGORIES),
        /** 一般數據 level 1 (不敏感) … 4 (敏感); required for `general`. */
        level: z.number().int().min(1).max(4).optional(),
      })
      .strict(),
    /** 共享屬性 */
    sharing: z
      .object({
        type: z.enum(SHARING_TYPES),
        /** 共享條件 — required for conditional sharing. */
        conditions: z.string().trim().max(2000).optional(),
        /** 不予共享依據 — the legal basis, required for `none`. */
        legalBasis: z.string().trim().max(2000).optional(),
        /** 共享方式 — required unless `none`. */
        methods: z.array(z.enum(SHARING_METHODS)).max(3).optional(),
      })
      .strict(),
    /** 開放屬性 */
    open: z
      .object({
        type: z.enum(OPEN_TYPES),
        /** 開放條件 — required for conditional opening. */
        conditions: z.string().trim().max(2000).optional(),
      })
      .strict(),
    /** 信息資源格式 */
    format: z.object({ category: z.enum(FORMAT_CATEGORIES), detail: z.string().trim().max(50).optional() }).strict(),
    /** 更新週期 */
    updateCycle: z.enum(UPDATE_CYCLES),
    /** 信息項 */
    items: z.array(entryItemSchema).min(1, 'an entry lists at least one data item').max(1000),
    /** 關聯資源代碼 */
    relatedCodes: z
      .array(z.string().regex(ENTRY_CODE_PATTERN, 'an information resource code (前段碼/後段碼)'))
      .max(50)
      .default([]),
    /** 行政區劃代碼 of the area the data covers. */
    regionCode: z.string().regex(REGION_CODE_PATTERN, 'a 6-digit GB/T 2260 division code'),
    tags: z.array(text(30)).max(20).default([]),
    /** 政務信息系統 the data comes from (數據—系統). */
    systemId: z.uuid().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.classified) {
      ruleIssue(
        ctx,
        ['classified'],
        'classified-refused',
        '涉密 (classified) data may not be registered on the platform',
      );
    }
    if (c.grade.category === 'general' && c.grade.level === undefined) {
      ruleIssue(ctx, ['grade', 'level'], 'level-required', 'general (一般) data needs its level 1–4');
    }
    if (c.grade.category !== 'general' && c.grade.level !== undefined) {
      ruleIssue(ctx, ['grade', 'level'], 'level-only-for-general', 'only general (一般) data is graded by level');
    }
    if (c.sharing.type === 'conditional' && !c.sharing.conditions) {
      ruleIssue(ctx, ['sharing', 'conditions'], 'required-for-conditional', '有條件共享 needs its sharing conditions');
    }
    if (c.sharing.type === 'none' && !c.sharing.legalBasis) {
      ruleIssue(ctx, ['sharing', 'legalBasis'], 'required-for-none', '不予共享 needs its legal basis');
    }
    if (c.sharing.type !== 'none' && !c.sharing.methods?.length) {
      ruleIssue(ctx, ['sharing', 'methods'], 'required-unless-none', 'name at least one sharing method (共享方式)');
    }
    if (c.open.type === 'conditional' && !c.open.conditions) {
      ruleIssue(ctx, ['open', 'conditions'], 'required-for-conditional', '有條件開放 needs its opening conditions');
    }
    const seen = new Map<string, number>();
    c.items.forEach((item, i) => {
      const key = normaliseItemName(item.name);
      const first = seen.get(key);
      if (first !== undefined) {
        ruleIssue(ctx, ['items', i, 'name'], 'unique', `repeats item ${first} (${c.items[first]!.name})`);
      } else seen.set(key, i);
    });
  });

/** What a client sends (defaults not yet applied). */
export type EntryContentInput = z.input<typeof entryContentSchema>;
/** A validated version's content. */
export type EntryContent = z.output<typeof entryContentSchema>;

/** Item names compared the way people mean them: width, case, spacing and script do not matter. */
export function normaliseItemName(name: string): string {
  return comparableName(name).replace(/[\s_\-·・()（）]/g, '');
}

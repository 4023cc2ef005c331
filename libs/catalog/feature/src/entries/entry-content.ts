import { z } from 'zod';
import { comparableName } from '@govdata/text';

/**
 * The content of one version of a catalog entry (政务数据目录条目): the 13 core metadata elements of
 * 政务信息资源目录编制指南（试行） (发改高技〔2017〕1272号) less the three the platform fills in itself
 * — 代码 (assigned), 提供方/提供方代码 (the owning organisation) and 发布日期 (set on publication) —
 * plus classification grade (分类分级), update cycle, tags, region and the source system.
 *
 * Enumerations travel as the English keys below; `ENTRY_LABELS` maps them to the Chinese terms the
 * forms, the Excel template and the exports use.
 */

/** 资源属性 — base (基础), theme (主题), department (部门); the first digit of the classification code. */
export const RESOURCE_ATTRIBUTES = ['base', 'theme', 'department'] as const;
export type ResourceAttribute = (typeof RESOURCE_ATTRIBUTES)[number];
export const RESOURCE_ATTRIBUTE_DIGIT: Record<ResourceAttribute, string> = { base: '1', theme: '2', department: '3' };

/** 数据分类分级 (GB/T 43697-2024): 核心 / 重要 / 一般, 一般 graded L1–L4. */
export const GRADE_CATEGORIES = ['core', 'important', 'general'] as const;
export type GradeCategory = (typeof GRADE_CATEGORIES)[number];

/** 共享类型 / 开放类型: 无条件 / 有条件 / 不予. */
export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type SharingType = (typeof SHARING_TYPES)[number];
export const OPEN_TYPES = SHARING_TYPES;
export type OpenType = SharingType;

/** 共享方式: 共享平台方式 / 邮件方式 / 介质方式. */
export const SHARING_METHODS = ['platform', 'email', 'media'] as const;
export type SharingMethod = (typeof SHARING_METHODS)[number];

/** 格式分类: 电子文件 电子表格 数据库 图形图像 流媒体 自描述格式 服务接口. */
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

/** 更新周期. */
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'other'] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** 信息项数据类型: 字符型C 数值型N 货币型Y 日期型D 日期时间型T 逻辑型L 备注型M 通用型G 双精度型B 整型I 浮点型F. */
export const ITEM_DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export type ItemDataType = (typeof ITEM_DATA_TYPES)[number];
/** Types whose length must be stated (characters or digits). */
const TYPES_WITH_LENGTH: ReadonlySet<ItemDataType> = new Set(['C', 'N', 'Y']);

/** 信息资源代码: 前段码 (classification) "/" 后段码 (node code + 6-digit sequence). */
export const ENTRY_CODE_PATTERN = /^[1-3]\d{2}(\d{3}){0,2}\/([0-9]{6}|[0-9A-HJ-NPQRTUWXY]{18})\d{6}$/;
/** 分类代码: 类 (1 digit) + 项 (2) [+ 目 (3) [+ 细目 (3)]]. */
export const CLASSIFICATION_CODE_PATTERN = /^[1-3]\d{2}(\d{3}){0,2}$/;
/** 行政区划代码 (GB/T 2260), 6 digits. */
export const REGION_CODE_PATTERN = /^[1-8]\d{5}$/;

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);

/** A broken conditional rule, named so the caller can tell which rule it was. */
function ruleIssue(ctx: z.RefinementCtx, path: (string | number)[], rule: string, message: string): void {
  ctx.addIssue({ code: 'custom', path, message, params: { rule } });
}

/** 信息项 — one data item of an entry. */
export const entryItemSchema = z
  .object({
    /** 信息项名称 */
    name: text(100),
    dataType: z.enum(ITEM_DATA_TYPES, {
      error: `取值须为 ${ITEM_DATA_TYPES.join(' ')} 之一 (must be one of ${ITEM_DATA_TYPES.join(' ')})`,
    }),
    /** Characters or digits; required for C, N and Y. */
    length: z.number().int().min(1).max(100_000).optional(),
    /** 数据元 identifier when the item follows a data element standard. */
    dataElement: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9._:-]{1,64}$/,
        '数据元标识符：字母、数字及 . _ : -（最多 64 个字符） (a data element identifier: letters, digits, . _ : - (at most 64))',
      )
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
    /** 信息资源名称 */
    name: text(200),
    /** 信息资源摘要 */
    abstract: text(4000),
    /** 信息资源分类 — code from the node's classification table (类/项/目/细目). */
    classificationCode: z
      .string()
      .regex(CLASSIFICATION_CODE_PATTERN, 'a classification code: 类 (1–3) + 项 (2 digits) [+ 目 (3) [+ 细目 (3)]]'),
    /** 涉密属性 — classified data never enters the platform; `true` is refused. */
    classified: z.boolean().default(false),
    /** 数据分级 */
    grade: z
      .object({
        category: z.enum(GRADE_CATEGORIES),
        /** 一般数据 level 1 (不敏感) … 4 (敏感); required for `general`. */
        level: z.number().int().min(1).max(4).optional(),
      })
      .strict(),
    /** 共享属性 */
    sharing: z
      .object({
        type: z.enum(SHARING_TYPES),
        /** 共享条件 — required for conditional sharing. */
        conditions: z.string().trim().max(2000).optional(),
        /** 不予共享依据 — the legal basis, required for `none`. */
        legalBasis: z.string().trim().max(2000).optional(),
        /** 共享方式 — required unless `none`. */
        methods: z.array(z.enum(SHARING_METHODS)).max(3).optional(),
      })
      .strict(),
    /** 开放属性 */
    open: z
      .object({
        type: z.enum(OPEN_TYPES),
        /** 开放条件 — required for conditional opening. */
        conditions: z.string().trim().max(2000).optional(),
      })
      .strict(),
    /** 信息资源格式 */
    format: z.object({ category: z.enum(FORMAT_CATEGORIES), detail: z.string().trim().max(50).optional() }).strict(),
    /** 更新周期 */
    updateCycle: z.enum(UPDATE_CYCLES),
    /** 信息项 */
    items: z.array(entryItemSchema).min(1, '目录至少包含一个信息项 (an entry lists at least one data item)').max(1000),
    /** 关联资源代码 */
    relatedCodes: z
      .array(z.string().regex(ENTRY_CODE_PATTERN, 'an information resource code (前段码/后段码)'))
      .max(50)
      .default([]),
    /** 行政区划代码 of the area the data covers. */
    regionCode: z
      .string()
      .regex(REGION_CODE_PATTERN, '6 位 GB/T 2260 行政区划代码 (a 6-digit GB/T 2260 division code)'),
    tags: z.array(text(30)).max(20).default([]),
    /** 政务信息系统 the data comes from (数据—系统). */
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
      ruleIssue(ctx, ['sharing', 'conditions'], 'required-for-conditional', '有条件共享 needs its sharing conditions');
    }
    if (c.sharing.type === 'none' && !c.sharing.legalBasis) {
      ruleIssue(ctx, ['sharing', 'legalBasis'], 'required-for-none', '不予共享 needs its legal basis');
    }
    if (c.sharing.type !== 'none' && !c.sharing.methods?.length) {
      ruleIssue(ctx, ['sharing', 'methods'], 'required-unless-none', 'name at least one sharing method (共享方式)');
    }
    if (c.open.type === 'conditional' && !c.open.conditions) {
      ruleIssue(ctx, ['open', 'conditions'], 'required-for-conditional', '有条件开放 needs its opening conditions');
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

import { z } from 'zod';
import {
  DEFAULT_MASK_RULES,
  MASK_CATEGORIES,
  maskTechniqueSchema,
  maskValue,
  type MaskCategory,
  type MaskTechnique,
} from './masking-rules.js';
import { isJsonObject, type JsonObject } from './response-records.js';
import { fieldOf, type ResponseItem } from './response-items.js';

/**
 * 数据分级 (GB/T 43697-2024) as one key: 核心 core, 重要 important, 一般 general graded 1 (不敏感)
 * … 4 (敏感) — the same keys as the catalog's grade policy.
 */
export const DATA_GRADES = ['core', 'important', 'general-1', 'general-2', 'general-3', 'general-4'] as const;
export type DataGrade = (typeof DATA_GRADES)[number];

/** The grade key of a catalog entry's `{category, level}`. */
export function dataGrade(category: 'core' | 'important' | 'general', level?: number): DataGrade {
  if (category !== 'general') return category;
  if (level === undefined || !Number.isInteger(level) || level < 1 || level > 4) {
    throw new RangeError(`general data has a level 1–4, not ${level}`);
  }
  return `general-${level}` as DataGrade;
}

const categoryRules = z.partialRecord(z.enum(MASK_CATEGORIES), z.string().min(1));

/**
 * A node's masking policy, as data: the named rules, which rule masks which category at each grade
 * (a category a grade does not name is not masked at that grade), and how a field's category is told.
 */
export const maskingPolicySchema = z
  .object({
    rules: z.record(z.string().min(1), maskTechniqueSchema),
    grades: z.object(
      Object.fromEntries(DATA_GRADES.map((g) => [g, categoryRules])) as Record<DataGrade, typeof categoryRules>,
    ),
    detection: z
      .object({
        /** 数据元 identifier → category; wins over names. */
        dataElements: z.record(z.string().min(1), z.enum(MASK_CATEGORIES)),
        /** Item names and field names, as case-insensitive regular expressions; the first match wins. */
        names: z.array(z.object({ pattern: z.string().min(1), category: z.enum(MASK_CATEGORIES) }).strict()),
        /** 数据类型 codes whose values may be masked; a declared date, amount or flag never is. */
        dataTypes: z.array(z.string().min(1)),
      })
      .strict(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const grade of DATA_GRADES) {
      for (const [category, rule] of Object.entries(policy.grades[grade])) {
        if (rule !== undefined && !(rule in policy.rules)) {
          ctx.addIssue({
            code: 'custom',
            path: ['grades', grade, category],
            message: `没有名为 ${rule} 的规则 (no rule named ${rule})`,
            params: { rule: 'known-rule' },
          });
        }
      }
    }
    policy.detection.names.forEach(({ pattern }, i) => {
      try {
        new RegExp(pattern, 'iu');
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['detection', 'names', i, 'pattern'],
          message: '不是有效的正则表达式 (not a valid regular expression)',
          params: { rule: 'regex' },
        });
      }
    });
  });
export type MaskingPolicy = z.infer<typeof maskingPolicySchema>;

const STANDARD: Record<MaskCategory, string> = {
  'id-card': 'id-card-keep-6-4',
  mobile: 'mobile-keep-3-4',
  name: 'name-keep-surname',
  address: 'address-keep-district',
  'bank-card': 'bank-card-keep-4-4',
  email: 'email-keep-1',
  uscc: 'uscc-keep-8',
};

/**
 * The platform default. 一般 data masks more the higher its level (L1 不敏感 nothing; L2 identity and
 * bank numbers; L3 also contact details; L4 also names, addresses and credit codes); 重要 data masks
 * every category, 核心 data every category with stricter rules. A node replaces it with its own policy.
 */
export const DEFAULT_MASKING_POLICY: MaskingPolicy = {
  rules: DEFAULT_MASK_RULES,
  grades: {
    'general-1': {},
    'general-2': { 'id-card': STANDARD['id-card'], 'bank-card': STANDARD['bank-card'] },
    'general-3': {
      'id-card': STANDARD['id-card'],
      'bank-card': STANDARD['bank-card'],
      mobile: STANDARD.mobile,
      email: STANDARD.email,
    },
    'general-4': STANDARD,
    important: STANDARD,
    core: {
      'id-card': 'id-card-keep-1-1',
      mobile: 'mobile-keep-0-4',
      name: 'name-hide',
      address: 'address-keep-city',
      'bank-card': 'bank-card-keep-0-4',
      email: 'email-hide-mailbox',
      uscc: 'uscc-keep-2',
    },
  },
  detection: {
    dataElements: {},
    // Order matters: 联系人电话 is a phone, 法定代表人身份证号 an ID number, 联系人地址 an address.
    names: [
      {
        pattern:
          '(公民)?身份(证|证)(件)?(号|号)(码|码)?|公民身份(号|号)(码|码)|^身份(证|证)$|(证|证)件(号|号)(码|码)|^sfzh?$|^gmsfhm$|^zjhm$|id_?card|^id_?no$|identity_?(no|num)',
        category: 'id-card',
      },
      {
        pattern: '统一社会信用代码|统一社会信用代码|信用代码|信用代码|^tyshxydm$|uscc|social_?credit|credit_?code',
        category: 'uscc',
      },
      {
        pattern: '银行卡|银行卡|银行(账|帐)(号|户|户)|银行账(号|户)|卡(号|号)|^yhkh?$|bank_?(card|account)|card_?no',
        category: 'bank-card',
      },
      { pattern: '手机|手机|移动电话|移动电话|电话|电话|^sjh(m)?$|^lxdh$|mobile|phone|^tel', category: 'mobile' },
      { pattern: '邮箱|邮箱|电子邮件|电子邮件|电子信箱|电子信箱|e_?mail|^yx$', category: 'email' },
      { pattern: '地址|住址|住所|户籍地|户籍地|居住地|address|^addr|^dz$|^zz$', category: 'address' },
      {
        pattern:
          '姓名|联系人|联系人|法定代表人|法人代表|负责人|负责人|^xm$|^lxr$|(person|full|real|contact)_?name|legal_?(person|representative)',
        category: 'name',
      },
    ],
    // 字符型 C, 数值型 N (numbers sent as numbers), 备注型 M, 通用型 G.
    dataTypes: ['C', 'N', 'M', 'G'],
  },
};

export interface MaskedField {
  /** Dotted path of the field within a record. */
  field: string;
  category: MaskCategory;
  rule: string;
}

/** Chooses and applies masking rules for the fields of one resource at one grade. */
export class ResponseMasker {
  private readonly itemsByField = new Map<string, ResponseItem>();
  private readonly names: { pattern: RegExp; category: MaskCategory }[];
  private readonly decisions = new Map<
    string,
    { category: MaskCategory; rule: string; technique: MaskTechnique } | null
  >();

  constructor(
    readonly grade: DataGrade,
    items: readonly ResponseItem[] = [],
    private readonly policy: MaskingPolicy = DEFAULT_MASKING_POLICY,
  ) {
    for (const item of items) this.itemsByField.set(fieldOf(item), item);
    this.names = policy.detection.names.map((n) => ({ pattern: new RegExp(n.pattern, 'iu'), category: n.category }));
  }

  /** What a field holds: the resource's declaration, its data element, else its item's or its own name. */
  categoryOf(path: string): MaskCategory | undefined {
    const item = this.itemsByField.get(path);
    if (item?.maskAs !== undefined) return item.maskAs === 'none' ? undefined : item.maskAs;
    if (item?.dataElement !== undefined && item.dataElement in this.policy.detection.dataElements) {
      return this.policy.detection.dataElements[item.dataElement];
    }
    if (item?.dataType !== undefined && !this.policy.detection.dataTypes.includes(item.dataType)) return undefined;
    const names = [item?.item, path.split('.').pop()!].filter((n): n is string => n !== undefined);
    for (const name of names) {
      const hit = this.names.find((n) => n.pattern.test(name));
      if (hit) return hit.category;
    }
    return undefined;
  }

  /** The record with each field of a masked category masked; masked fields are added to `masked`. */
  maskRecord(record: JsonObject, masked: Map<string, MaskedField>, prefix = ''): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(record)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const decision = this.decide(path);
      if (decision) {
        out[key] = maskValue(value, decision.technique);
        if (value !== null && value !== undefined) {
          masked.set(path, { field: path, category: decision.category, rule: decision.rule });
        }
      } else if (isJsonObject(value)) {
        out[key] = this.maskRecord(value, masked, path);
      } else if (Array.isArray(value)) {
        out[key] = value.map((v) => (isJsonObject(v) ? this.maskRecord(v, masked, path) : v));
      } else {
        out[key] = value;
      }
    }
    return out;
  }

  private decide(path: string) {
    let decision = this.decisions.get(path);
    if (decision === undefined) {
      const category = this.categoryOf(path);
      const rule = category && this.policy.grades[this.grade][category];
      const technique = rule ? this.policy.rules[rule] : undefined;
      decision = category && rule && technique ? { category, rule, technique } : null;
      this.decisions.set(path, decision);
    }
    return decision;
  }
}

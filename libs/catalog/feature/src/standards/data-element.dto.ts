import { z } from 'zod';
import { ITEM_DATA_TYPES } from '../entries/entry-content.js';
import { DataElementInputRule } from './standard.exception.js';

/** Types whose items state a length (as for catalog data items). */
const TYPES_WITH_LENGTH = new Set(['C', 'N', 'Y']);

/** 数据元内部标识符: what catalog data items name in `dataElement`. */
export const dataElementIdentifier = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9._:-]{1,64}$/,
    '数据元标识符：字母、数字及 . _ : -（最多 64 个字符） (a data element identifier: letters, digits, . _ : - (at most 64))',
  );

const fields = {
  /** 中文名称 */
  name: z.string().trim().min(1, '不能为空 (must not be empty)').max(200, '最多 200 个字符 (at most 200 characters)'),
  nameEn: z.string().trim().max(200, '最多 200 个字符 (at most 200 characters)').nullish(),
  /** 定义 */
  definition: z
    .string()
    .trim()
    .min(1, '请说明该数据元的含义 (say what the element means)')
    .max(2000, '最多 2000 个字符 (at most 2000 characters)'),
  /** 数据类型 */
  dataType: z.enum(ITEM_DATA_TYPES, {
    error: `取值须为 ${ITEM_DATA_TYPES.join(' ')} 之一 (must be one of ${ITEM_DATA_TYPES.join(' ')})`,
  }),
  /** Characters or digits; required for C, N and Y. */
  length: z.number().int().min(1).max(100_000).nullish(),
  /** 值域 */
  valueDomain: z.string().trim().max(2000, '最多 2000 个字符 (at most 2000 characters)').nullish(),
};

function lengthRule(body: { dataType: string; length?: number | null }, ctx: z.RefinementCtx): void {
  if (TYPES_WITH_LENGTH.has(body.dataType) && (body.length === undefined || body.length === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['length'],
      message: `${body.dataType} 类型的数据元须注明长度 (a ${body.dataType} data element needs its length)`,
      params: { rule: DataElementInputRule.LengthRequired },
    });
  }
}

export const newDataElementBody = z
  .object({ identifier: dataElementIdentifier, ...fields })
  .strict()
  .superRefine(lengthRule);
export type NewDataElementBody = z.infer<typeof newDataElementBody>;

/** A full replacement of everything but the identifier. */
export const dataElementUpdateBody = z.object(fields).strict().superRefine(lengthRule);
export type DataElementUpdateBody = z.infer<typeof dataElementUpdateBody>;

export const dataElementQuery = z
  .object({
    /** Part of the identifier, name or English name. */
    q: z.string().trim().min(1).max(100).optional(),
    dataType: z.enum(ITEM_DATA_TYPES).optional(),
    /** `local`: this node's own; `inherited`: issued by ancestors. */
    source: z.enum(['local', 'inherited']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type DataElementQuery = z.infer<typeof dataElementQuery>;

import { z } from 'zod';
import { SHARING_TYPES } from '../entries/entry-content.js';
import { GRADE_KEYS, type GradeKey } from './grade-policy.repository.js';

const CODE = /^[1-3]\d{2}\d{3}(\d{3})?$/;

const names = {
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).optional(),
};

/** Body of `POST /classifications`: a new 目 (6 digits) or 细目 (9 digits). */
export const newClassification = z
  .object({ code: z.string().regex(CODE, 'a 目 (6 digits) or 细目 (9 digits) code'), ...names })
  .strict();
export type NewClassificationInput = z.infer<typeof newClassification>;

/** Body of `PUT /classifications/:code`. */
export const classificationUpdate = z.object(names).strict();
export type ClassificationUpdateInput = z.infer<typeof classificationUpdate>;

export const codeParam = z
  .string()
  .regex(
    /^[1-3](\d{2}(\d{3}){0,2})?$/,
    '分类代码（1、3、6 或 9 位数字） (a classification code (1, 3, 6 or 9 digits))',
  );

/** A set of types: repeats are dropped, the order kept. */
const typeSet = z
  .array(z.enum(SHARING_TYPES))
  .min(1)
  .transform((types) => [...new Set(types)]);

/** Body of `PUT /settings/grade-policy`: one rule per grade to change. */
export const gradePolicy = z
  .object({
    rules: z
      .array(
        z
          .object({
            grade: z.enum(GRADE_KEYS as [GradeKey, ...GradeKey[]]),
            sharingTypes: typeSet,
            openTypes: typeSet,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type GradePolicyInput = z.infer<typeof gradePolicy>;

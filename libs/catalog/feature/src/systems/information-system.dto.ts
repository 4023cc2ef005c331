import { z } from 'zod';
import { keyForLabel, type Label } from '../entries/entry-labels.js';
import { CONSTRUCTION_LEVELS, DEPLOYMENTS, SYSTEM_LABELS, SYSTEM_STATUSES } from './information-system.js';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);

/** An enum that also accepts its Chinese or English label (what people type in forms and sheets). */
function labelledEnum<const K extends string>(keys: readonly [K, ...K[]], labels: Record<K, Label>) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? (keyForLabel(labels, value) ?? value) : value),
    z.enum(keys, {
      error: `取值须为 ${keys.join(', ')} 之一 (must be one of ${keys.map((k) => `${k} (${labels[k].zh})`).join(', ')})`,
    }),
  );
}

const contact = z
  .object({
    name: text(50),
    phone: z
      .string()
      .trim()
      .regex(
        /^[0-9+()\- ]{5,30}$/,
        '电话号码：数字、空格及 + ( ) -（5–30 个字符） (a telephone number: digits, spaces, + ( ) - (5–30 characters))',
      ),
    email: z.email('电子邮箱地址 (an e-mail address)').max(200).nullish(),
  })
  .strict();

const fields = {
  name: text(200),
  description: z.string().trim().max(2000).nullish(),
  constructionLevel: labelledEnum(CONSTRUCTION_LEVELS, SYSTEM_LABELS.constructionLevel),
  constructionDepartment: text(200),
  deployment: labelledEnum(DEPLOYMENTS, SYSTEM_LABELS.deployment),
  deploymentDetail: z.string().trim().max(200).nullish(),
  status: labelledEnum(SYSTEM_STATUSES, SYSTEM_LABELS.status),
  contact,
};

export const registerSystemBody = z
  .object({
    /** Defaults to the caller's organisation. */
    organisationId: z.uuid().optional(),
    ...fields,
    status: fields.status.default('in-use'),
  })
  .strict();
export type RegisterSystemInput = z.infer<typeof registerSystemBody>;

export const updateSystemBody = z
  .object({
    name: fields.name.optional(),
    description: fields.description,
    constructionLevel: fields.constructionLevel.optional(),
    constructionDepartment: fields.constructionDepartment.optional(),
    deployment: fields.deployment.optional(),
    deploymentDetail: fields.deploymentDetail,
    status: fields.status.optional(),
    contact: contact.optional(),
    /** The version the caller last saw; another current version is a 409 (lost update). */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type UpdateSystemInput = z.infer<typeof updateSystemBody>;

export const listSystemsQuery = z
  .object({
    organisationId: z.uuid().optional(),
    status: labelledEnum(SYSTEM_STATUSES, SYSTEM_LABELS.status).optional(),
  })
  .strict();

import { GovdataError, type FieldProblem } from '@govdata/platform-errors';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../paging/cursor.js';
import { ORGANISATION_KINDS } from './organisation.js';
import { judgeUscc } from './uscc-check.js';

const name = z.string().trim().min(1).max(200);
const uscc = z.string().trim().toUpperCase();
/** 行政区划代码 (GB/T 2260). Only the shape is checked: the code list changes yearly and is data, not code. */
const regionCode = z
  .string()
  .regex(/^\d{6}$/, '须为 6 位 GB/T 2260 行政区划代码 (must be a 6-digit GB/T 2260 administrative division code)');
const kind = z.enum(ORGANISATION_KINDS);

export const createOrganisationBody = z
  .object({
    name,
    uscc,
    regionCode,
    kind,
    parentId: z.uuid().nullable().default(null),
    authority: z.boolean().default(false),
  })
  .strict();
export type CreateOrganisationInput = z.infer<typeof createOrganisationBody>;

export const updateOrganisationBody = z
  .object({
    name: name.optional(),
    uscc: uscc.optional(),
    regionCode: regionCode.optional(),
    kind: kind.optional(),
    parentId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
    /** 数据主管部门: node-level roles of its members take effect node-wide (policy.ts). */
    authority: z.boolean().optional(),
    /** The version the caller last saw; a different current version is a 409 (lost update). */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationBody>;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).optional(),
});

export const idParam = z.uuid();

/**
 * Parses an organisation body: every broken field in one 400, a malformed USCC among them
 * (a wrong check digit alone is accepted with a warning, see `judgeUscc`).
 */
export function parseOrganisationBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  const problems: FieldProblem[] = result.success ? [] : GovdataError.fromZod(result.error).fields;
  const uscc = (body as { uscc?: unknown } | null)?.uscc;
  if (typeof uscc === 'string' && !problems.some((p) => p.path === 'uscc')) {
    const verdict = judgeUscc(uscc.trim().toUpperCase(), undefined);
    if (verdict.error) problems.push(verdict.error);
  }
  if (problems.length > 0 || !result.success) throw GovdataError.validation(problems);
  return result.data;
}

import { z } from 'zod';

const text = (max: number) =>
  z.string().trim().min(1, '不能为空 (must not be empty)').max(max, `最多 ${max} 个字符 (at most ${max} characters)`);

/** A ground's code: what a rejection cites (`groundCode`). */
export const legalGroundCode = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    '小写字母、数字和 "-"，2 至 63 个字符 (lower-case letters, digits and "-", 2 to 63 characters)',
  );

const fields = {
  /** 事由 — what a rejection says, e.g. 涉及国家秘密. */
  title: text(200),
  /** 法律依据 — the law, regulation or rule the ground rests on. */
  basis: text(500),
  description: z.string().trim().max(2000, '最多 2000 个字符 (at most 2000 characters)').nullish(),
};

export const newLegalGroundBody = z.object({ code: legalGroundCode, ...fields }).strict();
export type NewLegalGroundBody = z.infer<typeof newLegalGroundBody>;

export const legalGroundUpdateBody = z.object(fields).strict();
export type LegalGroundUpdateBody = z.infer<typeof legalGroundUpdateBody>;

export const legalGroundQuery = z
  .object({ includeWithdrawn: z.enum(['true', 'false']).default('false') })
  .strict()
  .transform((q) => ({ includeWithdrawn: q.includeWithdrawn === 'true' }));

import { z } from 'zod';

export const STANDARD_KINDS = ['classification', 'data-element', 'grade-policy', 'calendar-year', 'directive'] as const;

const nodeCode = z
  .string()
  .regex(
    /^(?:[0-9]{6}|[0-9A-HJ-NPQRTUWXY]{18})$/,
    '节点代码（6 位数字或 18 位字符） (a node code (6 digits or 18 characters))',
  );

export const standardsQuery = z
  .object({
    kind: z.enum(STANDARD_KINDS).optional(),
    /** The issuing node: this node for its own, an ancestor for inherited ones. */
    origin: nodeCode.optional(),
  })
  .strict();

export const conflictsQuery = z
  .object({
    kind: z.enum(STANDARD_KINDS).optional(),
    origin: nodeCode.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

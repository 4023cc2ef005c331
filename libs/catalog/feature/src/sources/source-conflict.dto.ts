import { z } from 'zod';
import { CONFLICT_STATUSES } from './source-conflict.js';

export const listConflictsQuery = z
  .object({
    status: z.enum(CONFLICT_STATUSES).optional(),
    /** Flags involving this entry. */
    entryId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();

export const resolveConflictBody = z
  .object({
    /** One of the two entries of the flag: the source the other entry now points to. */
    authoritativeEntryId: z.uuid(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type ResolveConflictInput = z.infer<typeof resolveConflictBody>;

export const dismissConflictBody = z
  .object({
    reason: z.string().trim().min(1, '请说明为何两者不是同一数据 (say why these are not the same data)').max(2000),
  })
  .strict();

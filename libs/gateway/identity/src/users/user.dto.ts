import { ROLES } from '@govdata/platform-auth';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../paging/cursor.js';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-policy.js';

/** Lower-case letters, digits, `.`, `_`, `-`; stored lower-case so `ZhangSan` and `zhangsan` are one user. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,63}$/,
    '须为 2–64 个字符：字母、数字、"."、"_" 或 "-"，以字母或数字开头 (must be 2–64 characters: letters, digits, ".", "_" or "-", starting with a letter or digit)',
  );

/** Roles granted with the account, deduplicated. */
export const roles = z
  .array(z.enum(ROLES))
  .max(ROLES.length)
  .default([])
  .transform((list) => [...new Set(list)]);

export const createUserBody = z
  .object({
    organisationId: z.uuid(),
    username,
    displayName: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    roles,
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const listUsersQuery = z.object({
  organisationId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
    newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof changePasswordBody>;

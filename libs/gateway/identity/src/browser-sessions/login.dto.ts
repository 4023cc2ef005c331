import { z } from 'zod';
import { passwordGrant } from '../auth/token.dto.js';

/** The sign-in form (`application/x-www-form-urlencoded`): the password grant's fields and rules. */
export const loginForm = passwordGrant.pick({ username: true, password: true });

/** The whole form as documented: `next` and `lang` are read leniently (a bad one falls back). */
export const loginFormDocument = loginForm.extend({
  next: z.string().optional().describe('a path of this origin to go to after signing in (else /)'),
  lang: z.enum(['zh-CN', 'en']).optional(),
});

/** The languages of the sign-in page: 中文 first, English on request (`lang=en`). */
export type LoginLanguage = 'zh-CN' | 'en';

export function loginLanguage(value: unknown): LoginLanguage {
  return value === 'en' ? 'en' : 'zh-CN';
}

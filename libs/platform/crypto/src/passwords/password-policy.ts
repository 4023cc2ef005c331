import type { FieldProblem } from '@govdata/platform-errors';
import { isCommonPassword } from './common-passwords.js';
import { PasswordRule } from './password.exception.js';

export const PASSWORD_MIN_LENGTH = 10;
/** Longer input is refused before hashing: scrypt cost grows with it and nobody types more. */
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_MIN_CHARACTER_CLASSES = 3;

const CLASSES: ReadonlyArray<readonly [string, RegExp]> = [
  ['a lower-case letter', /\p{Ll}/u],
  ['an upper-case letter', /\p{Lu}/u],
  ['a digit', /\p{Nd}/u],
  // Anything else counts as a symbol, including punctuation, spaces and Han characters (汉字).
  ['a symbol', /[^\p{Ll}\p{Lu}\p{Nd}]/u],
];

/**
 * 口令策略 — the password policy for people: at least 10 characters, at least 3 of lower case,
 * upper case, digit and symbol, not containing the username, and not a common password or a
 * trivial variant of one (`Password123`). Returns every rule broken.
 */
export function passwordPolicyProblems(password: string, username: string, path = 'password'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      path,
      rule: PasswordRule.MinLength,
      message: `must be at least ${PASSWORD_MIN_LENGTH} characters long (密码至少 ${PASSWORD_MIN_LENGTH} 位)`,
    });
  }
  const present = CLASSES.filter(([, pattern]) => pattern.test(password)).length;
  if (present < PASSWORD_MIN_CHARACTER_CLASSES) {
    problems.push({
      path,
      rule: PasswordRule.CharacterClasses,
      message: `须至少包含 ${PASSWORD_MIN_CHARACTER_CLASSES} 类字符 (must contain at least ${PASSWORD_MIN_CHARACTER_CLASSES} of: ${CLASSES.map(([name]) => name).join(', ')} (has ${present}))`,
    });
  }
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) {
    problems.push({
      path,
      rule: PasswordRule.ContainsUsername,
      message: 'must not contain the username (密码不得包含用户名)',
    });
  }
  if (isCommonPassword(password)) {
    problems.push({
      path,
      rule: PasswordRule.Common,
      message: 'is a common password or a simple variant of one (密码过于常见，请换一个不易猜到的密码)',
    });
  }
  return problems;
}

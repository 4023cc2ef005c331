import { isCommonPassword } from './common-passwords.js';
import { PasswordRule } from './password.exception.js';
import { passwordPolicyProblems } from './password-policy.js';

describe('common-password check (常见弱口令)', () => {
  it('refuses common passwords whatever the case', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PASSWORD')).toBe(true);
    expect(isCommonPassword('qwertyuiop')).toBe(true);
  });

  it('refuses trivial variants: digits and symbols around a common word, look-alike characters', () => {
    expect(isCommonPassword('Password123')).toBe(true);
    expect(isCommonPassword('Password123!')).toBe(true);
    expect(isCommonPassword('!Dragon2026')).toBe(true);
    expect(isCommonPassword('P@ssw0rd')).toBe(true);
    expect(isCommonPassword('P@ssw0rd2026!')).toBe(true);
  });

  it('accepts passwords that are not built on a common one', () => {
    expect(isCommonPassword('Govdata@2026')).toBe(false);
    expect(isCommonPassword('Cross-Service-Test-2026!')).toBe(false);
    expect(isCommonPassword('数据共享平台Pass12')).toBe(false);
  });

  it('makes the policy name the password field and the rule for Password123', () => {
    // Password123 passes the length and character-class rules: only the list refuses it.
    expect(passwordPolicyProblems('Password123', 'zhangsan')).toEqual([
      { path: 'password', rule: PasswordRule.Common, message: expect.stringContaining('common password') },
    ]);
  });
});

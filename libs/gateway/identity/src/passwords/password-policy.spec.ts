import { PasswordRule } from './password.exception.js';
import { passwordPolicyProblems } from './password-policy.js';

const rules = (password: string, username = 'zhangsan') =>
  passwordPolicyProblems(password, username).map((p) => p.rule);

describe('password policy (口令策略)', () => {
  it('accepts 10+ characters with three character classes', () => {
    expect(rules('Govdata@2026')).toEqual([]);
    expect(rules('abcdefgh12!')).toEqual([]);
    expect(rules('ABCDEFGH12x')).toEqual([]);
    expect(rules('数据共享平台pass12')).toEqual([]);
  });

  it('names the length rule for short passwords', () => {
    expect(rules('Ab1!Ab1!x')).toEqual([PasswordRule.MinLength]);
  });

  it('counts characters, not bytes', () => {
    expect(rules('政务数据Ab1!')).toEqual([PasswordRule.MinLength]);
  });

  it('names the character-class rule when fewer than three classes are present', () => {
    expect(rules('alllowercaseletters')).toEqual([PasswordRule.CharacterClasses]);
    expect(rules('lowercase123456')).toEqual([PasswordRule.CharacterClasses]);
    expect(rules('UPPER-and-lower')).toEqual([]);
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(rules('ZhangSan#2026', 'zhangsan')).toEqual([PasswordRule.ContainsUsername]);
    expect(rules('Xx!9zhangsanYY', 'ZhangSan')).toEqual([PasswordRule.ContainsUsername]);
  });

  it('reports every broken rule on the password field', () => {
    const problems = passwordPolicyProblems('admin1', 'admin');
    expect(problems.map((p) => p.path)).toEqual(['password', 'password', 'password', 'password']);
    expect(problems.map((p) => p.rule)).toEqual([
      PasswordRule.MinLength,
      PasswordRule.CharacterClasses,
      PasswordRule.ContainsUsername,
      PasswordRule.Common,
    ]);
  });
});

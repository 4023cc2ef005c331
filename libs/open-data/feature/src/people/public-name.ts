import { surnameLength } from '@govdata/codes';
import { maskIdentifier, type OpenAccount, type RealName } from './open-account.js';

/**
 * 公开署名 — how a real-name person or company is named in public: a company by its registered name
 * (public anyway), a person only by the surname followed by 某 (张某), never by the full name, the ID
 * number or the account's phone or e-mail.
 */
export function publicRealName(realName: Pick<RealName, 'kind' | 'name'>): string {
  const name = realName.name.trim();
  if (realName.kind === 'company') return name;
  return `${[...name].slice(0, surnameLength(name)).join('')}某`;
}

/** The author of a comment as shown: the real-name display when verified, else the masked phone or e-mail. */
export function publicAuthorName(account: Pick<OpenAccount, 'identifier' | 'realName'>): string {
  return account.realName ? publicRealName(account.realName) : maskIdentifier(account.identifier);
}

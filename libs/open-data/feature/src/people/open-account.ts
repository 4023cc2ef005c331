/** 用户类别 — what a caller of the open-data service is, for its limits. */
export type CallerClass = 'anonymous' | 'registered' | 'realName';

export type Channel = 'phone' | 'email';

/** 实名认证 as recorded: the result only — never a full ID number. */
export interface RealName {
  kind: 'person' | 'company';
  name: string;
  /** The ID number masked 6/4 (person) or the credit code (company: public anyway). */
  idMasked: string;
  method: 'population-exchange' | 'uscc-check-digit';
  verifiedAt: string;
}

export interface OpenAccount {
  id: string;
  channel: Channel;
  identifier: string;
  passwordHash: string;
  verifiedAt: string | null;
  createdAt: string;
  realName: RealName | null;
}

export interface ApiKeyRecord {
  id: string;
  accountId: string;
  name: string;
  keyPrefix: string;
  dailyQuota: number;
  createdAt: string;
  revokedAt: string | null;
}

export function callerClassOf(account: OpenAccount): CallerClass {
  return account.realName ? 'realName' : 'registered';
}

/** 手机 keep 3 / 4; e-mail keeps the first character and the domain. */
export function maskIdentifier(identifier: string): string {
  if (/^1\d{10}$/.test(identifier)) return `${identifier.slice(0, 3)}****${identifier.slice(-4)}`;
  const at = identifier.indexOf('@');
  return at > 0 ? `${identifier[0]}***${identifier.slice(at)}` : '***';
}

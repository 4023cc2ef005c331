import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): session tokens and API keys. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token, key or code: its sha256 (the token carries 256 bits; codes are salted). */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A 6-digit verification code, uniformly drawn. */
export function verificationCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The stored form of a code: salted by the account, so equal codes of two accounts differ. */
export function codeHash(accountId: string, code: string): string {
  return sha256(`open-verification:${accountId}:${code}`);
}

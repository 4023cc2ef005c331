import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'gdenrol_';

/** A new one-time enrolment token: shown once to the operator, only its hash is stored. */
export function newEnrolmentToken(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashEnrolmentToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashEnrolmentToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

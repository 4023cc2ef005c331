import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters. Stored in every hash, so raising them later still verifies old hashes. */
export interface ScryptParameters {
  N: number;
  r: number;
  p: number;
}

/**
 * Current KDF parameters: the OWASP Password Storage Cheat Sheet's scrypt minimum, N=2^17, r=8, p=1
 * (128 MiB and ~0.4 s per hash here). Hashes made with other parameters still verify and are
 * rehashed with these at the next successful sign-in.
 */
export const SCRYPT_PARAMETERS: Readonly<ScryptParameters> = Object.freeze({ N: 131_072, r: 8, p: 1 });

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Upper bounds accepted when reading a stored hash, so a corrupted row cannot make one login eat the machine. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const FORMAT = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function scrypt(secret: string, salt: Buffer, length: number, params: ScryptParameters): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is below 128·N·r for N ≥ 2^15, r=8 and would be refused.
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * Hashes a password or client secret with scrypt and a random salt:
 * `scrypt$N=131072,r=8,p=1$<salt base64>$<hash base64>`.
 */
export async function hashSecret(secret: string, params: ScryptParameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(secret, salt, KEY_BYTES, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

interface ParsedHash {
  params: ScryptParameters;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | undefined {
  const match = FORMAT.exec(stored);
  if (!match) return undefined;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return undefined;
  return { params: { N, r, p }, salt: Buffer.from(match[4]!, 'base64'), key: Buffer.from(match[5]!, 'base64') };
}

/** True when `secret` matches `stored`; compares in constant time. A malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const candidate = await scrypt(secret, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(candidate, parsed.key);
}

/** True when a stored hash was made with other parameters than the current ones (rehash after login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return (
    N !== SCRYPT_PARAMETERS.N ||
    r !== SCRYPT_PARAMETERS.r ||
    p !== SCRYPT_PARAMETERS.p ||
    parsed.key.length !== KEY_BYTES
  );
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time of one verification when there is no account to verify against, so the time of a
 * refusal does not tell whether a username or client id exists.
 */
export async function verifyAgainstDecoy(secret: string): Promise<false> {
  decoy ??= hashSecret(randomBytes(16).toString('hex'));
  await verifySecret(secret, await decoy);
  return false;
}

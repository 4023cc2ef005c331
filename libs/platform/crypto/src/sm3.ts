import { createHash, createHmac } from 'node:crypto';

/** SM3 (GB/T 32905-2016) output length in bytes. */
export const SM3_SIZE = 32;

/** SM3 over the concatenation of `parts` (Node's OpenSSL). */
export function sm3(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sm3');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** HMAC-SM3 (RFC 2104 over SM3) of the concatenation of `parts`. */
export function hmacSm3(key: Uint8Array, ...parts: readonly Uint8Array[]): Buffer {
  const mac = createHmac('sm3', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { CryptoError, CryptoProblem } from './crypto.exception.js';
import {
  privateScalar,
  publicPoint,
  sm2PrivateKeyFromScalar,
  sm2PublicKeyFromPoint,
  sm2Sign,
  sm2Verify,
} from './sm2.js';

/**
 * JWS (RFC 7515, compact) with SM2: `alg` `SM2SM3` — SM2 over the JWS signing input with SM3 and the
 * default identifier, the signature as r ‖ s (64 bytes) like ES256's. The alg and the JWK curve
 * `SM2` (`{ kty: "EC", crv: "SM2", x, y }`) are not registered with IANA: only govdata nodes read them,
 * and `jose` cannot, so tokens of the 国密 profile are verified here.
 */
export const SM2_JWS_ALG = 'SM2SM3';

export interface Sm2Jwk {
  kty: 'EC';
  crv: 'SM2';
  x: string;
  y: string;
  d?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');
const coordinate = (value: bigint) => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');

/** The public (or, with `includePrivate`, private) JWK of an SM2 key. */
export function sm2Jwk(key: KeyObject, includePrivate = false): Sm2Jwk {
  const { x, y } = publicPoint(key);
  const jwk: Sm2Jwk = { kty: 'EC', crv: 'SM2', x: b64url(coordinate(x)), y: b64url(coordinate(y)) };
  if (includePrivate) {
    if (key.type !== 'private')
      throw new CryptoError(CryptoProblem.UnsupportedKey, 'a private JWK needs a private key');
    jwk.d = b64url(coordinate(privateScalar(key)));
  }
  return jwk;
}

/** The KeyObject of an SM2 JWK: private when it has `d` (checked against x, y), else public. */
export function sm2KeyFromJwk(jwk: unknown): KeyObject {
  const { kty, crv, x, y, d } = (jwk ?? {}) as Partial<Record<string, unknown>>;
  const part = (value: unknown, name: string): Buffer => {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
    if (bytes.length !== 32) throw new CryptoError(CryptoProblem.UnsupportedKey, `an SM2 JWK's ${name} is 32 bytes`);
    return bytes;
  };
  if (kty !== 'EC' || crv !== 'SM2')
    throw new CryptoError(CryptoProblem.UnsupportedKey, 'not an SM2 JWK (kty EC, crv SM2)');
  const point = Buffer.concat([Buffer.from([0x04]), part(x, 'x'), part(y, 'y')]);
  const publicKey = sm2PublicKeyFromPoint(point);
  if (d === undefined) return publicKey;
  const privateKey = sm2PrivateKeyFromScalar(BigInt(`0x${part(d, 'd').toString('hex')}`));
  const derived = publicPoint(privateKey);
  const given = publicPoint(publicKey);
  if (derived.x !== given.x || derived.y !== given.y) {
    throw new CryptoError(CryptoProblem.UnsupportedKey, "the SM2 JWK's d does not match its x and y");
  }
  return createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
}

/** RFC 7638 thumbprint (SHA-256 of the required members in lexicographic order), base64url. */
export function sm2JwkThumbprint(jwk: Sm2Jwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** A compact JWS of `payload` signed with SM2; `header` gets `alg: SM2SM3`. */
export function signSm2Jws(header: Record<string, unknown>, payload: unknown, privateKey: KeyObject): string {
  const input = `${b64url(JSON.stringify({ ...header, alg: SM2_JWS_ALG }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sm2Sign(Buffer.from(input, 'ascii'), privateKey, { encoding: 'raw' }))}`;
}

/** The header of a compact JWS, unverified (to choose the key); undefined when it is not one. */
export function jwsHeader(token: string): Record<string, unknown> | undefined {
  const [header] = token.split('.');
  try {
    const parsed = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The payload of an SM2 JWS whose signature `publicKey` verifies; undefined when it does not (or the
 * token is not a three-part compact JWS with `alg` SM2SM3). Claims are the caller's to check.
 */
export function verifySm2Jws(token: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || jwsHeader(token)?.['alg'] !== SM2_JWS_ALG) return undefined;
  const [header, body, signature] = parts as [string, string, string];
  const input = Buffer.from(`${header}.${body}`, 'ascii');
  if (!sm2Verify(input, Buffer.from(signature, 'base64url'), publicKey, { encoding: 'raw' })) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

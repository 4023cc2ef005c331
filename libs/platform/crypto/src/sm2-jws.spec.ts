import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair } from './sm2.js';
import { jwsHeader, signSm2Jws, sm2Jwk, sm2JwkThumbprint, sm2KeyFromJwk, verifySm2Jws } from './sm2-jws.js';

describe('JWS with SM2 (alg SM2SM3)', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();
  const payload = { iss: 'https://gw.example.gov.cn', sub: 'user-1', exp: 2_000_000_000 };

  it('signs and verifies; a changed payload, header or signature, or another key fails', () => {
    const token = signSm2Jws({ kid: 'k1', typ: 'at+jwt' }, payload, privateKey);
    expect(jwsHeader(token)).toEqual({ kid: 'k1', typ: 'at+jwt', alg: 'SM2SM3' });
    expect(verifySm2Jws(token, publicKey)).toEqual(payload);
    const [h, b, s] = token.split('.') as [string, string, string];
    const otherBody = Buffer.from(JSON.stringify({ ...payload, sub: 'admin' })).toString('base64url');
    expect(verifySm2Jws(`${h}.${otherBody}.${s}`, publicKey)).toBeUndefined();
    const es256Header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'k1' })).toString('base64url');
    expect(verifySm2Jws(`${es256Header}.${b}.${s}`, publicKey)).toBeUndefined();
    expect(verifySm2Jws(`${h}.${b}.${Buffer.alloc(64, 1).toString('base64url')}`, publicKey)).toBeUndefined();
    expect(verifySm2Jws(token, generateSm2KeyPair().publicKey)).toBeUndefined();
    expect(verifySm2Jws('not.a.token', publicKey)).toBeUndefined();
  });

  it('round-trips keys through JWKs, with a stable RFC 7638 kid', () => {
    const jwk = sm2Jwk(publicKey);
    expect(jwk).toEqual({ kty: 'EC', crv: 'SM2', x: expect.any(String), y: expect.any(String) });
    const privateJwk = sm2Jwk(privateKey, true);
    const reread = sm2KeyFromJwk(privateJwk);
    const token = signSm2Jws({}, payload, reread);
    expect(verifySm2Jws(token, sm2KeyFromJwk(jwk))).toEqual(payload);
    expect(sm2JwkThumbprint(sm2Jwk(createPublicKey(reread)))).toBe(sm2JwkThumbprint(jwk));
    expect(() => sm2KeyFromJwk({ ...privateJwk, x: sm2Jwk(generateSm2KeyPair().publicKey).x })).toThrow();
    expect(() => sm2KeyFromJwk({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y })).toThrow(/not an SM2 JWK/);
  });
});

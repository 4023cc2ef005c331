import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoProblem } from './crypto.exception.js';
import {
  aeadAlgorithm,
  cryptoProfile,
  CRYPTO_PROFILE_NAMES,
  hashAlgorithm,
  signatureAlgorithm,
  signatureAlgorithmForKey,
} from './crypto-profile.js';

describe('crypto profiles', () => {
  it('international is SHA-256, AES-256-GCM, ES256; sm is SM3, SM4, SM2', () => {
    const names = (name: 'international' | 'sm') => {
      const p = cryptoProfile(name);
      return [p.hash.name, p.aead.name, p.signature.name];
    };
    expect(names('international')).toEqual(['SHA-256', 'A256GCM', 'ES256']);
    expect(names('sm')).toEqual(['SM3', 'SM4-CTR-HMAC-SM3', 'SM2SM3']);
    expect(cryptoProfile().name).toBe('international');
  });

  it.each(CRYPTO_PROFILE_NAMES)('%s: hashes, seals and signs end to end', (name) => {
    const profile = cryptoProfile(name);
    expect(profile.hash.digest(Buffer.from('abc'))).toHaveLength(32);
    const key = randomBytes(32);
    const box = profile.aead.seal(key, Buffer.from('secret'), Buffer.from('ctx'));
    expect(aeadAlgorithm(profile.aead.name).open(key, box, Buffer.from('ctx')).toString()).toBe('secret');
    const pair = profile.signature.generateKeyPair();
    for (const encoding of ['der', 'raw'] as const) {
      const signature = profile.signature.sign(Buffer.from('m'), pair.privateKey, encoding);
      expect(profile.signature.verify(Buffer.from('m'), signature, pair.publicKey, encoding)).toBe(true);
      expect(profile.signature.verify(Buffer.from('n'), signature, pair.publicKey, encoding)).toBe(false);
    }
  });

  it('finds the signature algorithm from a key, also after a PEM round trip (mixed trees)', () => {
    for (const name of CRYPTO_PROFILE_NAMES) {
      const profile = cryptoProfile(name);
      const pair = profile.signature.generateKeyPair();
      const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' });
      const reread = createPrivateKey(pem);
      expect(signatureAlgorithmForKey(reread).name).toBe(profile.signature.name);
      expect(signatureAlgorithmForKey(createPublicKey(reread)).name).toBe(profile.signature.name);
      const signature = profile.signature.sign(Buffer.from('m'), reread);
      expect(signatureAlgorithmForKey(pair.publicKey).verify(Buffer.from('m'), signature, pair.publicKey)).toBe(true);
    }
  });

  it('an SM2 signature does not verify as ES256 and vice versa', () => {
    const sm2 = signatureAlgorithm('SM2SM3').generateKeyPair();
    const signature = signatureAlgorithm('SM2SM3').sign(Buffer.from('m'), sm2.privateKey);
    expect(signatureAlgorithm('ES256').verify(Buffer.from('m'), signature, sm2.publicKey)).toBe(false);
  });

  it('refuses unknown algorithm names instead of defaulting', () => {
    const unknown = expect.objectContaining({ problem: CryptoProblem.UnknownAlgorithm });
    expect(() => hashAlgorithm('MD5')).toThrow(unknown);
    expect(() => aeadAlgorithm('A128CBC')).toThrow(unknown);
    expect(() => signatureAlgorithm('none')).toThrow(unknown);
    expect(hashAlgorithm('SM3').oid).toBe('1.2.156.10197.1.401');
  });
});

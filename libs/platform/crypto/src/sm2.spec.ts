import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  digestScalar,
  generateSm2KeyPair,
  privateScalar,
  publicPoint,
  signDigest,
  sm2PrivateKeyFromScalar,
  sm2Sign,
  sm2Verify,
} from './sm2.js';

const big = (hex: string): bigint => BigInt(`0x${hex}`);
const hex32 = (value: bigint): string => value.toString(16).padStart(64, '0');

/**
 * The worked signature example on the recommended curve (GM/T 0003.5-2012 / GB/T 32918.5-2017
 * appendix): message "message digest", identifier "1234567812345678".
 */
const EXAMPLE = {
  d: big('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8'),
  x: big('09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020'),
  y: big('CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13'),
  message: Buffer.from('message digest'),
  e: big('F0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640'),
  k: big('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21'),
  r: big('F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3'),
  s: big('B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA'),
};

/** A signature made by the OpenSSL 3.0 command line: `openssl dgst -sm3 -sign … -sigopt distid:1234567812345678`. */
const OPENSSL = {
  publicKey: `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAESIa+gDX0dcCHit9GaDLMbIq22Fbz
vVTvLamx/9T5RS41rUoARz+jE468ljR8484kcfVIqKC7sIqDBM9Jx21gsw==
-----END PUBLIC KEY-----`,
  message: Buffer.from('message digest'),
  signature: Buffer.from(
    '30450221008a88c2a103b04fb6b0a89683bf3372cab987715a24faa58ab4a9e34d839e9b5e02205e8de648220e9a0e5f6a83a303504677d26c75a516b760825e07acbbef7c71de',
    'hex',
  ),
};

describe('SM2 signatures (GB/T 32918.2 with the GM/T 0009 default identifier)', () => {
  const privateKey = sm2PrivateKeyFromScalar(EXAMPLE.d);
  const publicKey = createPublicKey(privateKey);
  const exampleSignature = Buffer.concat([Buffer.from(hex32(EXAMPLE.r), 'hex'), Buffer.from(hex32(EXAMPLE.s), 'hex')]);

  it('derives the example public key and e = SM3(Z_A ‖ M)', () => {
    expect(publicPoint(publicKey)).toEqual({ x: EXAMPLE.x, y: EXAMPLE.y });
    expect(privateScalar(privateKey)).toBe(EXAMPLE.d);
    expect(digestScalar(EXAMPLE.message, publicKey)).toBe(EXAMPLE.e);
  });

  it('reproduces the example signature (r, s) with the example k', () => {
    expect(signDigest(EXAMPLE.e, EXAMPLE.d, () => EXAMPLE.k)).toEqual({ r: EXAMPLE.r, s: EXAMPLE.s });
  });

  it('verifies the example signature, and not for another identifier or message', () => {
    expect(sm2Verify(EXAMPLE.message, exampleSignature, publicKey, { encoding: 'raw' })).toBe(true);
    expect(
      sm2Verify(EXAMPLE.message, exampleSignature, publicKey, {
        encoding: 'raw',
        id: Buffer.from('ALICE123@YAHOO.COM'),
      }),
    ).toBe(false);
    expect(sm2Verify(Buffer.from('message digesT'), exampleSignature, publicKey, { encoding: 'raw' })).toBe(false);
  });

  it("verifies OpenSSL's SM2 signature", () => {
    const key = createPublicKey(OPENSSL.publicKey);
    expect(sm2Verify(OPENSSL.message, OPENSSL.signature, key)).toBe(true);
    expect(sm2Verify(Buffer.from('message digest!'), OPENSSL.signature, key)).toBe(false);
  });

  it('round-trips sign → verify in DER and raw encodings', () => {
    const pair = generateSm2KeyPair();
    const message = Buffer.from('数据共享审计');
    const der = sm2Sign(message, pair.privateKey);
    const raw = sm2Sign(message, pair.privateKey, { encoding: 'raw' });
    expect(der[0]).toBe(0x30);
    expect(raw).toHaveLength(64);
    expect(sm2Verify(message, der, pair.publicKey)).toBe(true);
    expect(sm2Verify(message, raw, pair.publicKey, { encoding: 'raw' })).toBe(true);
    // randomised: two signatures of one message differ
    expect(sm2Sign(message, pair.privateKey)).not.toEqual(der);
  });

  it('fails for a wrong identifier, a tampered message or signature, another key', () => {
    const pair = generateSm2KeyPair();
    const id = Buffer.from('node-a.example.gov.cn');
    const message = Buffer.from('checkpoint 42');
    const signature = sm2Sign(message, pair.privateKey, { id });
    expect(sm2Verify(message, signature, pair.publicKey, { id })).toBe(true);
    expect(sm2Verify(message, signature, pair.publicKey)).toBe(false);
    expect(sm2Verify(Buffer.from('checkpoint 43'), signature, pair.publicKey, { id })).toBe(false);
    const tampered = Buffer.from(signature);
    tampered[tampered.length - 1]! ^= 1;
    expect(sm2Verify(message, tampered, pair.publicKey, { id })).toBe(false);
    expect(sm2Verify(message, signature, generateSm2KeyPair().publicKey, { id })).toBe(false);
    expect(sm2Verify(message, Buffer.from('not a signature'), pair.publicKey, { id })).toBe(false);
  });

  it('refuses keys that are not SM2', () => {
    const { privateKey: p256 } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => sm2Sign(Buffer.from('x'), p256)).toThrow(/expected an SM2 private key/);
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AES_256_GCM, SM4_CTR_HMAC_SM3, sm4DecryptBlock, sm4EncryptBlock, type AeadAlgorithm } from './aead.js';
import { CryptoProblem } from './crypto.exception.js';
import { hmacSm3, sm3 } from './sm3.js';

const bytes = (hex: string): Buffer => Buffer.from(hex.replace(/\s/g, ''), 'hex');

describe('SM3 (GB/T 32905-2016 examples)', () => {
  it('hashes "abc" (example 1)', () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('hashes the 512-bit "abcd" × 16 (example 2)', () => {
    expect(sm3(Buffer.from('abcd'.repeat(16))).toString('hex')).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });

  it('hashes parts as their concatenation', () => {
    expect(sm3(Buffer.from('ab'), Buffer.from('c'))).toEqual(sm3(Buffer.from('abc')));
  });

  it('keys HMAC-SM3', () => {
    const data = Buffer.from('data');
    expect(hmacSm3(Buffer.from('k1'), data)).not.toEqual(hmacSm3(Buffer.from('k2'), data));
    expect(hmacSm3(Buffer.from('k1'), data)).toHaveLength(32);
  });
});

describe('SM4 (GB/T 32907-2016 examples)', () => {
  const key = bytes('0123456789abcdeffedcba9876543210');

  it('encrypts and decrypts one block (example 1)', () => {
    const ciphertext = sm4EncryptBlock(key, key);
    expect(ciphertext.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    expect(sm4DecryptBlock(key, ciphertext)).toEqual(key);
  });

  it('encrypts the block 1,000,000 times with the same key (example 2)', () => {
    let block: Buffer = Buffer.from(key);
    for (let i = 0; i < 1_000_000; i++) block = sm4EncryptBlock(key, block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
  }, 120_000);
});

describe.each<[string, AeadAlgorithm]>([
  ['SM4-CTR-HMAC-SM3', SM4_CTR_HMAC_SM3],
  ['A256GCM', AES_256_GCM],
])('%s sealing', (_name, aead) => {
  const key = randomBytes(32);
  const aad = Buffer.from('data_source:42:password');
  const plaintext = Buffer.from('口令 s3cret', 'utf8');

  it('opens what it sealed, with a fresh iv each time', () => {
    const box = aead.seal(key, plaintext, aad);
    expect(aead.open(key, box, aad)).toEqual(plaintext);
    expect(box.ciphertext).not.toEqual(plaintext);
    expect(aead.seal(key, plaintext, aad).iv).not.toEqual(box.iv);
  });

  it('refuses another context, another key, an altered ciphertext or tag', () => {
    const box = aead.seal(key, plaintext, aad);
    const flipped = (b: Buffer): Buffer => Buffer.from(b.map((v, i) => (i === 0 ? v ^ 1 : v)));
    const notAuthentic = expect.objectContaining({ problem: CryptoProblem.NotAuthentic });
    expect(() => aead.open(key, box, Buffer.from('data_source:43:password'))).toThrow(notAuthentic);
    expect(() => aead.open(randomBytes(32), box, aad)).toThrow(notAuthentic);
    expect(() => aead.open(key, { ...box, ciphertext: flipped(box.ciphertext) }, aad)).toThrow(notAuthentic);
    expect(() => aead.open(key, { ...box, tag: flipped(box.tag) }, aad)).toThrow(notAuthentic);
  });

  it('refuses a truncated tag', () => {
    const box = aead.seal(key, plaintext, aad);
    for (const length of [0, 4, 12]) {
      expect(() => aead.open(key, { ...box, tag: box.tag.subarray(0, length) }, aad)).toThrow(
        expect.objectContaining({ problem: CryptoProblem.Malformed }),
      );
    }
  });
});

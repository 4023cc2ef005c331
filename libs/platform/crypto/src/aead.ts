import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { CryptoError, CryptoProblem } from './crypto.exception.js';
import { hmacSm3, SM3_SIZE } from './sm3.js';

/** A sealed value's parts; `iv` and `tag` lengths are fixed by the algorithm and checked on open. */
export interface SealedBox {
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/** Authenticated encryption with additional data under a 256-bit key. */
export interface AeadAlgorithm {
  /** The name a sealed value carries, so a node opens values sealed under either profile. */
  readonly name: AeadName;
  readonly keyLength: 32;
  seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): SealedBox;
  /** The plaintext, or a {@link CryptoError} when the tag does not verify or a part has the wrong length. */
  open(key: Uint8Array, box: SealedBox, aad: Uint8Array): Buffer;
}

export type AeadName = 'A256GCM' | 'SM4-CTR-HMAC-SM3';

const GCM_IV = 12;
const GCM_TAG = 16;

/** AES-256-GCM, 96-bit IV, full 128-bit tag (a shorter tag is refused: GCM would accept it). */
export const AES_256_GCM: AeadAlgorithm = {
  name: 'A256GCM',
  keyLength: 32,
  seal(key, plaintext, aad) {
    assertKey(key);
    const iv = randomBytes(GCM_IV);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG });
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: cipher.getAuthTag() };
  },
  open(key, box, aad) {
    assertKey(key);
    assertLengths(box, GCM_IV, GCM_TAG, 'A256GCM');
    const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: GCM_TAG });
    decipher.setAAD(aad);
    decipher.setAuthTag(box.tag);
    try {
      return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
    } catch {
      throw new CryptoError(CryptoProblem.NotAuthentic, 'the A256GCM tag does not verify');
    }
  },
};

const SM4_IV = 16;
const SM4_TAG = SM3_SIZE;

/**
 * SM4 (GB/T 32907-2016) as an AEAD. OpenSSL 3.0 has no SM4-GCM (it arrived in 3.2), so this is
 * SM4-CTR with HMAC-SM3 over it, encrypt-then-MAC:
 *
 * - enc key (16 bytes) and mac key (32 bytes) = HKDF-SM3(key, info "govdata sm4-ctr enc" / "… mac");
 * - iv = 16 random bytes, the initial CTR block;
 * - ciphertext = SM4-CTR(enc key, iv, plaintext);
 * - tag = HMAC-SM3(mac key, len64(aad) ‖ aad ‖ iv ‖ ciphertext), all 32 bytes, compared in constant time
 *   before anything is decrypted.
 */
export const SM4_CTR_HMAC_SM3: AeadAlgorithm = {
  name: 'SM4-CTR-HMAC-SM3',
  keyLength: 32,
  seal(key, plaintext, aad) {
    const { enc, mac } = sm4Keys(key);
    const iv = randomBytes(SM4_IV);
    const cipher = createCipheriv('sm4-ctr', enc, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, ciphertext, tag: sm4Tag(mac, aad, iv, ciphertext) };
  },
  open(key, box, aad) {
    const { enc, mac } = sm4Keys(key);
    assertLengths(box, SM4_IV, SM4_TAG, 'SM4-CTR-HMAC-SM3');
    if (!timingSafeEqual(sm4Tag(mac, aad, box.iv, box.ciphertext), box.tag)) {
      throw new CryptoError(CryptoProblem.NotAuthentic, 'the SM4-CTR-HMAC-SM3 tag does not verify');
    }
    const decipher = createDecipheriv('sm4-ctr', enc, box.iv);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  },
};

export const AEAD_ALGORITHMS: Readonly<Record<AeadName, AeadAlgorithm>> = {
  A256GCM: AES_256_GCM,
  'SM4-CTR-HMAC-SM3': SM4_CTR_HMAC_SM3,
};

/** One SM4 block (ECB, no padding): the primitive the GB/T 32907 examples test. */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  if (key.length !== 16 || block.length !== 16) {
    throw new CryptoError(CryptoProblem.Malformed, 'SM4 takes a 16-byte key and a 16-byte block');
  }
  const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

export function sm4DecryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  if (key.length !== 16 || block.length !== 16) {
    throw new CryptoError(CryptoProblem.Malformed, 'SM4 takes a 16-byte key and a 16-byte block');
  }
  const decipher = createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([decipher.update(block), decipher.final()]);
}

function sm4Keys(key: Uint8Array): { enc: Buffer; mac: Buffer } {
  assertKey(key);
  const derive = (info: string, length: number): Buffer =>
    Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), info, length));
  return { enc: derive('govdata sm4-ctr enc', 16), mac: derive('govdata sm4-ctr mac', 32) };
}

function sm4Tag(mac: Buffer, aad: Uint8Array, iv: Buffer, ciphertext: Buffer): Buffer {
  const aadLength = Buffer.alloc(8);
  aadLength.writeBigUInt64BE(BigInt(aad.length));
  return hmacSm3(mac, aadLength, aad, iv, ciphertext);
}

function assertKey(key: Uint8Array): void {
  if (key.length !== 32) throw new CryptoError(CryptoProblem.UnsupportedKey, 'a sealing key is 32 bytes');
}

function assertLengths(box: SealedBox, ivLength: number, tagLength: number, name: AeadName): void {
  if (box.iv.length !== ivLength || box.tag.length !== tagLength) {
    throw new CryptoError(
      CryptoProblem.Malformed,
      `${name} needs a ${ivLength}-byte iv and a ${tagLength}-byte tag, got ${box.iv.length} and ${box.tag.length}`,
    );
  }
}

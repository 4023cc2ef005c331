import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AEAD_ALGORITHMS, AES_256_GCM, SM4_CTR_HMAC_SM3, type AeadAlgorithm } from './aead.js';
import { CryptoError, CryptoProblem } from './crypto.exception.js';
import { generateSm2KeyPair, isSm2Key, SM2_CURVE_OID, SM2_WITH_SM3_OID, sm2Sign, sm2Verify } from './sm2.js';
import { sm3 } from './sm3.js';

/** The cryptographic profile a node runs (`crypto.profile` in node.yaml). */
export const CRYPTO_PROFILE_NAMES = ['international', 'sm'] as const;
export type CryptoProfileName = (typeof CRYPTO_PROFILE_NAMES)[number];

export type HashName = 'SHA-256' | 'SM3';

export interface HashAlgorithm {
  /** The name a ledger, checkpoint or proof states. */
  readonly name: HashName;
  readonly oid: string;
  readonly size: 32;
  digest(...parts: readonly Uint8Array[]): Buffer;
}

/** Signature encodings: DER (X.509, CMS, GM/T 0009) or the fixed-length r ‖ s of JWS. */
export type SignatureEncoding = 'der' | 'raw';

export type SignatureName = 'ES256' | 'SM2SM3';

export interface SignatureAlgorithm {
  /** The JWS `alg` (SM2SM3 is not registered with IANA: only govdata nodes read it). */
  readonly name: SignatureName;
  /** Signature algorithm OID (X.509 `signatureAlgorithm`). */
  readonly oid: string;
  /** Named-curve OID of the keys it takes. */
  readonly curveOid: string;
  generateKeyPair(): { privateKey: KeyObject; publicKey: KeyObject };
  /** Whether `key` (public or private) is a key of this algorithm. */
  accepts(key: KeyObject): boolean;
  sign(data: Uint8Array, privateKey: KeyObject, encoding?: SignatureEncoding): Buffer;
  verify(data: Uint8Array, signature: Uint8Array, publicKey: KeyObject, encoding?: SignatureEncoding): boolean;
}

/**
 * What a node's profile chooses: the hash of its ledger and Merkle digests, the AEAD of its sealed
 * credentials and the signature of its tokens, checkpoints and certificates. Reading is never limited
 * to the node's own profile: sealed values, ledgers and keys name their algorithm (mixed trees).
 */
export interface CryptoProfile {
  readonly name: CryptoProfileName;
  readonly hash: HashAlgorithm;
  readonly aead: AeadAlgorithm;
  readonly signature: SignatureAlgorithm;
}

export const SHA_256: HashAlgorithm = {
  name: 'SHA-256',
  oid: '2.16.840.1.101.3.4.2.1',
  size: 32,
  digest: (...parts) => {
    const hash = createHash('sha256');
    for (const part of parts) hash.update(part);
    return hash.digest();
  },
};

/** SM3 (GB/T 32905-2016). */
export const SM3: HashAlgorithm = { name: 'SM3', oid: '1.2.156.10197.1.401', size: 32, digest: sm3 };

const P256_OID = '1.2.840.10045.3.1.7';

/** ECDSA on P-256 with SHA-256. */
export const ES256: SignatureAlgorithm = {
  name: 'ES256',
  oid: '1.2.840.10045.4.3.2',
  curveOid: P256_OID,
  generateKeyPair: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
  accepts: (key) => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1',
  sign: (data, privateKey, encoding = 'der') =>
    sign('sha256', data, { key: privateKey, dsaEncoding: encoding === 'raw' ? 'ieee-p1363' : 'der' }),
  verify: (data, signature, publicKey, encoding = 'der') => {
    try {
      return verify(
        'sha256',
        data,
        { key: publicKey, dsaEncoding: encoding === 'raw' ? 'ieee-p1363' : 'der' },
        signature,
      );
    } catch {
      return false;
    }
  },
};

/** SM2 with SM3 and the default signer identifier `1234567812345678` (GM/T 0009). */
export const SM2_SM3: SignatureAlgorithm = {
  name: 'SM2SM3',
  oid: SM2_WITH_SM3_OID,
  curveOid: SM2_CURVE_OID,
  generateKeyPair: generateSm2KeyPair,
  accepts: isSm2Key,
  sign: (data, privateKey, encoding = 'der') => sm2Sign(data, privateKey, { encoding }),
  verify: (data, signature, publicKey, encoding = 'der') => {
    try {
      return sm2Verify(data, signature, publicKey, { encoding });
    } catch {
      return false;
    }
  },
};

export const INTERNATIONAL_PROFILE: CryptoProfile = {
  name: 'international',
  hash: SHA_256,
  aead: AES_256_GCM,
  signature: ES256,
};

/** 国密: SM3, SM4, SM2. */
export const SM_PROFILE: CryptoProfile = { name: 'sm', hash: SM3, aead: SM4_CTR_HMAC_SM3, signature: SM2_SM3 };

const PROFILES: Readonly<Record<CryptoProfileName, CryptoProfile>> = {
  international: INTERNATIONAL_PROFILE,
  sm: SM_PROFILE,
};

export function cryptoProfile(name: CryptoProfileName = 'international'): CryptoProfile {
  return PROFILES[name];
}

const HASHES: Readonly<Record<HashName, HashAlgorithm>> = { 'SHA-256': SHA_256, SM3 };
const SIGNATURES: Readonly<Record<SignatureName, SignatureAlgorithm>> = { ES256, SM2SM3: SM2_SM3 };

/** The hash a ledger, checkpoint or proof states; an unknown name is refused, never defaulted. */
export function hashAlgorithm(name: string): HashAlgorithm {
  const found = (HASHES as Record<string, HashAlgorithm | undefined>)[name];
  if (!found)
    throw new CryptoError(CryptoProblem.UnknownAlgorithm, `unknown hash algorithm "${name}" (SHA-256 or SM3)`);
  return found;
}

export function aeadAlgorithm(name: string): AeadAlgorithm {
  const found = (AEAD_ALGORITHMS as Record<string, AeadAlgorithm | undefined>)[name];
  if (!found) {
    throw new CryptoError(
      CryptoProblem.UnknownAlgorithm,
      `unknown sealing algorithm "${name}" (A256GCM or SM4-CTR-HMAC-SM3)`,
    );
  }
  return found;
}

export function signatureAlgorithm(name: string): SignatureAlgorithm {
  const found = (SIGNATURES as Record<string, SignatureAlgorithm | undefined>)[name];
  if (!found)
    throw new CryptoError(CryptoProblem.UnknownAlgorithm, `unknown signature algorithm "${name}" (ES256 or SM2SM3)`);
  return found;
}

/** The signature algorithm a key belongs to: how a parent verifies a child of either profile. */
export function signatureAlgorithmForKey(key: KeyObject): SignatureAlgorithm {
  const found = Object.values(SIGNATURES).find((algorithm) => algorithm.accepts(key));
  if (!found) {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? key.asymmetricKeyType ?? 'unknown';
    throw new CryptoError(CryptoProblem.UnsupportedKey, `no signature algorithm for a ${curve} key (P-256 or SM2)`);
  }
  return found;
}

import type { webcrypto } from 'node:crypto';
import { pkiCrypto, SM2_KEY_ALGORITHM } from './sm2-webcrypto.js';
import { x509 } from './x509.js';

/**
 * The key algorithm of a node's PKI. Everything that generates, imports or signs takes one, so a
 * 国密 deployment can swap ECDSA P-256 for SM2 without touching the callers.
 *
 * SM2 (`SM2_SM3`): Node's WebCrypto has no SM2/SM3, so `pkiCrypto` (sm2-webcrypto.ts) adds them and
 * x509's registry maps the SM2 key OID 1.2.156.10197.1.301 and the SM2-with-SM3 signature OID
 * 1.2.156.10197.1.501. Certificates, CSRs and chains of either algorithm are issued and verified
 * (a parent of one profile signs and verifies a child of the other). The TLS side would also need
 * an OpenSSL with SM2 in TLS (RFC 8998 / TLCP), which stock Node does not ship: links keep ECDSA keys.
 */
export interface NodeKeyAlgorithm {
  readonly id: string;
  /** WebCrypto parameters for generating and importing the key. */
  readonly keyParams: webcrypto.EcKeyGenParams;
  /** WebCrypto parameters for signing certificates, CSRs and CRLs. */
  readonly signingAlgorithm: webcrypto.EcdsaParams;
  readonly crypto: webcrypto.Crypto;
}

export const ECDSA_P256: NodeKeyAlgorithm = {
  id: 'ecdsa-p256',
  keyParams: { name: 'ECDSA', namedCurve: 'P-256' },
  signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  crypto: pkiCrypto,
};

/** SM2 with SM3 (国密 profile), signatures with the default identifier (GM/T 0015 / GM/T 0009). */
export const SM2_SM3: NodeKeyAlgorithm = {
  id: 'sm2',
  keyParams: { ...SM2_KEY_ALGORITHM },
  signingAlgorithm: { name: 'SM2', hash: 'SM3' },
  crypto: pkiCrypto,
};

/** A node's key pair, with the algorithm it belongs to. */
export interface NodeKeyPair {
  readonly algorithm: NodeKeyAlgorithm;
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicKey: webcrypto.CryptoKey;
}

export async function generateNodeKeyPair(algorithm: NodeKeyAlgorithm = ECDSA_P256): Promise<NodeKeyPair> {
  const { privateKey, publicKey } = (await algorithm.crypto.subtle.generateKey(algorithm.keyParams, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  return { algorithm, privateKey, publicKey };
}

/** The private key as PKCS#8 PEM — the form gRPC's TLS and OpenSSL read. */
export async function exportPrivateKeyPem(keys: NodeKeyPair): Promise<string> {
  const der = await keys.algorithm.crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** Reads a PKCS#8 PEM private key back into a key pair (the public half is derived from it). */
export async function importPrivateKeyPem(pem: string, algorithm: NodeKeyAlgorithm = ECDSA_P256): Promise<NodeKeyPair> {
  const { subtle } = algorithm.crypto;
  const privateKey = await subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), algorithm.keyParams, true, [
    'sign',
  ]);
  // A JWK of a private EC key carries the public point too; drop `d` to get the public key.
  const { d: _d, key_ops: _ops, ...publicJwk } = await subtle.exportKey('jwk', privateKey);
  const publicKey = await subtle.importKey('jwk', publicJwk, algorithm.keyParams, true, ['verify']);
  return { algorithm, privateKey, publicKey };
}

/** SHA-256 of the SubjectPublicKeyInfo, hex: compares keys across certificates, CSRs and key files. */
export async function publicKeyFingerprint(publicKey: webcrypto.CryptoKey | x509.PublicKey): Promise<string> {
  const spki =
    publicKey instanceof x509.PublicKey ? publicKey.rawData : await pkiCrypto.subtle.exportKey('spki', publicKey);
  return Buffer.from(await pkiCrypto.subtle.digest('SHA-256', spki)).toString('hex');
}

import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { DER } from '@noble/curves/abstract/der.js';
import { weierstrass, type WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { CryptoError, CryptoProblem } from './crypto.exception.js';
import { sm3 } from './sm3.js';

/*
 * SM2 digital signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) on the recommended 256-bit curve
 * (GB/T 32918.5-2017), with SM3 and the signer's distinguishing identifier (GM/T 0009-2012).
 *
 * Why not Node's crypto.sign: Node 20 links OpenSSL 3.0, whose SM2 needs the identifier set on the
 * EVP_PKEY_CTX (`distid`), which Node does not expose; a key on the SM2 curve is signed with ECDSA,
 * not SM2. So the curve arithmetic is @noble/curves' (audited, constant-time scalar multiplication),
 * the hash is OpenSSL's SM3, and keys stay Node KeyObjects (PKCS#8 / SPKI with curve OID
 * 1.2.156.10197.1.301), which Node generates, imports and exports.
 */

const hex = (value: string): bigint => BigInt(`0x${value}`);

/** GB/T 32918.5 recommended curve parameters. */
export const SM2_CURVE = {
  p: hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF'),
  a: hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC'),
  b: hex('28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93'),
  n: hex('FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123'),
  h: 1n,
  Gx: hex('32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'),
  Gy: hex('BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0'),
} as const;

/** The default signer identifier of GM/T 0009-2012 §10 (used when parties agree on no other). */
export const SM2_DEFAULT_ID: Buffer = Buffer.from('1234567812345678', 'utf8');

/** OIDs (GM/T 0006-2012): the SM2 curve / key, and SM2-with-SM3 signatures. */
export const SM2_CURVE_OID = '1.2.156.10197.1.301';
export const SM2_WITH_SM3_OID = '1.2.156.10197.1.501';

const Point = weierstrass(SM2_CURVE);
const { n } = SM2_CURVE;
const Fn = Point.Fn;

export interface Sm2Options {
  /** The signer's distinguishing identifier; default {@link SM2_DEFAULT_ID}. */
  readonly id?: Uint8Array;
  /** `der` (SEQUENCE { r, s }, as in X.509 and GM/T 0009) or `raw` (r ‖ s, 64 bytes, as in JWS). */
  readonly encoding?: 'der' | 'raw';
}

/** A fresh SM2 key pair as Node KeyObjects (Node generates keys on the SM2 curve correctly). */
export function generateSm2KeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'SM2' });
}

/** SubjectPublicKeyInfo up to the point: id-ecPublicKey, curve SM2, BIT STRING of 65 bytes. */
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

/**
 * Whether `key` (public or private) is on the SM2 curve. Node calls a key it generated on the curve
 * `ec`/`SM2`, but OpenSSL 3 reads an imported one as its own SM2 key type, which Node does not name
 * (`asymmetricKeyType` undefined): then the SPKI says it.
 */
export function isSm2Key(key: KeyObject): boolean {
  if (key.type === 'secret') return false;
  if (key.asymmetricKeyType === 'ec') return key.asymmetricKeyDetails?.namedCurve === 'SM2';
  if (key.asymmetricKeyType !== undefined) return false;
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return (
    spki.length === SM2_SPKI_PREFIX.length + 65 && spki.subarray(0, SM2_SPKI_PREFIX.length).equals(SM2_SPKI_PREFIX)
  );
}

/**
 * What a public key costs to prepare, kept per KeyObject: its validated point (with precomputed
 * multiples, so verifying against a key seen before — a token issuer's, a parent's — is fast) and
 * its Z_A per identifier.
 */
interface PreparedKey {
  point: WeierstrassPoint<bigint>;
  za: Map<string, Buffer>;
}
const prepared = new WeakMap<KeyObject, PreparedKey>();

/** `key` may be the private key (its public point is derived); the multiples are computed on first use. */
function prepare(key: KeyObject): PreparedKey {
  let entry = prepared.get(key);
  if (!entry) {
    entry = { point: Point.fromAffine(publicPoint(key)).precompute(8, true), za: new Map() };
    prepared.set(key, entry);
  }
  return entry;
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
export function sm2Za(publicKey: KeyObject, id: Uint8Array = SM2_DEFAULT_ID): Buffer {
  if (id.length > 8191) throw new CryptoError(CryptoProblem.Malformed, 'an SM2 identifier is at most 8191 bytes');
  const { point, za } = prepare(publicKey);
  const idKey = Buffer.from(id).toString('hex');
  const known = za.get(idKey);
  if (known) return known;
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  const { a, b, Gx, Gy } = SM2_CURVE;
  const value = sm3(entl, id, ...[a, b, Gx, Gy, point.x, point.y].map(toBytes32));
  if (za.size < 16) za.set(idKey, value);
  return value;
}

/** Signs `message` (hashed here as SM3(Z_A ‖ M)) with an SM2 private key. */
export function sm2Sign(message: Uint8Array, privateKey: KeyObject, options: Sm2Options = {}): Buffer {
  const d = privateScalar(privateKey);
  const e = digestScalar(message, privateKey, options.id);
  return encodeSignature(signDigest(e, d, randomScalar), options.encoding);
}

/** Verifies an SM2 signature over `message` for the signer `publicKey` and identifier `options.id`. */
export function sm2Verify(
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
  options: Sm2Options = {},
): boolean {
  const sig = decodeSignature(signature, options.encoding);
  if (!sig) return false;
  const { r, s } = sig;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = Fn.create(r + s);
  if (t === 0n) return false;
  const e = digestScalar(message, publicKey, options.id);
  const sum = Point.BASE.multiplyUnsafe(s).add(prepare(publicKey).point.multiplyUnsafe(t));
  if (sum.is0()) return false;
  return Fn.create(e + sum.x) === r;
}

/**
 * The signing equations (GB/T 32918.2 §6.1 A3–A6) for a given digest scalar `e`; `nextK` supplies
 * the per-signature secret. Exported for the standard's worked example, which fixes k.
 */
export function signDigest(e: bigint, d: bigint, nextK: () => bigint): { r: bigint; s: bigint } {
  const inverse = Fn.inv(Fn.create(1n + d));
  for (;;) {
    const k = nextK();
    const r = Fn.create(e + Point.BASE.multiply(k).x);
    if (r === 0n || r + k === n) continue;
    const s = Fn.create(inverse * Fn.create(k - r * d));
    if (s !== 0n) return { r, s };
  }
}

/** e = SM3(Z_A ‖ M) as an integer. */
export function digestScalar(message: Uint8Array, publicKey: KeyObject, id?: Uint8Array): bigint {
  return BigInt(`0x${sm3(sm2Za(publicKey, id), message).toString('hex')}`);
}

/** The private scalar d of an SM2 private key (read from its PKCS#8 ECPrivateKey). */
export function privateScalar(privateKey: KeyObject): bigint {
  assertSm2(privateKey, 'private');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  // PrivateKeyInfo.privateKey is an OCTET STRING holding ECPrivateKey ::= SEQUENCE { version 1,
  // privateKey OCTET STRING (32 bytes), ... }: find `INTEGER 1, OCTET STRING(32)` after the OIDs.
  const marker = Buffer.from([0x02, 0x01, 0x01, 0x04, 0x20]);
  const at = pkcs8.indexOf(marker);
  if (at < 0) throw new CryptoError(CryptoProblem.UnsupportedKey, 'the SM2 private key has no 32-byte scalar');
  const d = BigInt(`0x${pkcs8.subarray(at + marker.length, at + marker.length + 32).toString('hex')}`);
  if (d < 1n || d >= n - 1n) throw new CryptoError(CryptoProblem.UnsupportedKey, 'the SM2 private key is out of range');
  return d;
}

/** The public point (x, y) of an SM2 key, validated on the curve. */
export function publicPoint(key: KeyObject): { x: bigint; y: bigint } {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  assertSm2(publicKey, 'public');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // The subjectPublicKey BIT STRING ends the SPKI: 0x04 ‖ x ‖ y, uncompressed as Node exports it.
  const raw = spki.subarray(spki.length - 65);
  const point: WeierstrassPoint<bigint> = Point.fromBytes(raw);
  point.assertValidity();
  return { x: point.x, y: point.y };
}

/** Builds an SM2 private KeyObject from a raw 32-byte scalar (for published examples and imports). */
export function sm2PrivateKeyFromScalar(d: bigint): KeyObject {
  const point = Point.BASE.multiply(d);
  // ECPrivateKey { 1, d, [1] public key } in a PKCS#8 naming the SM2 curve (fixed lengths, as OpenSSL writes it).
  const ecPrivateKey = Buffer.concat([
    Buffer.from('306b0201010420', 'hex'),
    toBytes32(d),
    Buffer.from('a144034200', 'hex'),
    Buffer.from(point.toBytes(false)),
  ]);
  const pkcs8 = Buffer.concat([
    Buffer.from('308187020100301306072a8648ce3d020106082a811ccf5501822d046d', 'hex'),
    ecPrivateKey,
  ]);
  return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
}

/** Builds an SM2 public KeyObject from an uncompressed point 0x04 ‖ x ‖ y. */
export function sm2PublicKeyFromPoint(point: Uint8Array): KeyObject {
  Point.fromBytes(point).assertValidity();
  const spki = Buffer.concat([SM2_SPKI_PREFIX, Buffer.from(point)]);
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

function assertSm2(key: KeyObject, type: 'public' | 'private'): void {
  if (key.type !== type || !isSm2Key(key)) {
    const got = `${key.type} ${key.asymmetricKeyType ?? 'unknown'} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`;
    throw new CryptoError(CryptoProblem.UnsupportedKey, `expected an SM2 ${type} key, got ${got.trim()}`);
  }
}

function randomScalar(): bigint {
  // 64 bits more than n: the bias of the reduction is below 2^-64.
  return (BigInt(`0x${randomBytes(40).toString('hex')}`) % (n - 1n)) + 1n;
}

function toBytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

function encodeSignature(sig: { r: bigint; s: bigint }, encoding: Sm2Options['encoding'] = 'der'): Buffer {
  return encoding === 'raw'
    ? Buffer.concat([toBytes32(sig.r), toBytes32(sig.s)])
    : Buffer.from(DER.hexFromSig(sig), 'hex');
}

function decodeSignature(
  signature: Uint8Array,
  encoding: Sm2Options['encoding'] = 'der',
): { r: bigint; s: bigint } | undefined {
  if (encoding === 'raw') {
    if (signature.length !== 64) return undefined;
    const raw = Buffer.from(signature);
    return { r: hex(raw.subarray(0, 32).toString('hex')), s: hex(raw.subarray(32).toString('hex')) };
  }
  try {
    return DER.toSig(signature);
  } catch {
    return undefined;
  }
}

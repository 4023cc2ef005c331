import { createPrivateKey, createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { ECParameters, id_ecPublicKey } from '@peculiar/asn1-ecc';
import {
  generateSm2KeyPair,
  sm2Jwk,
  sm2KeyFromJwk,
  sm2Sign,
  sm2Verify,
  sm3,
  SM2_CURVE_OID,
  SM2_WITH_SM3_OID,
} from '@govdata/platform-crypto';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { container } from 'tsyringe';

type KeyUsage = webcrypto.KeyUsage;
type BufferSource = ArrayBuffer | ArrayBufferView;
type Algorithm = webcrypto.Algorithm;

/*
 * SM2 for @peculiar/x509, which speaks WebCrypto: Node's WebCrypto has no SM2, so this `Crypto`
 * answers `{ name: 'SM2' }` keys itself (SM2 with SM3 and the default identifier, DER signatures as
 * X.509 carries them, GM/T 0015) and hands every other algorithm to Node's WebCrypto unchanged.
 * Registered with x509's algorithm registry: signature OID 1.2.156.10197.1.501 ⇄ { SM2, SM3 }, and
 * id-ecPublicKey on curve 1.2.156.10197.1.301 ⇄ { SM2, namedCurve SM2 }.
 */

export const SM2_KEY_ALGORITHM = { name: 'SM2', namedCurve: 'SM2' } as const;
export const SM2_SIGNING_ALGORITHM = { name: 'SM2', hash: { name: 'SM3' } } as const;

const isSm2 = (algorithm: unknown) =>
  (typeof algorithm === 'string' ? algorithm : (algorithm as { name?: string } | null)?.name)?.toUpperCase() === 'SM2';

/** A CryptoKey-shaped holder of an SM2 KeyObject (x509 reads only these fields). */
class Sm2CryptoKey {
  readonly algorithm = SM2_KEY_ALGORITHM;
  constructor(
    readonly keyObject: KeyObject,
    readonly type: 'public' | 'private',
    readonly extractable: boolean,
    readonly usages: KeyUsage[],
  ) {}
  get [Symbol.toStringTag]() {
    return 'CryptoKey';
  }
}

const keyOf = (key: unknown): Sm2CryptoKey | undefined => (key instanceof Sm2CryptoKey ? key : undefined);
const bytes = (data: BufferSource): Buffer =>
  ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data as ArrayBuffer);
const arrayBuffer = (buffer: Buffer): ArrayBuffer =>
  buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

/* eslint-disable @typescript-eslint/no-explicit-any -- WebCrypto's overloaded signatures, delegated as given */
const subtle = webcrypto.subtle;
const sm2Subtle = {
  async generateKey(algorithm: any, extractable: boolean, usages: KeyUsage[]): Promise<any> {
    if (!isSm2(algorithm)) return subtle.generateKey(algorithm, extractable, usages);
    const { privateKey, publicKey } = generateSm2KeyPair();
    return {
      privateKey: new Sm2CryptoKey(
        privateKey,
        'private',
        extractable,
        usages.filter((u) => u === 'sign'),
      ),
      publicKey: new Sm2CryptoKey(
        publicKey,
        'public',
        true,
        usages.filter((u) => u === 'verify'),
      ),
    };
  },
  async importKey(format: any, data: any, algorithm: any, extractable: boolean, usages: KeyUsage[]): Promise<any> {
    if (!isSm2(algorithm)) return subtle.importKey(format, data, algorithm, extractable, usages);
    let key: KeyObject;
    if (format === 'jwk') key = sm2KeyFromJwk(data);
    else if (format === 'spki') key = createPublicKey({ key: bytes(data), format: 'der', type: 'spki' });
    else if (format === 'pkcs8') key = createPrivateKey({ key: bytes(data), format: 'der', type: 'pkcs8' });
    else throw new DOMException(`SM2 keys import as jwk, spki or pkcs8, not ${format}`, 'NotSupportedError');
    return new Sm2CryptoKey(key, key.type === 'private' ? 'private' : 'public', extractable, usages);
  },
  async exportKey(format: any, key: any): Promise<any> {
    const sm2 = keyOf(key);
    if (!sm2) return subtle.exportKey(format, key);
    if (format === 'jwk') return { ...sm2Jwk(sm2.keyObject, sm2.type === 'private'), ext: true };
    if (format === 'spki') {
      const publicKey = sm2.type === 'private' ? createPublicKey(sm2.keyObject) : sm2.keyObject;
      return arrayBuffer(publicKey.export({ type: 'spki', format: 'der' }));
    }
    if (format === 'pkcs8' && sm2.type === 'private') {
      return arrayBuffer(sm2.keyObject.export({ type: 'pkcs8', format: 'der' }));
    }
    throw new DOMException(`an SM2 ${sm2.type} key does not export as ${format}`, 'NotSupportedError');
  },
  async sign(algorithm: any, key: any, data: BufferSource): Promise<ArrayBuffer> {
    const sm2 = keyOf(key);
    if (!sm2) return subtle.sign(algorithm, key, data);
    return arrayBuffer(sm2Sign(bytes(data), sm2.keyObject));
  },
  async verify(algorithm: any, key: any, signature: BufferSource, data: BufferSource): Promise<boolean> {
    const sm2 = keyOf(key);
    if (!sm2) return subtle.verify(algorithm, key, signature, data);
    return sm2Verify(bytes(data), bytes(signature), sm2.keyObject);
  },
  async digest(algorithm: any, data: BufferSource): Promise<ArrayBuffer> {
    if ((typeof algorithm === 'string' ? algorithm : algorithm?.name)?.toUpperCase() === 'SM3') {
      return arrayBuffer(sm3(bytes(data)));
    }
    return subtle.digest(algorithm, data);
  },
};
/* eslint-enable @typescript-eslint/no-explicit-any */

const pkiSubtle = new Proxy(subtle, {
  get(target, property) {
    if (property in sm2Subtle) return sm2Subtle[property as keyof typeof sm2Subtle];
    const value: unknown = Reflect.get(target, property);
    return typeof value === 'function' ? value.bind(target) : value;
  },
});

/** Node's WebCrypto with SM2/SM3 added: what the PKI hands @peculiar/x509 for every operation. */
export const pkiCrypto = {
  subtle: pkiSubtle,
  getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
  randomUUID: webcrypto.randomUUID.bind(webcrypto),
} as unknown as webcrypto.Crypto;

/** x509's algorithm registry entry for SM2 keys and SM2-with-SM3 signatures. */
class Sm2Algorithm implements x509.IAlgorithm {
  toAsnAlgorithm(alg: Algorithm): AlgorithmIdentifier | null {
    if (!isSm2(alg)) return null;
    if ('hash' in alg) return new AlgorithmIdentifier({ algorithm: SM2_WITH_SM3_OID });
    return new AlgorithmIdentifier({
      algorithm: id_ecPublicKey,
      parameters: AsnConvert.serialize(new ECParameters({ namedCurve: SM2_CURVE_OID })),
    });
  }

  toWebAlgorithm(alg: AlgorithmIdentifier): Algorithm | null {
    if (alg.algorithm === SM2_WITH_SM3_OID) return { ...SM2_SIGNING_ALGORITHM } as Algorithm;
    if (alg.algorithm === id_ecPublicKey && alg.parameters) {
      const { namedCurve } = AsnConvert.parse(alg.parameters, ECParameters);
      if (namedCurve === SM2_CURVE_OID) return { ...SM2_KEY_ALGORITHM } as Algorithm;
    }
    return null;
  }
}

let registered = false;
/** Registers SM2 with x509's algorithm registry and makes `pkiCrypto` its crypto provider (idempotent). */
export function registerSm2(): void {
  if (registered) return;
  registered = true;
  x509.cryptoProvider.set(pkiCrypto);
  container.registerSingleton(x509.diAlgorithm, Sm2Algorithm);
}

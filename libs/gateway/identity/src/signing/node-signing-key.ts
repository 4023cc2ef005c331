import { createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TOKEN_AUDIENCE, type GovdataClaims } from '@govdata/platform-auth';
import {
  createKeyFileOnce,
  generateSm2KeyPair,
  signSm2Jws,
  SM2_JWS_ALG,
  sm2Jwk,
  sm2JwkThumbprint,
  sm2KeyFromJwk,
  type CryptoProfileName,
} from '@govdata/platform-crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

/** ES256 (international profile) or SM2SM3 (国密 profile: SM2 with SM3, see `@govdata/platform-crypto`). */
export type TokenSigningAlgorithm = typeof SIGNING_ALGORITHM | typeof SM2_JWS_ALG;

/** The token signature of a crypto profile. */
export function tokenSigningAlgorithm(profile: CryptoProfileName = 'international'): TokenSigningAlgorithm {
  return profile === 'sm' ? SM2_JWS_ALG : SIGNING_ALGORITHM;
}

/** Where a node keeps its token-signing key of `algorithm`, relative to `node.dataDir`. */
export function signingKeyPath(dataDir: string, algorithm: TokenSigningAlgorithm = SIGNING_ALGORITHM): string {
  return join(dataDir, 'keys', algorithm === SM2_JWS_ALG ? 'signing-key-sm2.json' : 'signing-key.json');
}

export interface AccessTokenInput {
  issuer: string;
  /** User id, or `service:<client_id>`. */
  subject: string;
  claims: GovdataClaims;
  /** When the token stops being valid. */
  expiresAt: Date;
  issuedAt?: Date;
}

/** A private key file that others can read; the caller decides how loudly to complain. */
export interface SigningKeyWarning {
  path: string;
  mode: string;
}

/**
 * The node's token-signing key: an ES256 key pair — SM2 under the 国密 profile — kept as a JWK file
 * (mode 0600) in the node's data folder, created on first start. `kid` is the RFC 7638 thumbprint of
 * the public key.
 *
 * `publicJwks()` lists the signing key and, when the node changed profile, the other profile's key
 * if its file is still there: tokens signed before the change keep verifying until they expire
 * (remove the file once they have).
 */
export class NodeSigningKey {
  private constructor(
    readonly kid: string,
    readonly algorithm: TokenSigningAlgorithm,
    private readonly privateKey: CryptoKey | KeyObject,
    private readonly publicJwk: JWK,
    /** Set when the key file was readable by group or others. */
    readonly warning?: SigningKeyWarning,
    /** Public keys of the other profile, still published. */
    private readonly retiring: readonly JWK[] = [],
  ) {}

  /**
   * Loads the key of the profile's algorithm (`<dataDir>/keys/signing-key.json`, or
   * `signing-key-sm2.json` under `sm`), creating it when missing. Safe when replicas start together.
   */
  static async loadOrCreate(dataDir: string, profile: CryptoProfileName = 'international'): Promise<NodeSigningKey> {
    const algorithm = tokenSigningAlgorithm(profile);
    const path = signingKeyPath(dataDir, algorithm);
    const other = algorithm === SM2_JWS_ALG ? SIGNING_ALGORITHM : SM2_JWS_ALG;
    const retiring = await NodeSigningKey.load(signingKeyPath(dataDir, other), other).then(
      (key) => key.publicJwks(),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    try {
      return await NodeSigningKey.load(path, algorithm, retiring);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await NodeSigningKey.create(path, algorithm);
    return NodeSigningKey.load(path, algorithm, retiring);
  }

  private static async load(
    path: string,
    algorithm: TokenSigningAlgorithm,
    retiring: readonly JWK[] = [],
  ): Promise<NodeSigningKey> {
    const raw = await readFile(path, 'utf8');
    let jwk: JWK;
    try {
      jwk = JSON.parse(raw) as JWK;
    } catch {
      throw new Error(
        `the signing key file ${path} is not valid JSON; restore it from backup or remove it to create a new key`,
      );
    }
    const curve = algorithm === SM2_JWS_ALG ? 'SM2' : 'P-256';
    if (jwk.kty !== 'EC' || jwk.crv !== curve || !jwk.d || !jwk.x || !jwk.y) {
      throw new Error(`the signing key file ${path} does not hold a private EC ${curve} JWK (${algorithm})`);
    }
    let privateKey: CryptoKey | KeyObject;
    let publicJwk: JWK;
    let kid: string;
    if (algorithm === SM2_JWS_ALG) {
      try {
        privateKey = sm2KeyFromJwk(jwk);
      } catch (error) {
        throw new Error(`the signing key file ${path} holds a damaged SM2 key: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const sm2Public = sm2Jwk(createPublicKey(privateKey));
      publicJwk = { ...sm2Public };
      kid = sm2JwkThumbprint(sm2Public);
    } else {
      privateKey = (await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey;
      publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
      kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    }
    const mode = (await stat(path)).mode & 0o777;
    const warning = mode & 0o077 ? { path, mode: `0${mode.toString(8)}` } : undefined;
    const published = { ...publicJwk, kid, alg: algorithm, use: 'sig' };
    return new NodeSigningKey(kid, algorithm, privateKey, published, warning, retiring);
  }

  private static async create(path: string, algorithm: TokenSigningAlgorithm): Promise<void> {
    let jwk: JWK;
    let kid: string;
    if (algorithm === SM2_JWS_ALG) {
      const sm2 = sm2Jwk(generateSm2KeyPair().privateKey, true);
      jwk = { ...sm2 };
      kid = sm2JwkThumbprint(sm2);
    } else {
      const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
      jwk = await exportJWK(privateKey);
      kid = await calculateJwkThumbprint(jwk, 'sha256');
    }
    // Another process may get there first; then its key is the one loaded.
    await createKeyFileOnce(path, `${JSON.stringify({ ...jwk, kid, alg: algorithm, use: 'sig' }, null, 2)}\n`);
  }

  /** The public keys tokens of this node may be signed with (JWKS `keys`). */
  publicJwks(): JWK[] {
    return [{ ...this.publicJwk }, ...this.retiring.map((jwk) => ({ ...jwk }))];
  }

  /** Signs an access token: iss, aud `govdata`, sub, iat, exp, jti and the govdata claims. */
  async sign(input: AccessTokenInput): Promise<string> {
    const issuedAt = input.issuedAt ?? new Date();
    if (this.algorithm === SM2_JWS_ALG) {
      const payload = {
        ...input.claims,
        iss: input.issuer,
        aud: TOKEN_AUDIENCE,
        sub: input.subject,
        iat: Math.floor(issuedAt.getTime() / 1000),
        exp: Math.floor(input.expiresAt.getTime() / 1000),
        jti: randomUUID(),
      };
      return signSm2Jws({ kid: this.kid, typ: 'at+jwt' }, payload, this.privateKey as KeyObject);
    }
    return new SignJWT({ ...input.claims })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.kid, typ: 'at+jwt' })
      .setIssuer(input.issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(input.subject)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(input.expiresAt.getTime() / 1000))
      .setJti(randomUUID())
      .sign(this.privateKey as CryptoKey);
  }
}

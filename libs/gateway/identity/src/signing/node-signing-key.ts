import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TOKEN_AUDIENCE, type GovdataClaims } from '@govdata/platform-auth';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

/** Where a node keeps its token-signing key, relative to `node.dataDir`. */
export function signingKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'signing-key.json');
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
 * The node's token-signing key: an ES256 key pair kept as a JWK file (mode 0600) in the node's
 * data folder, created on first start. `kid` is the RFC 7638 thumbprint of the public key.
 *
 * All key handling lives here so rotation can be added later: `publicJwks()` already returns a list,
 * and a retiring key would stay in it until every token it signed has expired.
 */
export class NodeSigningKey {
  private constructor(
    readonly kid: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
    /** Set when the key file was readable by group or others. */
    readonly warning?: SigningKeyWarning,
  ) {}

  /** Loads `<dataDir>/keys/signing-key.json`, creating it when missing. Safe when replicas start together. */
  static async loadOrCreate(dataDir: string): Promise<NodeSigningKey> {
    const path = signingKeyPath(dataDir);
    try {
      return await NodeSigningKey.load(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await NodeSigningKey.create(path);
    return NodeSigningKey.load(path);
  }

  private static async load(path: string): Promise<NodeSigningKey> {
    const raw = await readFile(path, 'utf8');
    let jwk: JWK;
    try {
      jwk = JSON.parse(raw) as JWK;
    } catch {
      throw new Error(
        `the signing key file ${path} is not valid JSON; restore it from backup or remove it to create a new key`,
      );
    }
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
      throw new Error(`the signing key file ${path} does not hold a private EC P-256 JWK (ES256)`);
    }
    const privateKey = (await importJWK(jwk, SIGNING_ALGORITHM)) as CryptoKey;
    const publicJwk: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
    const mode = (await stat(path)).mode & 0o777;
    const warning = mode & 0o077 ? { path, mode: `0${mode.toString(8)}` } : undefined;
    return new NodeSigningKey(kid, privateKey, { ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' }, warning);
  }

  private static async create(path: string): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    // Written whole to a temporary name, then linked into place: link fails if another process got
    // there first, and nobody ever reads a half-written key.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ ...jwk, kid, alg: SIGNING_ALGORITHM, use: 'sig' }, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    await chmod(temporary, 0o600); // the umask may have narrowed it further, never widened it; be explicit
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  /** The public keys tokens of this node may be signed with (JWKS `keys`). */
  publicJwks(): JWK[] {
    return [{ ...this.publicJwk }];
  }

  /** Signs an access token: iss, aud `govdata`, sub, iat, exp, jti and the govdata claims. */
  async sign(input: AccessTokenInput): Promise<string> {
    const issuedAt = input.issuedAt ?? new Date();
    return new SignJWT({ ...input.claims })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.kid, typ: 'at+jwt' })
      .setIssuer(input.issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(input.subject)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(input.expiresAt.getTime() / 1000))
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}

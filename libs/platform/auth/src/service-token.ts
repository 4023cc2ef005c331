import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyFileOnce } from '@govdata/platform-crypto';
import { GovdataError } from '@govdata/platform-errors';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** gRPC metadata key that carries the calling service's token (`authorization` stays the end user's). */
export const SERVICE_TOKEN_METADATA = 'govdata-service-token';
/** Lifetime of a service token. */
export const SERVICE_TOKEN_TTL_SECONDS = 60;
/** A cached token is replaced when less than this is left of it. */
const RENEW_BEFORE_SECONDS = 15;
const ALGORITHM = 'HS256';

/** Where the node keeps the key its services sign their tokens to each other with. */
export function serviceTokenKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'service-token.key.json');
}

/** The issuer every service token of a node names: only that node's services verify it. */
export function serviceTokenIssuer(nodeCode: string): string {
  return `urn:govdata:node:${nodeCode}:services`;
}

/** A service of this node, as proven by a verified service token. */
export interface ServiceCaller {
  service: string;
  node: string;
}

interface ServiceTokenClaims {
  svc?: unknown;
  node?: unknown;
}

/**
 * 节点内部服务凭证 — the node-internal key (HMAC-SHA256, 256 bits) its services use to prove
 * themselves to each other. Kept as a file (mode 0600) in `node.dataDir/keys`, created on first use
 * by whichever service starts first and loaded by every other: whoever can read it is one of the
 * node's services, so it never leaves the node's data folder.
 */
export class ServiceTokenKey {
  private constructor(
    readonly kid: string,
    readonly secret: Uint8Array,
  ) {}

  /** Loads `<dataDir>/keys/service-token.key.json`, creating it when missing; safe when services race. */
  static async loadOrCreate(dataDir: string): Promise<ServiceTokenKey> {
    const path = serviceTokenKeyPath(dataDir);
    try {
      return await ServiceTokenKey.load(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const key = randomBytes(32);
    const body = `${JSON.stringify({ kid: keyId(key), alg: ALGORITHM, k: key.toString('base64url') }, null, 2)}\n`;
    await createKeyFileOnce(path, body);
    return ServiceTokenKey.load(path);
  }

  /** A key that is not the node's (tests: a forged token). */
  static generate(): ServiceTokenKey {
    const key = randomBytes(32);
    return new ServiceTokenKey(keyId(key), key);
  }

  private static async load(path: string): Promise<ServiceTokenKey> {
    let parsed: { kid?: unknown; alg?: unknown; k?: unknown };
    try {
      parsed = JSON.parse(await readFile(path, 'utf8')) as typeof parsed;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
      throw new Error(`the service token key file ${path} is not valid JSON; delete it and restart every service`, {
        cause: error,
      });
    }
    const key = typeof parsed.k === 'string' ? Buffer.from(parsed.k, 'base64url') : Buffer.alloc(0);
    if (parsed.alg !== ALGORITHM || key.length !== 32 || parsed.kid !== keyId(key)) {
      throw new Error(`the service token key file ${path} does not hold a 256-bit ${ALGORITHM} key ({kid, alg, k})`);
    }
    return new ServiceTokenKey(parsed.kid, key);
  }
}

/**
 * Issues this service's tokens for the services it calls (cached per audience and renewed before
 * they expire) and verifies the tokens other services of the node present to it.
 *
 * A token names the node (`iss`, `node`), the calling service (`sub` = `service:<name>`, `svc`) and
 * the called one (`aud`), and lives {@link SERVICE_TOKEN_TTL_SECONDS} seconds.
 */
export class ServiceTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(
    private readonly key: ServiceTokenKey,
    readonly nodeCode: string,
    readonly service: string,
  ) {}

  /** A token naming this service, for calls to `audience`. */
  async token(audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const cached = this.cache.get(audience);
    if (cached && cached.expiresAt - now > RENEW_BEFORE_SECONDS) return cached.token;
    const expiresAt = now + SERVICE_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ svc: this.service, node: this.nodeCode })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.key.kid, typ: 'govdata-service+jwt' })
      .setIssuer(serviceTokenIssuer(this.nodeCode))
      .setSubject(`service:${this.service}`)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.key.secret);
    this.cache.set(audience, { token, expiresAt });
    return token;
  }

  /** The metadata a gRPC client sends to `audience` (for createGrpcClient's `credentials`). */
  credentialsFor(audience: string): () => Promise<Record<string, string>> {
    return async () => ({ [SERVICE_TOKEN_METADATA]: await this.token(audience) });
  }

  /** Verifies a token presented to this service: the node's key, this node, this service as audience. */
  async verify(token: string): Promise<ServiceCaller> {
    try {
      const { payload } = await jwtVerify<ServiceTokenClaims>(token, this.key.secret, {
        algorithms: [ALGORITHM],
        issuer: serviceTokenIssuer(this.nodeCode),
        audience: this.service,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: SERVICE_TOKEN_TTL_SECONDS + 5,
        clockTolerance: 5,
      });
      if (typeof payload.svc !== 'string' || payload.sub !== `service:${payload.svc}`) {
        throw GovdataError.unauthenticated('服务令牌缺少 svc 声明 (the service token lacks the svc claim)');
      }
      if (payload.node !== this.nodeCode)
        throw GovdataError.unauthenticated('服务令牌属于其他节点 (the service token names another node)');
      return { service: payload.svc, node: payload.node };
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw GovdataError.unauthenticated('服务令牌已过期 (the service token has expired)');
      throw GovdataError.unauthenticated(`服务令牌无效 (the service token is not valid: ${(error as Error).message})`);
    }
  }
}

/** A short public name of the key: the first 16 hex digits of SHA-256 over it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

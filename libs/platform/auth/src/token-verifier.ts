import { GovdataError } from '@govdata/platform-errors';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ROLES, TOKEN_AUDIENCE, type GovdataClaims, type Principal, type Role } from './principal.js';
import { isSm2Token, Sm2IssuerKeys, verifySm2Token } from './sm2-token.js';

export interface TrustedIssuer {
  issuer: string;
  jwksUri: string;
}

/** The JWKS URL the gateway publishes for an issuer. */
export function jwksUriFor(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
}

/** What a verified token is checked against before it is accepted (the node's revocation list). */
export interface TokenRevocationCheck {
  isRevoked(token: { issuer: string; subject: string; jti: string; issuedAt: number }): Promise<boolean>;
}

/**
 * How long a "not revoked" answer is reused in the process: revocation reaches every service within
 * this time plus one Redis round trip.
 */
export const REVOCATION_CACHE_MS = 500;
const REVOCATION_CACHE_MAX = 10_000;

/**
 * Verifies access tokens in the service itself: signature against the issuer's published JWKS,
 * issuer, audience and expiry. Keys are cached and refetched when an unknown key id appears.
 * With a revocation check (every service gets one), a token revoked by `jti` or issued before its
 * subject's sessions were ended is refused; when the revocation list cannot be read, verification
 * fails closed with 503.
 */
export class TokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  /** The SM2 keys of the same JWKS, for tokens of 国密-profile issuers (alg SM2SM3; jose cannot). */
  private readonly sm2Keys = new Map<string, Sm2IssuerKeys>();
  /** jti → time until which "not revoked" may be reused. */
  private readonly notRevoked = new Map<string, number>();

  constructor(
    issuers: TrustedIssuer[],
    private readonly revocations?: TokenRevocationCheck,
  ) {
    for (const { issuer, jwksUri } of issuers) {
      this.keySets.set(
        issuer,
        createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000, timeoutDuration: 3_000 }),
      );
      this.sm2Keys.set(issuer, new Sm2IssuerKeys(jwksUri));
    }
  }

  async verify(token: string): Promise<Principal> {
    const issuer = unverifiedIssuer(token);
    const keys = issuer ? this.keySets.get(issuer) : undefined;
    if (!keys)
      throw GovdataError.unauthenticated('令牌不是由受信任的签发方签发 (the token was not issued by a trusted issuer)');
    try {
      const payload = isSm2Token(token)
        ? await verifySm2Token(token, this.sm2Keys.get(issuer!)!, { issuer: issuer!, audience: TOKEN_AUDIENCE })
        : (await jwtVerify<GovdataClaims>(token, keys, { issuer, audience: TOKEN_AUDIENCE, clockTolerance: 5 }))
            .payload;
      const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role =>
        (ROLES as readonly string[]).includes(r),
      );
      if (!payload.sub || !payload.org || !payload.node || (payload.kind !== 'user' && payload.kind !== 'service')) {
        throw GovdataError.unauthenticated(
          '令牌缺少 sub、org、node 或 kind 声明 (the token lacks the sub, org, node or kind claim)',
        );
      }
      if (typeof payload.jti !== 'string' || payload.jti === '' || typeof payload.iat !== 'number') {
        throw GovdataError.unauthenticated(
          '令牌缺少 jti 或 iat 声明，无法被吊销 (the token lacks the jti or iat claim, so it could not be revoked)',
        );
      }
      await this.assertNotRevoked({ issuer: issuer!, subject: payload.sub, jti: payload.jti, issuedAt: payload.iat });
      return {
        subject: payload.sub,
        kind: payload.kind,
        organisationId: payload.org,
        nodeCode: payload.node,
        roles,
        authority: payload.authority === true,
        name: payload.name,
      };
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw GovdataError.unauthenticated('令牌已过期 (the token has expired)');
      if (error instanceof joseErrors.JWKSTimeout || (error as { code?: string }).code === 'ECONNREFUSED') {
        throw GovdataError.unavailable(
          '无法连接令牌签发方获取其密钥 (the token issuer cannot be reached to fetch its keys)',
        );
      }
      throw GovdataError.unauthenticated(`令牌无效 (the token is not valid: ${(error as Error).message})`);
    }
  }

  /** Forgets the cached "not revoked" answers: this process has just revoked something. */
  forgetAccepted(): void {
    this.notRevoked.clear();
  }

  private async assertNotRevoked(token: { issuer: string; subject: string; jti: string; issuedAt: number }) {
    if (!this.revocations) return;
    const now = Date.now();
    if ((this.notRevoked.get(token.jti) ?? 0) > now) return;
    let revoked: boolean;
    try {
      revoked = await this.revocations.isRevoked(token);
    } catch {
      throw GovdataError.unavailable(
        '无法读取令牌吊销列表（Redis），暂不接受任何令牌，请稍后重试 (the token revocation list (Redis) cannot be read, so no token is accepted for now; try again shortly)',
      );
    }
    if (revoked) throw GovdataError.unauthenticated('the token has been revoked (令牌已被吊销，请重新登录)');
    if (this.notRevoked.size >= REVOCATION_CACHE_MAX) this.notRevoked.clear();
    this.notRevoked.set(token.jti, now + REVOCATION_CACHE_MS);
  }
}

function unverifiedIssuer(token: string): string | undefined {
  const [, body] = token.split('.');
  if (!body) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

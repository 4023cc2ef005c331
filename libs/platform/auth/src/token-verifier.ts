import { GovdataError } from '@govdata/platform-errors';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ROLES, TOKEN_AUDIENCE, type GovdataClaims, type Principal, type Role } from './principal.js';

export interface TrustedIssuer {
  issuer: string;
  jwksUri: string;
}

/** The JWKS URL the gateway publishes for an issuer. */
export function jwksUriFor(issuer: string): string {
  return `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`;
}

/**
 * Verifies access tokens in the service itself: signature against the issuer's published JWKS,
 * issuer, audience and expiry. Keys are cached and refetched when an unknown key id appears.
 */
export class TokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(issuers: TrustedIssuer[]) {
    for (const { issuer, jwksUri } of issuers) {
      this.keySets.set(
        issuer,
        createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000, timeoutDuration: 3_000 }),
      );
    }
  }

  async verify(token: string): Promise<Principal> {
    const issuer = unverifiedIssuer(token);
    const keys = issuer ? this.keySets.get(issuer) : undefined;
    if (!keys) throw GovdataError.unauthenticated('the token was not issued by a trusted issuer');
    try {
      const { payload } = await jwtVerify<GovdataClaims>(token, keys, {
        issuer,
        audience: TOKEN_AUDIENCE,
        clockTolerance: 5,
      });
      const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role =>
        (ROLES as readonly string[]).includes(r),
      );
      if (!payload.sub || !payload.org || !payload.node || (payload.kind !== 'user' && payload.kind !== 'service')) {
        throw GovdataError.unauthenticated('the token lacks the sub, org, node or kind claim');
      }
      return {
        subject: payload.sub,
        kind: payload.kind,
        organisationId: payload.org,
        nodeCode: payload.node,
        roles,
        name: payload.name,
      };
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw GovdataError.unauthenticated('the token has expired');
      if (error instanceof joseErrors.JWKSTimeout || (error as { code?: string }).code === 'ECONNREFUSED') {
        throw GovdataError.unavailable('the token issuer cannot be reached to fetch its keys');
      }
      throw GovdataError.unauthenticated(`the token is not valid: ${(error as Error).message}`);
    }
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

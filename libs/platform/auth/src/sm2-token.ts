import type { KeyObject } from 'node:crypto';
import { GovdataError } from '@govdata/platform-errors';
import { jwsHeader, SM2_JWS_ALG, sm2KeyFromJwk, verifySm2Jws } from '@govdata/platform-crypto';
import type { JWTPayload } from 'jose';
import type { GovdataClaims } from './principal.js';

/** As jose's remote JWKS: an unknown key id refetches at most this often. */
const REFETCH_COOLDOWN_MS = 30_000;
const FETCH_TIMEOUT_MS = 3_000;
const CLOCK_TOLERANCE_S = 5;

/** Whether a token is a JWS signed with SM2 (the 国密 profile), which `jose` cannot verify. */
export function isSm2Token(token: string): boolean {
  return jwsHeader(token)?.['alg'] === SM2_JWS_ALG;
}

/** The SM2 keys (`crv: SM2`) an issuer publishes in its JWKS, fetched on demand and cached by `kid`. */
export class Sm2IssuerKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private fetching?: Promise<void>;

  constructor(private readonly jwksUri: string) {}

  async key(kid: string): Promise<KeyObject | undefined> {
    if (!this.keys.has(kid) && Date.now() - this.fetchedAt >= REFETCH_COOLDOWN_MS) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.fetching ??= this.fetchKeys().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchKeys(): Promise<void> {
    let body: unknown;
    try {
      const response = await fetch(this.jwksUri, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw GovdataError.unavailable(
        `无法连接令牌签发方获取其密钥 (the token issuer cannot be reached to fetch its keys (${(error as Error).message}))`,
      );
    }
    const keys = new Map<string, KeyObject>();
    for (const jwk of ((body as { keys?: unknown } | null)?.keys ?? []) as unknown[]) {
      const { crv, kid } = (jwk ?? {}) as { crv?: unknown; kid?: unknown };
      if (crv !== 'SM2' || typeof kid !== 'string') continue;
      try {
        keys.set(kid, sm2KeyFromJwk({ ...(jwk as object), d: undefined }));
      } catch {
        // A malformed key is not one any token can be verified with; the others still count.
      }
    }
    this.keys = keys;
    this.fetchedAt = Date.now();
  }
}

/**
 * Verifies an SM2-signed access token as `jwtVerify` does an ES256 one: the signature with the
 * issuer's published key of the header's `kid`, then issuer, audience, expiry and not-before (5 s
 * tolerance). The caller checks the govdata claims as for any token.
 */
export async function verifySm2Token(
  token: string,
  keys: Sm2IssuerKeys,
  expected: { issuer: string; audience: string },
): Promise<JWTPayload & Partial<GovdataClaims>> {
  const kid = jwsHeader(token)?.['kid'];
  if (typeof kid !== 'string')
    throw GovdataError.unauthenticated('令牌无效：令牌头没有 kid (the token is not valid: its header has no kid)');
  const key = await keys.key(kid);
  if (!key)
    throw GovdataError.unauthenticated(
      '令牌无效：签发方未公布该 kid 的 SM2 密钥 (the token is not valid: its issuer publishes no SM2 key of that kid)',
    );
  const payload = verifySm2Jws(token, key) as (JWTPayload & Partial<GovdataClaims>) | undefined;
  if (!payload)
    throw GovdataError.unauthenticated(
      '令牌无效：签名验证失败 (the token is not valid: signature verification failed)',
    );
  const now = Math.floor(Date.now() / 1000);
  if (payload.iss !== expected.issuer)
    throw GovdataError.unauthenticated('令牌无效："iss" 不符 (the token is not valid: unexpected "iss")');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(expected.audience)) {
    throw GovdataError.unauthenticated('令牌无效："aud" 不符 (the token is not valid: unexpected "aud")');
  }
  if (typeof payload.exp !== 'number')
    throw GovdataError.unauthenticated('令牌无效：缺少 "exp" (the token is not valid: no "exp")');
  if (payload.exp <= now - CLOCK_TOLERANCE_S) throw GovdataError.unauthenticated('令牌已过期 (the token has expired)');
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now + CLOCK_TOLERANCE_S)) {
    throw GovdataError.unauthenticated('令牌无效："nbf" 晚于当前时间 (the token is not valid: "nbf" is in the future)');
  }
  return payload;
}

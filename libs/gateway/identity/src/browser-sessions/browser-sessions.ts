import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { NODE_CONFIG } from '@govdata/platform-service';
import { decodeJwt } from 'jose';
import { TokenService } from '../auth/token.service.js';
import type { TokenResponse } from '../auth/token.dto.js';
import { Sessions } from '../sessions/sessions.js';
import { BrowserSessionStore, type BrowserSession } from './browser-session.store.js';

/** A session's token is renewed once less than this share of its life is left. */
const RENEW_WHEN_LEFT = 1 / 3;

/**
 * 门户会话 — the gateway as backend-for-frontend: a person signs in on the gateway's page, the
 * browser holds only an opaque cookie, and the gateway keeps the access token server-side, adding
 * it to the browser's API requests. A session ends after `identity.sessionIdleSeconds` without a
 * request, `identity.sessionMaxSeconds` after sign-in, at sign-out, and when its subject is cut off
 * (`Sessions.endAll`) or its account can no longer sign in.
 */
@Injectable()
export class BrowserSessions {
  private readonly idleMs: number;
  private readonly maxMs: number;
  private readonly renewWithinMs: number;

  constructor(
    @Inject(NODE_CONFIG) config: NodeConfig,
    private readonly store: BrowserSessionStore,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
  ) {
    this.idleMs = config.identity.sessionIdleSeconds * 1000;
    this.maxMs = config.identity.sessionMaxSeconds * 1000;
    this.renewWithinMs = config.identity.accessTokenTtlSeconds * 1000 * RENEW_WHEN_LEFT;
  }

  /** Signs in with the password grant's checks and throttling, and opens a session: its new id. */
  async open(username: string, password: string, address: string): Promise<string> {
    const { subject, token } = await this.tokens.signIn(username, password, address);
    const id = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session: BrowserSession = { subject, ...holding(token, now), createdAt: now, lastSeenAt: now };
    await reachable(() => this.store.create(id, session, this.lifeLeft(session, now)));
    return id;
  }

  /**
   * The access token for a request carrying this session's cookie — renewed when it nears its end —
   * and the idle timeout restarted; undefined when the session has ended.
   */
  async tokenFor(id: string): Promise<string | undefined> {
    const session = await reachable(() => this.store.find(id));
    if (!session) return undefined;
    const now = Date.now();
    const left = this.lifeLeft(session, now);
    if (left <= 0) return this.end(id, session);
    let current: BrowserSession = { ...session, lastSeenAt: now };
    if (session.tokenExpiresAt - now < this.renewWithinMs) {
      const renewed = await this.tokens.renewForUser(session.subject);
      // The account can no longer sign in (deactivated, its organisation too, or gone): the session ends.
      if (!renewed) return this.end(id, session);
      current = { ...current, ...holding(renewed, now) };
    }
    return (await reachable(() => this.store.update(id, current, left))) ? current.token : undefined;
  }

  /** 退出登录 — ends the session and revokes its token at every service of the node. */
  async close(id: string): Promise<void> {
    const session = await reachable(() => this.store.find(id));
    if (!session) return;
    await reachable(() => this.store.delete(id, session.subject));
    const claims = decodeJwt(session.token);
    await this.sessions.revokeToken(claims.jti!, claims.sub!, claims.exp!);
  }

  private async end(id: string, session: BrowserSession): Promise<undefined> {
    await reachable(() => this.store.delete(id, session.subject));
    return undefined;
  }

  /** Until the idle timeout, or the end of the session's lifetime if sooner (ms; ≤ 0: ended). */
  private lifeLeft(session: BrowserSession, now: number): number {
    return Math.min(this.idleMs, session.createdAt + this.maxMs - now);
  }
}

function holding(token: TokenResponse, now: number): Pick<BrowserSession, 'token' | 'tokenExpiresAt'> {
  return { token: token.access_token, tokenExpiresAt: now + token.expires_in * 1000 };
}

/** Without Redis there are no sessions: 503 saying so, not a 500. */
async function reachable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GovdataError) throw error;
    throw GovdataError.unavailable(
      'portal sessions are unavailable: their store (Redis) cannot be reached; try again shortly (门户会话暂不可用，请稍后再试)',
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { TOKEN_VERIFIER, type TokenVerifier } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import type { RedisTokenRevocations } from '@govdata/platform-redis';
import { NODE_CONFIG } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { BrowserSessionStore } from '../browser-sessions/browser-session.store.js';
import { SessionRepository, type CutoffReason } from './session.repository.js';

export const TOKEN_REVOCATIONS = Symbol('TOKEN_REVOCATIONS');

/** Token-verifier clock tolerance plus a margin: a cutoff is kept this much longer than a token lives. */
const CUTOFF_MARGIN_SECONDS = 60;

/**
 * 会话吊销 — ends sessions of this node's issuer: one token (sign-out) or every token of a subject
 * issued so far. Written to PostgreSQL (durable) and to the node's revocation list in Redis, which
 * every service's TokenVerifier reads. Callers pass their transaction: the Redis write comes last in
 * it, so a change that could not be made effective is rolled back (503) rather than half done.
 */
@Injectable()
export class Sessions {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(TOKEN_REVOCATIONS) private readonly revocations: RedisTokenRevocations,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly dataSource: DataSource,
    private readonly repository: SessionRepository,
    private readonly browserSessions: BrowserSessionStore,
  ) {}

  private get issuer(): string {
    return this.config.identity.issuer;
  }

  /** Revokes one token of this node's issuer by its `jti`. */
  async revokeToken(jti: string, subject: string, expiresAtSeconds: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.repository.revokeToken(manager, jti, subject, new Date(expiresAtSeconds * 1000));
      await this.effective(() => this.revocations.revokeToken(jti, expiresAtSeconds));
    });
    this.verifier.forgetAccepted();
  }

  /** Refuses every token of `subject` issued until now, and ends the subject's portal sessions. */
  async endAll(manager: EntityManager, subject: string, reason: CutoffReason): Promise<void> {
    const now = Date.now();
    await this.repository.cutOff(manager, subject, new Date(now), reason);
    await this.effective(() => this.revocations.revokeSubject(this.issuer, subject, now, this.cutoffTtlSeconds()));
    // Or a session would renew its token once the cutoff above has expired from Redis.
    await this.effective(() => this.browserSessions.deleteAllOf(subject));
    this.verifier.forgetAccepted();
  }

  /**
   * The `iat` (seconds) for a token issued now: tokens carry whole seconds, so right after a cutoff
   * a new token is dated at the next second, or it would be refused with the ones it replaces.
   */
  async issuedAtFor(subject: string, now: number): Promise<number> {
    const notBefore = await this.effective(() => this.revocations.notBefore(this.issuer, subject));
    const seconds = Math.floor(now / 1000);
    return notBefore !== undefined && seconds * 1000 < notBefore ? Math.ceil(notBefore / 1000) : seconds;
  }

  /** Puts the live revocations back into Redis (it may have restarted empty). */
  async restore(logger: Logger): Promise<void> {
    try {
      const since = new Date(Date.now() - this.cutoffTtlSeconds() * 1000);
      const { tokens, cutoffs } = await this.repository.live(this.dataSource.manager, since);
      for (const t of tokens) await this.revocations.revokeToken(t.jti, Math.floor(t.expiresAt.getTime() / 1000));
      for (const c of cutoffs) {
        const left = Math.ceil((c.notBefore.getTime() - since.getTime()) / 1000);
        await this.revocations.revokeSubject(this.issuer, c.subject, c.notBefore.getTime(), left);
      }
      if (tokens.length + cutoffs.length > 0) {
        logger.info({ tokens: tokens.length, cutoffs: cutoffs.length }, 'token revocations restored to redis');
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not restore token revocations to redis; they are restored on the next start');
    }
  }

  private cutoffTtlSeconds(): number {
    return this.config.identity.accessTokenTtlSeconds + CUTOFF_MARGIN_SECONDS;
  }

  private async effective<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      throw GovdataError.unavailable(
        '无法连接令牌吊销列表（Redis），暂时无法结束会话；未做任何更改，请稍后重试 (the token revocation list (Redis) cannot be reached, so sessions cannot be ended now; nothing was changed, try again shortly)',
      );
    }
  }
}

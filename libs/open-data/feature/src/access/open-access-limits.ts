import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { RedisRateLimiter, type GovdataRedis } from '@govdata/platform-redis';
import { NODE_CONFIG, REDIS } from '@govdata/platform-service';
import type { Request } from 'express';
import type { CallerClass } from '../people/open-account.js';
import { OpenCallers, type OpenCaller } from '../people/open-callers.js';
import { PeopleRule } from '../people/people.exception.js';

/**
 * What a visitor may do, per class of user (用户类别): anonymous visitors are counted by their
 * address, registered and real-name (实名) people by their account — heavier use needs real name.
 */
export const OPEN_ACCESS_LIMITS = {
  anonymous: {
    /** Table pages (preview, queries, datastore_search). */
    rows: { limit: 600, windowSeconds: 60 },
    /** Whole-table downloads (files and live streams). */
    downloads: { limit: 60, windowSeconds: 3_600 },
  },
  registered: {
    rows: { limit: 1_200, windowSeconds: 60 },
    downloads: { limit: 120, windowSeconds: 3_600 },
  },
  realName: {
    rows: { limit: 6_000, windowSeconds: 60 },
    downloads: { limit: 600, windowSeconds: 3_600 },
  },
} as const satisfies Record<CallerClass, Record<string, { limit: number; windowSeconds: number }>>;
export type OpenAccess = keyof (typeof OPEN_ACCESS_LIMITS)['anonymous'];

const CLASS_LABELS: Readonly<Record<CallerClass, string>> = {
  anonymous: '匿名访问',
  registered: '注册用户',
  realName: '实名用户',
};

/**
 * 访问频率 — limits on reading open data per class of user, shared by every replica of the service
 * (a sliding window in Redis). Anonymous visitors are told apart by the address the node's gateway
 * saw: the last entry of X-Forwarded-For (the gateway appends it; entries before it are the
 * client's own claims).
 */
@Injectable()
export class OpenAccessLimits {
  constructor(
    private readonly limiter: RedisRateLimiter,
    private readonly callers: OpenCallers,
    @Inject(REDIS) private readonly redis: GovdataRedis,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /**
   * Counts one read by the caller of `req` (an API key's application, a signed-in person, or the
   * address) against its class's limit, and an API key's read against the key's daily quota.
   */
  async admit(req: Request, access: OpenAccess): Promise<void> {
    const caller = await this.callers.resolve(req);
    if (caller.apiKey) await this.countApiKey(caller.apiKey.id, caller.apiKey.dailyQuota);
    const { limit, windowSeconds } = OPEN_ACCESS_LIMITS[caller.class][access];
    const who = caller.account ? `account:${caller.account.id}` : clientAddress(req);
    const decision = await this.limiter.hit(`open-data:${access}:${who}`, limit, windowSeconds);
    if (decision.allowed) return;
    const what = access === 'rows' ? '数据查询' : '下载';
    const label = CLASS_LABELS[caller.class];
    throw new GovdataError(
      ErrorCode.TooManyRequests,
      `${what}过于频繁：${label}每 ${windowSeconds >= 3_600 ? `${windowSeconds / 3_600} 小时` : `${windowSeconds} 秒`}最多 ${limit} 次，请 ${decision.retryAfterSeconds} 秒后再试 (over the ${caller.class} limit of ${limit} ${access} per ${windowSeconds} s; retry in ${decision.retryAfterSeconds} s)`,
      [],
      { retryAfterSeconds: Math.max(1, decision.retryAfterSeconds), callerClass: caller.class },
    );
  }

  /** The class and its limits, as the caller of `req` is counted. */
  async classOf(req: Request): Promise<OpenCaller['class']> {
    return (await this.callers.resolve(req)).class;
  }

  /** Reads by an API key today (UTC day). */
  async apiKeyUsage(keyId: string, day = utcDay()): Promise<number> {
    return Number((await this.redis.get(this.usageKey(keyId, day))) ?? 0);
  }

  /** An API key's quota is per UTC day: a counter per key and day, kept two days. */
  private async countApiKey(keyId: string, dailyQuota: number): Promise<void> {
    const key = this.usageKey(keyId, utcDay());
    const used = await this.redis.incr(key);
    if (used === 1) await this.redis.expire(key, 2 * 86_400);
    if (used <= dailyQuota) return;
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    const retryAfterSeconds = Math.max(1, Math.ceil((midnight.getTime() - Date.now()) / 1000));
    throw new GovdataError(
      ErrorCode.TooManyRequests,
      `API 密钥今日配额（${dailyQuota} 次）已用完，请明日再试 (the key's daily quota of ${dailyQuota} is spent; it renews at 00:00 UTC)`,
      [],
      { retryAfterSeconds, reason: PeopleRule.ApiKeyQuota },
    );
  }

  private usageKey(keyId: string, day: string): string {
    return `${this.config.redis.keyPrefix}open-data:api-key-usage:${keyId}:${day}`;
  }
}

function utcDay(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The visitor's address as the gateway saw it. */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim());
  const last = list.filter(Boolean).at(-1);
  return last ?? req.socket.remoteAddress ?? 'unknown';
}

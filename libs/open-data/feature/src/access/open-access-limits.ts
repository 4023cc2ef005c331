import { Injectable } from '@nestjs/common';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { RedisRateLimiter } from '@govdata/platform-redis';
import type { Request } from 'express';

/** What a visitor may do, per class of user: anonymous visitors are counted by their address. */
export const OPEN_ACCESS_LIMITS = {
  anonymous: {
    /** Table pages (preview, queries, datastore_search). */
    rows: { limit: 600, windowSeconds: 60 },
    /** Whole-table downloads (files and live streams). */
    downloads: { limit: 60, windowSeconds: 3_600 },
  },
} as const;
export type OpenAccess = keyof (typeof OPEN_ACCESS_LIMITS)['anonymous'];

/**
 * 访问频率 — limits on reading open data per class of user, shared by every replica of the service
 * (a sliding window in Redis). Anonymous visitors are told apart by the address the node's gateway
 * saw: the last entry of X-Forwarded-For (the gateway appends it; entries before it are the
 * client's own claims).
 */
@Injectable()
export class OpenAccessLimits {
  constructor(private readonly limiter: RedisRateLimiter) {}

  async admit(req: Request, access: OpenAccess): Promise<void> {
    const { limit, windowSeconds } = OPEN_ACCESS_LIMITS.anonymous[access];
    const decision = await this.limiter.hit(`open-data:${access}:${clientAddress(req)}`, limit, windowSeconds);
    if (decision.allowed) return;
    const what = access === 'rows' ? '数据查询' : '下载';
    throw new GovdataError(
      ErrorCode.TooManyRequests,
      `${what}过于频繁：匿名访问每 ${windowSeconds >= 3_600 ? `${windowSeconds / 3_600} 小时` : `${windowSeconds} 秒`}最多 ${limit} 次，请 ${decision.retryAfterSeconds} 秒后再试 (over the anonymous limit of ${limit} ${access} per ${windowSeconds} s; retry in ${decision.retryAfterSeconds} s)`,
      [],
      { retryAfterSeconds: Math.max(1, decision.retryAfterSeconds) },
    );
  }
}

/** The visitor's address as the gateway saw it. */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>): string {
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((s) => s.trim());
  const last = list.filter(Boolean).at(-1);
  return last ?? req.socket.remoteAddress ?? 'unknown';
}

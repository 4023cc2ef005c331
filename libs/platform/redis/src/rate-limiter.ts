import type { GovdataRedis } from './redis-client.js';

export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, including this one. */
  count: number;
  /** Seconds until the window resets. */
  retryAfterSeconds: number;
}

// Sliding window over a sorted set: drop entries older than the window, add this hit, count.
const SLIDING_WINDOW = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if oldest[2] == nil then return {0, count, math.ceil(window / 1000)} end
  return {0, count, math.ceil((tonumber(oldest[2]) + window - now) / 1000)}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return {1, count + 1, 0}
`;

/** A sliding-window rate limiter shared by every process of a node. */
export class RedisRateLimiter {
  constructor(
    private readonly client: GovdataRedis,
    private readonly prefix: string,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const now = Date.now();
    const [allowed, count, retry] = (await this.client.eval(SLIDING_WINDOW, {
      keys: [`${this.prefix}rate:${key}`],
      arguments: [String(now), String(windowSeconds * 1000), String(limit), `${now}:${Math.random()}`],
    })) as [number, number, number];
    return { allowed: allowed === 1, count, retryAfterSeconds: retry };
  }

  async reset(key: string): Promise<void> {
    await this.client.del(`${this.prefix}rate:${key}`);
  }
}

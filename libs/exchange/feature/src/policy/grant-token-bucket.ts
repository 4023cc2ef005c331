import { z } from 'zod';
import type { GovdataRedis } from '@govdata/platform-redis';
import { RedisScript } from './redis-script.js';

/** 调用频率 — a grant's rate: a bucket of `capacity` calls refilled at `refillPerSecond`. */
export const tokenBucketLimitSchema = z
  .object({
    /** The largest burst: calls admitted back to back from a full bucket. */
    capacity: z.number().int().min(1).max(1_000_000),
    /** Calls per second in the long run; fractions allowed (0.5 = one call every two seconds). */
    refillPerSecond: z.number().positive().max(1_000_000),
  })
  .strict();
export type TokenBucketLimit = z.infer<typeof tokenBucketLimitSchema>;

export interface TokenBucketDecision {
  allowed: boolean;
  /** Whole calls left in the bucket after this one. */
  remaining: number;
  /** When refused: milliseconds until enough has refilled for this call; 0 when allowed. */
  retryAfterMs: number;
}

/*
 * One atomic step on the bucket {tokens, at} at `now` (ms): refill for the time since `at`, take
 * `cost` when there is enough. Time is Redis's own (TIME), so every replica of the exchange and every
 * clock skew between them sees one clock; a clock that steps back refills nothing. The key expires
 * once a full refill has passed: an idle bucket is full, which is what a missing key means.
 * Returns allowed (1/0), the whole tokens left and, when refused, the ms until enough has refilled.
 */
export const TOKEN_BUCKET_LUA = `
local function take_token(key, capacity, rate, cost, now)
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens, at = tonumber(state[1]), tonumber(state[2])
  if tokens == nil or at == nil then
    tokens, at = capacity, now
  end
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
  local allowed, retry = 0, 0
  if tokens >= cost then
    tokens = tokens - cost
    allowed = 1
  else
    retry = math.ceil((cost - tokens) * 1000 / rate)
  end
  redis.call('HSET', key, 'tokens', string.format('%.6f', tokens), 'at', string.format('%.3f', now))
  redis.call('PEXPIRE', key, math.ceil(capacity * 1000 / rate) + 1000)
  return allowed, math.floor(tokens), retry
end
`;

const TAKE = new RedisScript(`${TOKEN_BUCKET_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
return {take_token(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), now)}
`);

/** The Redis key of a grant's bucket, in the grant's hash slot (with its quotas and version). */
export function bucketKey(prefix: string, grantId: string): string {
  return `${prefix}bucket:{${grantId}}`;
}

/**
 * 按授权限流 — a token bucket per grant in Redis, shared by every replica of the node's exchange.
 * Refusals carry the time until the call would be admitted (the 429's Retry-After).
 */
export class GrantTokenBucket {
  constructor(
    private readonly client: GovdataRedis,
    /** The node's key prefix plus the service's (`<node>:exchange:`). */
    private readonly prefix: string,
  ) {}

  async take(grantId: string, limit: TokenBucketLimit, cost = 1): Promise<TokenBucketDecision> {
    // The grant's rate was validated when the grant was made; a bad one here is a bug, not bad input.
    const { capacity, refillPerSecond } = tokenBucketLimitSchema.parse(limit);
    if (!Number.isInteger(cost) || cost < 1 || cost > capacity) {
      throw new RangeError(`a call costs a whole number of tokens between 1 and the capacity ${capacity}, not ${cost}`);
    }
    const [allowed, remaining, retryAfterMs] = (await TAKE.run(
      this.client,
      [this.key(grantId)],
      [String(capacity), String(refillPerSecond), String(cost)],
    )) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs };
  }

  /** Forgets the bucket (a grant revoked or its rate changed): the next call starts full. */
  async reset(grantId: string): Promise<void> {
    await this.client.del(this.key(grantId));
  }

  private key(grantId: string): string {
    return bucketKey(this.prefix, grantId);
  }
}

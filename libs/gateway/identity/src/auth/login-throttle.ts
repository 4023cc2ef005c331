import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { GovdataRedis } from '@govdata/platform-redis';
import { NODE_CONFIG, REDIS } from '@govdata/platform-service';

/**
 * Per client address the threshold is this many times `loginMaxFailures`: staff of a government
 * office usually share one egress address, and one person's typos must not slow down the building.
 */
export const PER_ADDRESS_FACTOR = 10;

/** The first delay once the threshold is reached; it doubles with each further failure. */
export const FIRST_DELAY_MS = 1_000;

// KEYS: pair count, pair delay, address count, address delay.
// ARGV: pair threshold, address threshold, longest delay (ms), memory (ms), now (ms).
// Counts a failure for (address, account) and for the address; past a threshold, sets a delay that
// doubles with every further failure, up to the longest. Returns the delay of the pair and the address.
const COUNT_FAILURE = `
local function count(countKey, delayKey, threshold, maxDelay, memory, now)
  local failures = redis.call('INCR', countKey)
  redis.call('PEXPIRE', countKey, memory)
  if failures < threshold then return 0 end
  local delay = math.floor(math.min(maxDelay, ${FIRST_DELAY_MS} * 2 ^ (failures - threshold)))
  redis.call('SET', delayKey, string.format('%d', now + delay), 'PX', delay)
  return delay
end
local maxDelay, memory, now = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
return {
  count(KEYS[1], KEYS[2], tonumber(ARGV[1]), maxDelay, memory, now),
  count(KEYS[3], KEYS[4], tonumber(ARGV[2]), maxDelay, memory, now),
}
`;

/**
 * 登录失败退避 — sign-in throttling shared by every gateway replica (Redis), which a stranger cannot
 * turn into a lock-out of someone else:
 *
 * - per (client address, account): after `loginMaxFailures` failures, each further attempt from that
 *   address must wait 1 s, 2 s, 4 s … (doubling, at most `loginLockSeconds`) — even with the right
 *   password, or the delay would not slow guessing down. A success clears the count.
 * - per client address, over all accounts: the same after `loginMaxFailures` × {@link PER_ADDRESS_FACTOR}
 *   failures (password spraying).
 * - failures are forgotten `loginLockSeconds` after the last one.
 *
 * The account is never locked as such: the right password from another address is accepted. The
 * address is the socket's peer, or the X-Forwarded-For entry added by a proxy listed in
 * `identity.trustedProxies`. Without Redis, sign-in is refused (503): checking passwords without
 * throttling would let anyone guess freely.
 */
@Injectable()
export class LoginThrottle {
  private readonly threshold: number;
  private readonly longestDelayMs: number;
  private readonly prefix: string;

  constructor(
    @Inject(NODE_CONFIG) config: NodeConfig,
    @Inject(REDIS) private readonly redis: GovdataRedis,
  ) {
    this.threshold = config.identity.loginMaxFailures;
    this.longestDelayMs = config.identity.loginLockSeconds * 1000;
    this.prefix = `${config.redis.keyPrefix}gateway:login:`;
  }

  /** Throws 429 while (address, account) or the address must wait, 503 without Redis. */
  async admit(account: string, address: string): Promise<void> {
    const [pair, wholeAddress] = await this.guard(() =>
      this.redis.mGet([this.key('pair-delay', address, account), this.key('address-delay', address)]),
    );
    const until = Math.max(Number(pair ?? 0), Number(wholeAddress ?? 0));
    const now = Date.now();
    if (until > now) throw tooManyFailures(Math.ceil((until - now) / 1000));
  }

  async succeeded(account: string, address: string): Promise<void> {
    await this.guard(() => this.redis.del(this.key('pair', address, account)));
  }

  async failed(account: string, address: string): Promise<void> {
    await this.guard(() =>
      this.redis.eval(COUNT_FAILURE, {
        keys: [
          this.key('pair', address, account),
          this.key('pair-delay', address, account),
          this.key('address', address),
          this.key('address-delay', address),
        ],
        arguments: [
          String(this.threshold),
          String(this.threshold * PER_ADDRESS_FACTOR),
          String(this.longestDelayMs),
          String(this.longestDelayMs),
          String(Date.now()),
        ],
      }),
    );
  }

  private key(kind: string, address: string, account?: string): string {
    return account === undefined ? `${this.prefix}${kind}:${address}` : `${this.prefix}${kind}:${address} ${account}`;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      throw GovdataError.unavailable(
        '暂时无法登录：无法连接登录限流存储（Redis），因此暂不校验密码，请稍后重试 (sign-in is unavailable: the login throttle store (Redis) cannot be reached, so passwords are not being checked; try again shortly)',
      );
    }
  }
}

function tooManyFailures(retryAfterSeconds: number): GovdataError {
  const seconds = Math.max(1, retryAfterSeconds);
  return new GovdataError(
    ErrorCode.TooManyRequests,
    `too many failed sign-in attempts from this address; try again in ${seconds} s (登录失败次数过多，请 ${seconds} 秒后再试)`,
    [],
    { retryAfterSeconds: seconds },
  );
}

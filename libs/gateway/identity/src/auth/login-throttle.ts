import { Inject, Injectable } from '@nestjs/common';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { RedisCache, RedisRateLimiter } from '@govdata/platform-redis';
import { NODE_CONFIG } from '@govdata/platform-service';

/**
 * Per client address the limit is this many times `loginMaxFailures`: staff of a government office
 * usually share one egress address, and one person's typos must not lock out the building.
 */
export const PER_ADDRESS_FACTOR = 10;

/**
 * 登錄失敗鎖定 — login throttling shared by every gateway replica (Redis).
 *
 * Per account (username or client id): every attempt is counted and a success clears the count, so
 * the count is the failures since the last success; after `loginMaxFailures` of them within
 * `loginLockSeconds` further attempts get 429 — even with the right password — until the window
 * has passed. Per client address only failures count. Without Redis, logins are refused (503):
 * checking passwords without throttling would let anyone guess freely.
 */
@Injectable()
export class LoginThrottle {
  private readonly maxFailures: number;
  private readonly windowSeconds: number;

  constructor(
    @Inject(NODE_CONFIG) config: NodeConfig,
    private readonly limiter: RedisRateLimiter,
    private readonly cache: RedisCache,
  ) {
    this.maxFailures = config.identity.loginMaxFailures;
    this.windowSeconds = config.identity.loginLockSeconds;
  }

  /** Counts an attempt on `account` from `address`; throws 429 when either is locked, 503 without Redis. */
  async admit(account: string, address: string): Promise<void> {
    const addressLock = await this.cache.get<{ until: number }>(addressLockKey(address));
    const now = Date.now();
    if (addressLock && addressLock.until > now) throw tooManyFailures(Math.ceil((addressLock.until - now) / 1000));
    const decision = await this.guard(() =>
      this.limiter.hit(accountKey(account), this.maxFailures, this.windowSeconds),
    );
    if (!decision.allowed) throw tooManyFailures(decision.retryAfterSeconds);
  }

  async succeeded(account: string): Promise<void> {
    await this.guard(() => this.limiter.reset(accountKey(account)));
  }

  async failed(address: string): Promise<void> {
    const limit = this.maxFailures * PER_ADDRESS_FACTOR;
    const decision = await this.guard(() => this.limiter.hit(addressKey(address), limit, this.windowSeconds));
    if (!decision.allowed || decision.count >= limit) {
      await this.cache.set(
        addressLockKey(address),
        { until: Date.now() + this.windowSeconds * 1000 },
        this.windowSeconds,
      );
    }
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof GovdataError) throw error;
      throw GovdataError.unavailable(
        'sign-in is unavailable: the login throttle store (Redis) cannot be reached, so passwords are not being checked; try again shortly',
      );
    }
  }
}

function tooManyFailures(retryAfterSeconds: number): GovdataError {
  const seconds = Math.max(1, retryAfterSeconds);
  return new GovdataError(
    ErrorCode.TooManyRequests,
    `too many failed sign-in attempts; try again in ${seconds} s (登錄失敗次數過多，請稍後再試)`,
    [],
    {
      retryAfterSeconds: seconds,
    },
  );
}

const accountKey = (account: string) => `login:account:${account}`;
const addressKey = (address: string) => `login:address:${address}`;
const addressLockKey = (address: string) => `login-lock:address:${address}`;

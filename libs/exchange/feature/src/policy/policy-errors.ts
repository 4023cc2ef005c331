import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import type { TokenBucketDecision } from './grant-token-bucket.js';
import type { QuotaDecision } from './grant-quota.js';

/**
 * 429 for a grant over its rate. `retryAfterSeconds` becomes the Retry-After header (whole seconds,
 * rounded up so a client that waits that long is admitted).
 */
export function rateLimitExceeded(grantId: string, decision: TokenBucketDecision): GovdataError {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return new GovdataError(
    ErrorCode.TooManyRequests,
    `grant ${grantId} is over its call rate; retry in ${seconds} s (超过授权调用频率)`,
    [],
    { retryAfterSeconds: seconds },
  );
}

/**
 * 429 for a grant whose quota is used up; Retry-After points at the end of the latest exhausted
 * period (Asia/Shanghai midnight), `now` being the caller's notion of the present.
 */
export function quotaExceeded(grantId: string, decision: QuotaDecision, now: Date): GovdataError {
  const full = decision.usage.filter((u) => u.used >= u.limit);
  // A call costing more than one can be refused by a quota that is not yet full.
  const exhausted = full.length > 0 ? full : decision.usage;
  const resetAt = Math.max(...exhausted.map((u) => u.resetAt.getTime()), now.getTime());
  const seconds = Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000));
  const which = exhausted.map((u) => `${u.period} ${u.label}: ${u.used}/${u.limit}`).join(', ');
  return new GovdataError(
    ErrorCode.TooManyRequests,
    `grant ${grantId} has used its quota (${which}) (超过授权调用配额)`,
    [],
    {
      retryAfterSeconds: seconds,
      quota: exhausted.map((u) => ({ ...u, resetAt: u.resetAt.toISOString() })),
    },
  );
}

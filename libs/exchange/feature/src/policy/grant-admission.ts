import type { ExchangeCallOutcome } from '@govdata/contracts';
import type { GovdataRedis } from '@govdata/platform-redis';
import { CallRefusal } from '../calls/call.exception.js';
import type { CallingParty } from '../calls/provider-call.js';
import { beijingDate, type Grant } from '../grants/grant.js';
import {
  QUOTA_LUA,
  QUOTA_REPLY_LUA,
  quotaKey,
  quotaUsage,
  type QuotaDecision,
  type QuotaLimit,
} from './grant-quota.js';
import { bucketKey, TOKEN_BUCKET_LUA, type TokenBucketDecision, type TokenBucketLimit } from './grant-token-bucket.js';
import { RedisScript } from './redis-script.js';

/**
 * 准入检查 — every check a call under a grant passes, in the order they are made: the grant itself
 * (who may call, and when), then the plan (a registered resource exposing the operation), then the
 * grant's limits in Redis (rate, then quota). The first failing check refuses the call; after the
 * last, the upstream is called and its answer keeps only the permitted items, masked by grade.
 */
export type GrantCheck =
  | 'grantee'
  | 'service-account'
  | 'not-revoked'
  | 'not-expired'
  | 'already-valid'
  | 'resource-registered'
  | 'operation-exposed'
  | 'rate'
  | 'quota';

/** What the grant checks look at: the grant's state and terms, who calls, and the Beijing date. */
export interface GrantFacts {
  grant: Pick<
    Grant,
    | 'id'
    | 'status'
    | 'consumerNode'
    | 'consumerOrganisationId'
    | 'serviceAccounts'
    | 'revokedReason'
    | 'validFrom'
    | 'validUntil'
  >;
  consumer: CallingParty;
  /** The Beijing calendar date of the call, `YYYY-MM-DD`. */
  today: string;
}

export interface AdmissionRule {
  check: GrantCheck;
  /** Where the check is made: on the grant's row, on the call plan, or in Redis. */
  stage: 'grant' | 'plan' | 'limits';
  refusal: CallRefusal;
  /** The HTTP status of the refusal and how it is logged. */
  status: 403 | 404 | 429 | 503;
  outcome: Extract<ExchangeCallOutcome, 'denied' | 'failed'>;
  /** For a grant check: whether the call fails it, and what the refused caller is told. */
  fails?: (facts: GrantFacts) => boolean;
  message?: (facts: GrantFacts) => string;
}

const clientIdOf = (consumer: CallingParty): string => consumer.subject.replace(/^service:/, '');

/** The checks of a call under a grant, in order (see {@link GrantCheck}). */
export const GRANT_ADMISSION_RULES: readonly AdmissionRule[] = [
  {
    check: 'grantee',
    stage: 'grant',
    refusal: CallRefusal.NotGrantee,
    status: 403,
    outcome: 'denied',
    fails: ({ grant, consumer }) =>
      grant.consumerNode !== consumer.node || grant.consumerOrganisationId !== consumer.organisationId,
    message: ({ grant, consumer }) =>
      `授权 ${grant.id} 不是授予节点 ${consumer.node} 的机构 ${consumer.organisationId} 的 (grant ${grant.id} was not made to organisation ${consumer.organisationId} of node ${consumer.node})`,
  },
  {
    check: 'service-account',
    stage: 'grant',
    refusal: CallRefusal.ServiceAccountNotGranted,
    status: 403,
    outcome: 'denied',
    fails: ({ grant, consumer }) =>
      grant.serviceAccounts.length > 0 && !grant.serviceAccounts.includes(clientIdOf(consumer)),
    message: ({ grant, consumer }) =>
      `服务账号 ${clientIdOf(consumer)} 不在授权 ${grant.id} 指定的服务账号之列 (service account ${clientIdOf(consumer)} is not among those grant ${grant.id} names)`,
  },
  {
    check: 'not-revoked',
    stage: 'grant',
    refusal: CallRefusal.GrantRevoked,
    status: 403,
    outcome: 'denied',
    fails: ({ grant }) => grant.status === 'revoked',
    message: ({ grant }) =>
      `授权 ${grant.id} 已被撤销 (grant ${grant.id} was revoked${grant.revokedReason ? `: ${grant.revokedReason}` : ''})`,
  },
  {
    check: 'not-expired',
    stage: 'grant',
    refusal: CallRefusal.GrantExpired,
    status: 403,
    outcome: 'denied',
    fails: ({ grant, today }) => grant.status === 'expired' || today > grant.validUntil,
    message: ({ grant }) =>
      `授权 ${grant.id} 已于 ${grant.validUntil} 后过期 (grant ${grant.id} expired after ${grant.validUntil})`,
  },
  {
    check: 'already-valid',
    stage: 'grant',
    refusal: CallRefusal.GrantNotYetValid,
    status: 403,
    outcome: 'denied',
    fails: ({ grant, today }) => today < grant.validFrom,
    message: ({ grant }) =>
      `授权 ${grant.id} 自 ${grant.validFrom} 起生效 (grant ${grant.id} is valid from ${grant.validFrom})`,
  },
  {
    check: 'resource-registered',
    stage: 'plan',
    refusal: CallRefusal.ResourceNotRegistered,
    status: 503,
    outcome: 'failed',
  },
  {
    check: 'operation-exposed',
    stage: 'plan',
    refusal: CallRefusal.OperationNotExposed,
    status: 404,
    outcome: 'denied',
  },
  { check: 'rate', stage: 'limits', refusal: CallRefusal.RateLimited, status: 429, outcome: 'denied' },
  { check: 'quota', stage: 'limits', refusal: CallRefusal.QuotaExceeded, status: 429, outcome: 'denied' },
];

/** The row of one check. */
export function admissionRule(check: GrantCheck): AdmissionRule {
  return GRANT_ADMISSION_RULES.find((rule) => rule.check === check)!;
}

/** The first grant check a call by `consumer` at `at` fails, with what the caller is told; null when none. */
export function grantRefusal(
  grant: GrantFacts['grant'],
  consumer: CallingParty,
  at: Date,
): { rule: AdmissionRule; message: string } | null {
  const facts: GrantFacts = { grant, consumer, today: beijingDate(at) };
  for (const rule of GRANT_ADMISSION_RULES) {
    if (rule.stage === 'grant' && rule.fails!(facts)) return { rule, message: rule.message!(facts) };
  }
  return null;
}

/** What a call under a grant may spend, checked when the grant's plan was made. */
export interface GrantLimits {
  rate: TokenBucketLimit;
  quotas: QuotaLimit[];
}

export type AdmissionDecision =
  /** The grant changed after the plan the call was checked against was read: read it again. */
  | { verdict: 'stale' }
  | { verdict: 'rate-limited'; rate: TokenBucketDecision }
  | { verdict: 'quota-exceeded'; rate: TokenBucketDecision; quota: QuotaDecision }
  | { verdict: 'admitted'; rate: TokenBucketDecision; quota: QuotaDecision };

/**
 * How long a raised version stays: longer than any plan is kept (a second) plus a transaction that
 * changes a grant takes to commit, so no plan read before the change outlives it.
 */
const VERSION_TTL_MS = 60_000;
/** The version of a change whose new version is not known here: every plan of the grant is stale. */
const UNKNOWN_VERSION = Number.MAX_SAFE_INTEGER;

/*
 * The grant's version first: a plan older than the latest change any process made is refused as
 * stale before anything is counted. Then the token bucket; then, only for a call the rate admits,
 * the quotas (a call refused by a quota has used its token, as a refused call uses the rate).
 * KEYS: version, bucket, quota per limit. ARGV: the plan's version ('' skips the check), capacity,
 * refill per second, then period and limit per quota.
 */
const ADMIT = new RedisScript(`${TOKEN_BUCKET_LUA}${QUOTA_LUA}${QUOTA_REPLY_LUA}
if ARGV[1] ~= '' then
  local latest = tonumber(redis.call('GET', KEYS[1]))
  if latest ~= nil and latest > tonumber(ARGV[1]) then return {-1} end
end
local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
local allowed, remaining, retry = take_token(KEYS[2], tonumber(ARGV[2]), tonumber(ARGV[3]), 1, now_us / 1000)
if allowed == 0 then return {0, remaining, retry} end
local keys, periods, limits = {}, {}, {}
for i = 3, #KEYS do
  keys[i - 2], periods[i - 2], limits[i - 2] = KEYS[i], ARGV[2 * i - 2], tonumber(ARGV[2 * i - 1])
end
local quota_allowed, rows = consume_quotas(keys, periods, limits, 1, math.floor(now_us / 1000))
return quota_reply({quota_allowed == 1 and 1 or 2, remaining, retry}, rows)
`);

/** Raises a grant's version, never lowers it; each raise restarts its lifetime. */
const RAISE_VERSION = new RedisScript(`
local latest = tonumber(redis.call('GET', KEYS[1]))
if latest == nil or latest < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
`);

/**
 * 准入 — whether a call under a grant goes ahead, in one round trip to Redis: the plan it was checked
 * against is still the grant's latest version (another replica may have revoked or changed it), the
 * grant's rate (token bucket) and its quotas. Every key of a grant shares its hash slot.
 */
export class GrantAdmission {
  constructor(
    private readonly client: GovdataRedis,
    /** The node's key prefix plus the service's (`<node>:exchange:`). */
    private readonly prefix: string,
  ) {}

  /**
   * Takes a token and counts the quotas for one call under version `version` of the grant (null:
   * the plan was just read, skip the check); `stale` when a later version exists.
   */
  async admit(grantId: string, version: number | null, limits: GrantLimits): Promise<AdmissionDecision> {
    const { rate, quotas } = limits;
    const reply = (await ADMIT.run(
      this.client,
      [
        this.versionKey(grantId),
        bucketKey(this.prefix, grantId),
        ...quotas.map((q) => quotaKey(this.prefix, grantId, q.period)),
      ],
      [
        version === null ? '' : String(version),
        String(rate.capacity),
        String(rate.refillPerSecond),
        ...quotas.flatMap((q) => [q.period, String(q.limit)]),
      ],
    )) as number[];
    const verdict = reply[0];
    if (verdict === -1) return { verdict: 'stale' };
    const decision: TokenBucketDecision = {
      allowed: verdict !== 0,
      remaining: Number(reply[1]),
      retryAfterMs: Number(reply[2]),
    };
    if (verdict === 0) return { verdict: 'rate-limited', rate: decision };
    const quota: QuotaDecision = { allowed: verdict === 1, usage: quotaUsage(quotas, reply, 3) };
    return verdict === 1
      ? { verdict: 'admitted', rate: decision, quota }
      : { verdict: 'quota-exceeded', rate: decision, quota };
  }

  /**
   * Tells every replica that the grant changed to `version` (null: to a version not known here):
   * their plans of an older version are stale from the next call on. Safe before the change commits
   * — a replica that reads the grant meanwhile gets the committed version, which stays stale for it.
   */
  async grantChanged(grantId: string, version: number | null): Promise<void> {
    await RAISE_VERSION.run(
      this.client,
      [this.versionKey(grantId)],
      [String(version ?? UNKNOWN_VERSION), String(VERSION_TTL_MS)],
    );
  }

  private versionKey(grantId: string): string {
    return `${this.prefix}grant:{${grantId}}:version`;
  }
}

import { z } from 'zod';
import type { GovdataRedis } from '@govdata/platform-redis';
import { RedisScript } from './redis-script.js';

export const QUOTA_PERIODS = ['day', 'month'] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

/** 调用配额 — at most `limit` calls per calendar day or month in Beijing time. */
export const quotaLimitSchema = z
  .object({
    period: z.enum(QUOTA_PERIODS),
    limit: z.number().int().min(1).max(1_000_000_000),
  })
  .strict();
export type QuotaLimit = z.infer<typeof quotaLimitSchema>;

export interface QuotaUsage {
  period: QuotaPeriod;
  /** The period counted, in Asia/Shanghai: `2025-03-01` for a day, `2025-03` for a month. */
  label: string;
  /** Calls counted in the period, including this one when it was admitted. */
  used: number;
  limit: number;
  /** When the period ends and the count starts again (Asia/Shanghai midnight). */
  resetAt: Date;
}

export interface QuotaDecision {
  /** True when every quota had room; then each was counted, else none was. */
  allowed: boolean;
  usage: QuotaUsage[];
}

/**
 * Calendar periods in Asia/Shanghai, computed from an instant in ms. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact. Days ↔ civil dates after H. Hinnant's
 * `civil_from_days` / `days_from_civil` (proleptic Gregorian). Exported so a test can run it alone.
 */
export const SHANGHAI_PERIOD_LUA = `
local function civil_from_days(z)
  z = z + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local d = doy - math.floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400
  if m <= 2 then y = y + 1 end
  return y, m, d
end
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = math.floor(y / 400)
  local yoe = y - era * 400
  local mp = m > 2 and m - 3 or m + 9
  local doy = math.floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + math.floor(yoe / 4) - math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end
local OFFSET = 8 * 3600
local function shanghai_period(now_ms, period)
  local days = math.floor((math.floor(now_ms / 1000) + OFFSET) / 86400)
  local y, m, d = civil_from_days(days)
  if period == 'day' then
    return string.format('%04d-%02d-%02d', y, m, d), ((days + 1) * 86400 - OFFSET) * 1000
  end
  local ny, nm = y, m + 1
  if nm == 13 then ny, nm = y + 1, 1 end
  return string.format('%04d-%02d', y, m), (days_from_civil(ny, nm, 1) * 86400 - OFFSET) * 1000
end
`;

/*
 * All of a grant's quotas in one step at `now` (ms): each key holds {period, used}; a stored period
 * other than the current one counts as zero. Only when every quota has room is each counted — a call
 * refused by the monthly quota does not use up the daily one. Keys expire when their period ends. A
 * cost of 0 reads. Returns allowed (1/0) and per quota {label, used, reset_at}.
 */
export const QUOTA_LUA = `${SHANGHAI_PERIOD_LUA}
local function consume_quotas(keys, periods, limits, cost, now)
  local allowed = 1
  local rows = {}
  for i, key in ipairs(keys) do
    local label, reset_at = shanghai_period(now, periods[i])
    local state = redis.call('HMGET', key, 'period', 'used')
    local used = 0
    if state[1] == label then used = tonumber(state[2]) or 0 end
    if used + cost > limits[i] then allowed = 0 end
    rows[i] = {label, used, reset_at}
  end
  for i, key in ipairs(keys) do
    if allowed == 1 and cost > 0 then
      rows[i][2] = rows[i][2] + cost
      redis.call('HSET', key, 'period', rows[i][1], 'used', tostring(rows[i][2]))
      redis.call('PEXPIREAT', key, tostring(rows[i][3]))
    end
  end
  return allowed, rows
end
`;

/** The reply of `consume_quotas` as a flat list after the verdict: label, used, reset_at per quota. */
export const QUOTA_REPLY_LUA = `
local function quota_reply(out, rows)
  for _, row in ipairs(rows) do
    table.insert(out, row[1])
    table.insert(out, row[2])
    table.insert(out, tostring(row[3]))
  end
  return out
end
`;

const CONSUME = new RedisScript(`${QUOTA_LUA}${QUOTA_REPLY_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local periods, limits = {}, {}
for i = 1, #KEYS do
  periods[i], limits[i] = ARGV[2 * i], tonumber(ARGV[2 * i + 1])
end
local allowed, rows = consume_quotas(KEYS, periods, limits, tonumber(ARGV[1]), now)
return quota_reply({allowed}, rows)
`);

/** A grant's quota limits, checked: at most one per period. */
export function parseQuotaLimits(limits: readonly QuotaLimit[]): QuotaLimit[] {
  const parsed = z.array(quotaLimitSchema).parse(limits);
  if (new Set(parsed.map((l) => l.period)).size !== parsed.length) {
    throw new RangeError(`a grant has at most one quota per period: ${parsed.map((l) => l.period).join(', ')}`);
  }
  return parsed;
}

/** The Redis key of a grant's quota for a period; one hash slot per grant ({…}). */
export function quotaKey(prefix: string, grantId: string, period: QuotaPeriod): string {
  return `${prefix}quota:{${grantId}}:${period}`;
}

/** The usage a quota reply lists from `offset` on, one entry per limit. */
export function quotaUsage(limits: readonly QuotaLimit[], reply: readonly unknown[], offset: number): QuotaUsage[] {
  return limits.map((l, i) => ({
    period: l.period,
    label: String(reply[offset + 3 * i]),
    used: Number(reply[offset + 1 + 3 * i]),
    limit: l.limit,
    resetAt: new Date(Number(reply[offset + 2 + 3 * i])),
  }));
}

/** 配额 — counted calls per grant and calendar period, shared by every replica of the exchange. */
export class GrantQuota {
  constructor(
    private readonly client: GovdataRedis,
    /** The node's key prefix plus the service's (`<node>:exchange:`). */
    private readonly prefix: string,
  ) {}

  /** Counts one call (or `cost`) against every quota of the grant, or none when any is used up. */
  async consume(grantId: string, limits: readonly QuotaLimit[], cost = 1): Promise<QuotaDecision> {
    if (!Number.isInteger(cost) || cost < 1) throw new RangeError(`a call costs a whole number ≥ 1, not ${cost}`);
    return this.run(grantId, limits, cost);
  }

  /** The current counts, without counting anything. */
  async usage(grantId: string, limits: readonly QuotaLimit[]): Promise<QuotaUsage[]> {
    return (await this.run(grantId, limits, 0)).usage;
  }

  /** Forgets the grant's counts (its quotas changed). */
  async reset(grantId: string): Promise<void> {
    await this.client.del(QUOTA_PERIODS.map((period) => this.key(grantId, period)));
  }

  private async run(grantId: string, limits: readonly QuotaLimit[], cost: number): Promise<QuotaDecision> {
    // The grant's quotas were validated when the grant was made; a bad one here is a bug, not bad input.
    const parsed = parseQuotaLimits(limits);
    if (parsed.length === 0) return { allowed: true, usage: [] };
    const reply = (await CONSUME.run(
      this.client,
      parsed.map((l) => this.key(grantId, l.period)),
      [String(cost), ...parsed.flatMap((l) => [l.period, String(l.limit)])],
    )) as [number, ...(string | number)[]];
    return { allowed: reply[0] === 1, usage: quotaUsage(parsed, reply, 1) };
  }

  private key(grantId: string, period: QuotaPeriod): string {
    return quotaKey(this.prefix, grantId, period);
  }
}

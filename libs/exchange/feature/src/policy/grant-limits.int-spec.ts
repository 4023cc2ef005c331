import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { ErrorCode } from '@govdata/platform-errors';
import { closeRedis, connectRedis, type GovdataRedis } from '@govdata/platform-redis';
import { TEST_REDIS_URL } from '@govdata/platform-testing';
import { GrantAdmission } from './grant-admission.js';
import { GrantQuota, SHANGHAI_PERIOD_LUA } from './grant-quota.js';
import { GrantTokenBucket } from './grant-token-bucket.js';
import { quotaExceeded, rateLimitExceeded } from './policy-errors.js';
import { RedisScript } from './redis-script.js';

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing wall time, `YYYY-MM-DD HH:mm:ss`. */
function beijing(instant: Date | number): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
}

describe('grant rate and quota limits against a real Redis', () => {
  let client: GovdataRedis;
  const prefix = `t${randomBytes(4).toString('hex')}:exchange:`;
  let bucket: GrantTokenBucket;
  let quota: GrantQuota;
  let admission: GrantAdmission;

  beforeAll(async () => {
    client = await connectRedis(TEST_REDIS_URL, pino({ level: 'silent' }));
    bucket = new GrantTokenBucket(client, prefix);
    quota = new GrantQuota(client, prefix);
    admission = new GrantAdmission(client, prefix);
  });

  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(keys);
    await closeRedis(client);
  });

  /** Moves a bucket's last refill back, as if `ms` had passed since. */
  async function age(grantId: string, ms: number): Promise<void> {
    const key = `${prefix}bucket:{${grantId}}`;
    const at = Number(await client.hGet(key, 'at'));
    await client.hSet(key, 'at', String(at - ms));
  }

  describe('token bucket per grant', () => {
    it('admits a burst up to the capacity, then refuses with the time until the next token', async () => {
      const limit = { capacity: 5, refillPerSecond: 0.1 };
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(await bucket.take('burst', limit));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false]);
      expect(decisions.map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
      expect(decisions.slice(0, 5).every((d) => d.retryAfterMs === 0)).toBe(true);
      // One token every 10 s: the refusal names a wait of at most that.
      const refused = decisions[5]!;
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);

      const error = rateLimitExceeded('burst', refused);
      expect(error.httpStatus).toBe(429);
      expect(error.code).toBe(ErrorCode.TooManyRequests);
      expect(error.extra['retryAfterSeconds']).toBe(Math.ceil(refused.retryAfterMs / 1000));
    });

    it('admits again once the Retry-After it named has passed', async () => {
      const limit = { capacity: 2, refillPerSecond: 20 };
      await bucket.take('wait', limit);
      await bucket.take('wait', limit);
      const refused = await bucket.take('wait', limit);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(50);
      await new Promise((r) => setTimeout(r, refused.retryAfterMs));
      expect((await bucket.take('wait', limit)).allowed).toBe(true);
    });

    it('refills at the configured rate and never beyond the capacity', async () => {
      const limit = { capacity: 10, refillPerSecond: 3 };
      for (let i = 0; i < 10; i++) await bucket.take('refill', limit);
      expect((await bucket.take('refill', limit)).allowed).toBe(false);

      await age('refill', 1_000); // three tokens back; this call takes one
      expect(await bucket.take('refill', limit)).toMatchObject({ allowed: true, remaining: 2 });

      await age('refill', 100_000);
      expect(await bucket.take('refill', limit)).toMatchObject({ allowed: true, remaining: 9 });
    });

    it('never admits more than the capacity to concurrent callers', async () => {
      const limit = { capacity: 50, refillPerSecond: 0.001 };
      const decisions = await Promise.all(Array.from({ length: 200 }, () => bucket.take('crowd', limit)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
      expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterMs > 0)).toBe(true);
    });

    it('keeps one bucket per grant, expiring once it would be full again', async () => {
      const limit = { capacity: 1, refillPerSecond: 0.5 };
      expect((await bucket.take('grant-a', limit)).allowed).toBe(true);
      expect((await bucket.take('grant-a', limit)).allowed).toBe(false);
      expect((await bucket.take('grant-b', limit)).allowed).toBe(true);
      // Full again after 2 s; the key lives that long plus a second's margin.
      const ttl = await client.pTTL(`${prefix}bucket:{grant-a}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(3_000);

      await bucket.reset('grant-a');
      expect((await bucket.take('grant-a', limit)).allowed).toBe(true);
    });

    it('refuses a malformed limit instead of guessing', async () => {
      await expect(bucket.take('bad', { capacity: 0, refillPerSecond: 1 })).rejects.toThrow();
      await expect(bucket.take('bad', { capacity: 1, refillPerSecond: 0 })).rejects.toThrow();
      await expect(bucket.take('bad', { capacity: 2, refillPerSecond: 1 }, 3)).rejects.toThrow(RangeError);
    });
  });

  describe('quota per grant and period (Asia/Shanghai)', () => {
    async function redisNow(): Promise<number> {
      const [seconds, micros] = (await client.sendCommand(['TIME'])) as [string, string];
      return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
    }

    it('counts calls in the Beijing day and refuses past the limit until midnight', async () => {
      const before = await redisNow();
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await quota.consume('daily', [{ period: 'day', limit: 3 }]));
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
      expect(decisions.map((d) => d.usage[0]!.used)).toEqual([1, 2, 3, 3]);

      const usage = decisions[3]!.usage[0]!;
      expect(usage).toMatchObject({ period: 'day', limit: 3, label: beijing(before).slice(0, 10) });
      // The next Beijing midnight: 00:00:00 there, later than now and at most a day away.
      expect(beijing(usage.resetAt)).toMatch(/ 00:00:00$/);
      expect(usage.resetAt.getTime()).toBeGreaterThan(before);
      expect(usage.resetAt.getTime() - before).toBeLessThanOrEqual(86_400_000);
      expect(beijing(usage.resetAt.getTime() - 1).slice(0, 10)).toBe(usage.label);
      expect(await client.pExpireTime(`${prefix}quota:{daily}:day`)).toBe(usage.resetAt.getTime());

      const error = quotaExceeded('daily', decisions[3]!, new Date(before));
      expect(error.httpStatus).toBe(429);
      expect(error.extra['retryAfterSeconds']).toBe(Math.ceil((usage.resetAt.getTime() - before) / 1000));
    });

    it('counts a call against every quota or none: a refusal by the day leaves the month alone', async () => {
      const limits = [
        { period: 'day' as const, limit: 2 },
        { period: 'month' as const, limit: 5 },
      ];
      await quota.consume('both', limits);
      await quota.consume('both', limits);
      const refused = await quota.consume('both', limits);
      expect(refused.allowed).toBe(false);
      expect(refused.usage.map((u) => [u.period, u.used])).toEqual([
        ['day', 2],
        ['month', 2],
      ]);
      const month = refused.usage[1]!;
      expect(beijing(month.resetAt)).toMatch(/-01 00:00:00$/);
      expect(beijing(month.resetAt.getTime() - 1).slice(0, 7)).toBe(month.label);
      expect(await quota.usage('both', limits)).toEqual(refused.usage);
    });

    it('starts from zero in a new period whatever the last one used', async () => {
      await client.hSet(`${prefix}quota:{rolled}:month`, { period: '2000-01', used: '999' });
      const decision = await quota.consume('rolled', [{ period: 'month', limit: 10 }]);
      expect(decision.allowed).toBe(true);
      expect(decision.usage[0]!.used).toBe(1);
      expect(decision.usage[0]!.label).not.toBe('2000-01');
    });

    it('admits exactly the limit to concurrent callers', async () => {
      const decisions = await Promise.all(
        Array.from({ length: 100 }, () => quota.consume('crowd', [{ period: 'day', limit: 30 }])),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(30);
      expect(Math.max(...decisions.map((d) => d.usage[0]!.used))).toBe(30);
    });

    it('finds Beijing days and months across month ends, leap days and years', async () => {
      const periods = new RedisScript(`${SHANGHAI_PERIOD_LUA}
local out = {}
for i = 1, #ARGV do
  local day, day_reset = shanghai_period(tonumber(ARGV[i]), 'day')
  local month, month_reset = shanghai_period(tonumber(ARGV[i]), 'month')
  table.insert(out, day); table.insert(out, tostring(day_reset))
  table.insert(out, month); table.insert(out, tostring(month_reset))
end
return out`);
      const fixed = [
        '2024-02-29T15:59:59.999Z', // 23:59:59.999 on 29 February (leap year) in Beijing
        '2024-02-29T16:00:00.000Z', // 1 March
        '2024-12-31T15:59:59.999Z',
        '2024-12-31T16:00:00.000Z', // New Year in Beijing, still 31 December in UTC
        '2023-02-28T16:00:00.000Z',
        '2100-02-28T16:00:00.000Z', // 2100 is not a leap year
        '2000-02-28T16:00:00.000Z', // 2000 is
      ].map((s) => Date.parse(s));
      // …and random instants from 1992 (after China's last daylight saving) to 2100.
      const random = Array.from({ length: 300 }, () =>
        Math.floor(Date.UTC(1992, 0, 1) + Math.random() * (Date.UTC(2100, 0, 1) - Date.UTC(1992, 0, 1))),
      );
      const instants = [...fixed, ...random];
      const reply = (await periods.run(client, [], instants.map(String))) as string[];
      instants.forEach((instant, i) => {
        const [day, dayReset, month, monthReset] = reply.slice(4 * i, 4 * i + 4);
        const label = beijing(instant);
        expect(day, new Date(instant).toISOString()).toBe(label.slice(0, 10));
        expect(month).toBe(label.slice(0, 7));
        expect(beijing(Number(dayReset))).toMatch(/ 00:00:00$/);
        expect(beijing(Number(dayReset) - 1).slice(0, 10)).toBe(day);
        expect(beijing(Number(monthReset))).toMatch(/-01 00:00:00$/);
        expect(beijing(Number(monthReset) - 1).slice(0, 7)).toBe(month);
      });
      expect(reply.slice(0, 8)).toEqual([
        '2024-02-29',
        String(Date.parse('2024-02-29T16:00:00Z')),
        '2024-02',
        String(Date.parse('2024-02-29T16:00:00Z')),
        '2024-03-01',
        String(Date.parse('2024-03-01T16:00:00Z')),
        '2024-03',
        String(Date.parse('2024-03-31T16:00:00Z')),
      ]);
      expect(reply.slice(12, 16)).toEqual([
        '2025-01-01',
        String(Date.parse('2025-01-01T16:00:00Z')),
        '2025-01',
        String(Date.parse('2025-01-31T16:00:00Z')),
      ]);
      expect(reply[20]).toBe('2100-03-01');
      expect(reply[24]).toBe('2000-02-29');
    });
  });

  describe('admission: version, rate and quota in one round trip', () => {
    const limits = {
      rate: { capacity: 2, refillPerSecond: 0.001 },
      quotas: [{ period: 'day' as const, limit: 3 }],
    };

    it('takes a token and counts the quota of the same bucket and counters as the separate steps', async () => {
      const first = await admission.admit('adm-1', 1, limits);
      expect(first).toMatchObject({ verdict: 'admitted', rate: { allowed: true, remaining: 1 } });
      expect(first.verdict === 'admitted' && first.quota.usage[0]).toMatchObject({ period: 'day', used: 1, limit: 3 });
      expect(await bucket.take('adm-1', limits.rate)).toMatchObject({ allowed: true, remaining: 0 });
      expect((await quota.usage('adm-1', limits.quotas))[0]!.used).toBe(1);

      // The bucket is empty: refused by the rate, with the quota left as it was.
      const refused = await admission.admit('adm-1', 1, limits);
      expect(refused.verdict).toBe('rate-limited');
      expect(refused.verdict === 'rate-limited' && refused.rate.retryAfterMs).toBeGreaterThan(0);
      expect((await quota.usage('adm-1', limits.quotas))[0]!.used).toBe(1);
    });

    it('refuses by the quota once it is used up (the token is spent, as a refused call spends it)', async () => {
      const roomy = { rate: { capacity: 10, refillPerSecond: 0.001 }, quotas: limits.quotas };
      const verdicts = [];
      for (let i = 0; i < 4; i++) verdicts.push((await admission.admit('adm-2', 1, roomy)).verdict);
      expect(verdicts).toEqual(['admitted', 'admitted', 'admitted', 'quota-exceeded']);
      expect((await bucket.take('adm-2', roomy.rate)).remaining).toBe(5);
    });

    it('calls a plan stale once any replica raised the grant version, without counting anything', async () => {
      const roomy = { rate: { capacity: 10, refillPerSecond: 0.001 }, quotas: [] };
      expect((await admission.admit('adm-3', 4, roomy)).verdict).toBe('admitted');
      await admission.grantChanged('adm-3', 5);
      expect(await admission.admit('adm-3', 4, roomy)).toEqual({ verdict: 'stale' });
      expect((await admission.admit('adm-3', 5, roomy)).verdict).toBe('admitted');
      // A plan just read from the database skips the check (a change still being committed).
      expect((await admission.admit('adm-3', null, roomy)).verdict).toBe('admitted');
      // Versions only go up; a late, older change does not make version 5 acceptable to 4 again.
      await admission.grantChanged('adm-3', 3);
      expect(await admission.admit('adm-3', 4, roomy)).toEqual({ verdict: 'stale' });
      expect((await bucket.take('adm-3', roomy.rate)).remaining).toBe(6);
      // A change whose version is unknown makes every plan of the grant stale, for a while.
      await admission.grantChanged('adm-3', null);
      expect(await admission.admit('adm-3', 1_000_000, roomy)).toEqual({ verdict: 'stale' });
      const ttl = await client.pTTL(`${prefix}grant:{adm-3}:version`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    });
  });

  it('runs a script Redis has not cached by sending its body, then by its SHA', async () => {
    const script = new RedisScript(`return '${randomBytes(8).toString('hex')}' .. ARGV[1]`);
    const [before] = (await client.sendCommand(['SCRIPT', 'EXISTS', script.sha])) as number[];
    expect(before).toBe(0);
    expect(await script.run(client, [], ['-x'])).toMatch(/^[0-9a-f]{16}-x$/);
    const [after] = (await client.sendCommand(['SCRIPT', 'EXISTS', script.sha])) as number[];
    expect(after).toBe(1);
    expect(await script.run(client, [], ['-y'])).toMatch(/-y$/);
  });
});

import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { TEST_REDIS_URL } from '@govdata/platform-testing';
import { RedisCache } from './cache.js';
import { RedisLock } from './lock.js';
import { RedisRateLimiter } from './rate-limiter.js';
import { closeRedis, connectRedis, type GovdataRedis } from './redis-client.js';

describe('Redis helpers against a real Redis', () => {
  let client: GovdataRedis;
  const prefix = `t${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    client = await connectRedis(TEST_REDIS_URL, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(keys);
    await closeRedis(client);
  });

  it('caches JSON under the prefix and computes a miss once', async () => {
    const cache = new RedisCache(client, prefix);
    let computed = 0;
    const compute = async () => ({ code: '360000', computed: ++computed });
    expect(await cache.wrap('node', 60, compute)).toEqual({ code: '360000', computed: 1 });
    expect(await cache.wrap('node', 60, compute)).toEqual({ code: '360000', computed: 1 });
    expect(await client.ttl(`${prefix}node`)).toBeGreaterThan(50);
    await cache.delete('node');
    expect(await cache.get('node')).toBeUndefined();
  });

  it('lets one holder at a time take a lock, and only the holder release it', async () => {
    const lock = new RedisLock(client, prefix);
    const release = await lock.acquire('migrate', 10_000);
    expect(release).toBeDefined();
    expect(await lock.acquire('migrate', 10_000)).toBeUndefined();
    expect(await lock.withLock('migrate', 10_000, async () => 'ran')).toBeUndefined();
    await release!();
    expect(await lock.withLock('migrate', 10_000, async () => 'ran')).toBe('ran');
  });

  it('limits hits in a sliding window and says when to retry', async () => {
    const limiter = new RedisRateLimiter(client, prefix);
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.hit('login:editor', 3, 60));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(decisions[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    await limiter.reset('login:editor');
    expect((await limiter.hit('login:editor', 3, 60)).allowed).toBe(true);
    // A limit of 0 refuses at once (no Lua error on an empty window).
    expect(await limiter.hit('blocked', 0, 60)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });
});

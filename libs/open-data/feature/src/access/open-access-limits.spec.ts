import { clientAddress, OPEN_ACCESS_LIMITS, OpenAccessLimits } from './open-access-limits.js';

describe('clientAddress', () => {
  const req = (xff: string | string[] | undefined, remote = '127.0.0.1') =>
    ({ headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, socket: { remoteAddress: remote } }) as never;

  it('takes the address the gateway appended, not what the client claimed before it', () => {
    expect(clientAddress(req('1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddress(req(['10.0.0.1', '198.51.100.7']))).toBe('198.51.100.7');
  });

  it('falls back to the connection’s address without the header', () => {
    expect(clientAddress(req(undefined, '::1'))).toBe('::1');
    expect(clientAddress(req(''))).toBe('127.0.0.1');
  });
});

describe('OpenAccessLimits by class of user', () => {
  const config = { redis: { keyPrefix: 't:' } } as never;
  const redis = () => {
    const counts = new Map<string, number>();
    return {
      incr: (key: string) => Promise.resolve(counts.set(key, (counts.get(key) ?? 0) + 1).get(key)!),
      expire: () => Promise.resolve(true),
      get: (key: string) => Promise.resolve(counts.has(key) ? String(counts.get(key)) : null),
    } as never;
  };
  const limiterSeeing = (hits: Array<{ key: string; limit: number }>) =>
    ({
      hit: (key: string, limit: number) => {
        hits.push({ key, limit });
        return Promise.resolve({ allowed: true, count: 1, retryAfterSeconds: 0 });
      },
    }) as never;
  const callerOf = (caller: unknown) => ({ resolve: () => Promise.resolve(caller) }) as never;
  const req = { headers: { 'x-forwarded-for': '203.0.113.9' }, socket: {} } as never;
  const account = { id: 'a1' };

  it('counts anonymous visitors by address, registered and real-name people by account, with higher limits', async () => {
    const hits: Array<{ key: string; limit: number }> = [];
    for (const caller of [
      { class: 'anonymous', account: null, apiKey: null },
      { class: 'registered', account, apiKey: null },
      { class: 'realName', account, apiKey: null },
    ]) {
      await new OpenAccessLimits(limiterSeeing(hits), callerOf(caller), redis(), config).admit(req, 'rows');
    }
    expect(hits).toEqual([
      { key: 'open-data:rows:203.0.113.9', limit: OPEN_ACCESS_LIMITS.anonymous.rows.limit },
      { key: 'open-data:rows:account:a1', limit: OPEN_ACCESS_LIMITS.registered.rows.limit },
      { key: 'open-data:rows:account:a1', limit: OPEN_ACCESS_LIMITS.realName.rows.limit },
    ]);
    expect(OPEN_ACCESS_LIMITS.anonymous.downloads.limit).toBeLessThan(OPEN_ACCESS_LIMITS.registered.downloads.limit);
    expect(OPEN_ACCESS_LIMITS.registered.downloads.limit).toBeLessThan(OPEN_ACCESS_LIMITS.realName.downloads.limit);
  });

  it('refuses an API key’s read beyond its daily quota with 429', async () => {
    const limits = new OpenAccessLimits(
      limiterSeeing([]),
      callerOf({ class: 'realName', account, apiKey: { id: 'k1', dailyQuota: 2 } }),
      redis(),
      config,
    );
    await limits.admit(req, 'rows');
    await limits.admit(req, 'downloads');
    await expect(limits.admit(req, 'rows')).rejects.toMatchObject({ code: 'too_many_requests' });
    expect(await limits.apiKeyUsage('k1')).toBe(3);
  });
});

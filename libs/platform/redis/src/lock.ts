import { randomUUID } from 'node:crypto';
import type { GovdataRedis } from './redis-client.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** A lease lock (SET NX PX) released only by its holder. */
export class RedisLock {
  constructor(
    private readonly client: GovdataRedis,
    private readonly prefix: string,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const key = `${this.prefix}lock:${name}`;
    const token = randomUUID();
    const ok = await this.client.set(key, token, { NX: true, PX: ttlMs });
    if (ok !== 'OK') return undefined;
    return async () => {
      await this.client.eval(RELEASE, { keys: [key], arguments: [token] });
    };
  }

  /** Runs `work` holding the lock; returns undefined without running it when someone else holds it. */
  async withLock<T>(name: string, ttlMs: number, work: () => Promise<T>): Promise<T | undefined> {
    const release = await this.acquire(name, ttlMs);
    if (!release) return undefined;
    try {
      return await work();
    } finally {
      await release();
    }
  }
}

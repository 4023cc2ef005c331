import type { GovdataRedis } from './redis-client.js';

/** A JSON cache under the node's key prefix. A Redis outage makes it miss, never fail the caller. */
export class RedisCache {
  constructor(
    private readonly client: GovdataRedis,
    private readonly prefix: string,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      const raw = await this.client.get(this.prefix + key);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    try {
      await this.client.set(this.prefix + key, JSON.stringify(value), { EX: ttlSeconds });
    } catch {
      // A cache that cannot store is a cache miss next time.
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.del(this.prefix + key).catch(() => undefined);
  }

  /** Returns the cached value, or computes, stores and returns it. */
  async wrap<T>(key: string, ttlSeconds: number, compute: () => Promise<T>): Promise<T> {
    const hit = await this.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await compute();
    await this.set(key, value, ttlSeconds);
    return value;
  }
}

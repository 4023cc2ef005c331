import { createHash } from 'node:crypto';
import type { GovdataRedis } from '@govdata/platform-redis';

/**
 * A Lua script run by its SHA1 (EVALSHA), sending the body (EVAL) only when Redis does not have it
 * cached — after a restart, a failover or SCRIPT FLUSH. EVAL caches the body, so the next call is
 * by SHA again.
 */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: GovdataRedis, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, { keys, arguments: args });
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, { keys, arguments: args });
    }
  }
}

import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';

export type GovdataRedis = RedisClientType;

/**
 * A node-redis client that keeps reconnecting (capped backoff) instead of giving up, and does not
 * queue commands while disconnected: callers get an error at once and readiness reports it.
 */
export async function connectRedis(url: string, logger: Logger): Promise<GovdataRedis> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 3_000,
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000),
    },
  }) as GovdataRedis;
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) logger.warn({ err: error }, 'redis unavailable; reconnecting');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info('redis connection restored');
    reported = false;
  });
  // connect() resolves on the first successful connection; if Redis is down at start we continue
  // and the client connects in the background.
  await Promise.race([client.connect().catch(() => undefined), new Promise((r) => setTimeout(r, 3_000))]);
  return client;
}

export async function pingRedis(client: GovdataRedis, timeoutMs = 1_000): Promise<void> {
  if (!client.isReady) throw new Error('redis is not connected');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes gracefully when connected (pending replies arrive), at once when Redis is unreachable. */
export async function closeRedis(client: GovdataRedis): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) return client.destroy();
  await Promise.race([client.close(), new Promise((r) => setTimeout(r, 2_000))]);
  if (client.isOpen) client.destroy();
}

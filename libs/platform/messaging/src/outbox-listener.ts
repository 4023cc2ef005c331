import pg from 'pg';
import type { Logger } from 'pino';
import { OUTBOX_CHANNEL } from './event-publisher.js';

export interface ListenerConnection {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

type Wake = () => void;

/**
 * One PostgreSQL session per database and process that every outbox relay shares: it receives the
 * outbox NOTIFYs (payload = the writing schema) and holds each relay's leadership advisory lock.
 * Sharing it keeps a node's connection count at one listener, not one per service.
 */
export class SharedOutboxListener {
  private static readonly byDatabase = new Map<string, SharedOutboxListener>();

  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private readonly subscribers = new Map<string, Wake>();
  /** Schemas whose lock this session holds. */
  private readonly locked = new Set<string>();

  private constructor(
    private readonly connection: ListenerConnection,
    private readonly logger: Logger,
  ) {}

  static for(connection: ListenerConnection, logger: Logger): SharedOutboxListener {
    const key = `${connection.host}:${connection.port}/${connection.database}`;
    let listener = SharedOutboxListener.byDatabase.get(key);
    if (!listener) {
      listener = new SharedOutboxListener(connection, logger);
      SharedOutboxListener.byDatabase.set(key, listener);
    }
    return listener;
  }

  /**
   * Tries to become the relay for `schema`; on success `wake` runs on every NOTIFY from that schema.
   * Returns false while another process holds the lock.
   */
  async lead(schema: string, wake: Wake): Promise<boolean> {
    const client = await this.connected();
    if (!this.locked.has(schema)) {
      const { rows } = await client.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `govdata:outbox:${schema}`,
      ]);
      if (!rows[0].locked) return false;
      this.locked.add(schema);
    }
    this.subscribers.set(schema, wake);
    return true;
  }

  /** True while this session still holds the schema's lock (a lost connection loses them all). */
  leads(schema: string): boolean {
    return this.client !== undefined && this.locked.has(schema);
  }

  async resign(schema: string): Promise<void> {
    this.subscribers.delete(schema);
    if (this.locked.delete(schema) && this.client) {
      await this.client
        .query('SELECT pg_advisory_unlock(hashtext($1))', [`govdata:outbox:${schema}`])
        .catch(() => undefined);
    }
    if (this.subscribers.size === 0) await this.close();
  }

  private async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.locked.clear();
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...this.connection, application_name: 'govdata-outbox-listener' });
      client.on('error', (error) => {
        this.logger.warn(
          { error: error.message },
          'outbox listener connection lost; relays fall back to polling until it returns',
        );
        if (this.client === client) {
          this.client = undefined;
          this.locked.clear();
        }
      });
      client.on('notification', (message) => this.subscribers.get(message.payload ?? '')?.());
      try {
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.client = client;
        return client;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }
}

import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { OUTBOX_CHANNEL } from './event-publisher.js';

export interface ListenerConnection {
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

type Wake = () => void;

/** Stops a subscription's wake-ups. */
export type Unsubscribe = () => Promise<void>;

/** How long after a lost connection the listener connects again while anyone still listens. */
const RECONNECT_MS = 1_000;

/**
 * One PostgreSQL session per database and process that everything waiting for a NOTIFY shares: the
 * outbox relays (payload = the writing schema; the session also holds each relay's leadership
 * advisory lock) and the federation links waiting for new log rows. Sharing it keeps a node's
 * connection count at one listener, not one per service or per link.
 *
 * A notification is a hint, never the only way to find work: subscribers keep a slower fallback poll,
 * and after a lost connection is re-established every subscriber is woken once, since a notification
 * may have been missed meanwhile.
 */
export class SharedNotificationListener {
  private static readonly byDatabase = new Map<string, SharedNotificationListener>();

  private client?: pg.Client;
  private connecting?: Promise<pg.Client>;
  private reconnectTimer?: NodeJS.Timeout;
  /** channel → payload → wake-ups. */
  private readonly subscribers = new Map<string, Map<string, Set<Wake>>>();
  /** Channels the current session listens on. */
  private readonly listening = new Set<string>();
  /** Schemas whose outbox lock this session holds. */
  private readonly locked = new Set<string>();

  private constructor(
    private readonly connection: ListenerConnection,
    private readonly logger: Logger,
  ) {}

  static for(connection: ListenerConnection, logger: Logger): SharedNotificationListener {
    const key = `${connection.host}:${connection.port}/${connection.database}`;
    let listener = SharedNotificationListener.byDatabase.get(key);
    if (!listener) {
      listener = new SharedNotificationListener(connection, logger);
      SharedNotificationListener.byDatabase.set(key, listener);
    }
    return listener;
  }

  /** The listener of a TypeORM data source's database (connecting with its credentials if it is the first). */
  static forDataSource(dataSource: DataSource, logger: Logger): SharedNotificationListener {
    const db = dataSource.options as {
      host?: string;
      port?: number;
      username?: string;
      password?: string;
      database?: string;
    };
    return SharedNotificationListener.for(
      { host: db.host, port: db.port, user: db.username, password: db.password, database: db.database },
      logger,
    );
  }

  /**
   * Calls `wake` on every NOTIFY on `channel` whose payload is `payload`, until unsubscribed. Connects
   * in the background (and again after a lost connection); meanwhile the subscriber's fallback poll
   * is all it has.
   */
  subscribe(channel: string, payload: string, wake: Wake): Unsubscribe {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    this.wakesOf(channel, payload, true)!.add(wake);
    void this.connected()
      .then((client) => this.listen(client, channel))
      .catch(() => this.scheduleReconnect());
    return async () => {
      const wakes = this.wakesOf(channel, payload, false);
      wakes?.delete(wake);
      if (wakes?.size === 0) this.subscribers.get(channel)!.delete(payload);
      if (this.subscribers.get(channel)?.size === 0) this.subscribers.delete(channel);
      await this.closeIfUnused();
    };
  }

  /**
   * Tries to become the outbox relay for `schema`; on success `wake` runs on every outbox NOTIFY from
   * that schema. Returns false while another process holds the lock.
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
    const wakes = this.wakesOf(OUTBOX_CHANNEL, schema, true)!;
    wakes.clear();
    wakes.add(wake);
    await this.listen(client, OUTBOX_CHANNEL);
    return true;
  }

  /** True while this session still holds the schema's lock (a lost connection loses them all). */
  leads(schema: string): boolean {
    return this.client !== undefined && this.locked.has(schema);
  }

  async resign(schema: string): Promise<void> {
    this.subscribers.get(OUTBOX_CHANNEL)?.delete(schema);
    if (this.locked.delete(schema) && this.client) {
      await this.client
        .query('SELECT pg_advisory_unlock(hashtext($1))', [`govdata:outbox:${schema}`])
        .catch(() => undefined);
    }
    await this.closeIfUnused();
  }

  private wakesOf(channel: string, payload: string, create: boolean): Set<Wake> | undefined {
    let byPayload = this.subscribers.get(channel);
    if (!byPayload) {
      if (!create) return undefined;
      byPayload = new Map();
      this.subscribers.set(channel, byPayload);
    }
    let wakes = byPayload.get(payload);
    if (!wakes && create) {
      wakes = new Set();
      byPayload.set(payload, wakes);
    }
    return wakes;
  }

  private hasSubscribers(): boolean {
    for (const byPayload of this.subscribers.values()) {
      for (const wakes of byPayload.values()) if (wakes.size > 0) return true;
    }
    return false;
  }

  private async listen(client: pg.Client, channel: string): Promise<void> {
    if (this.listening.has(channel) || this.client !== client) return;
    this.listening.add(channel);
    try {
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      this.listening.delete(channel);
      throw error;
    }
  }

  private async closeIfUnused(): Promise<void> {
    if (this.hasSubscribers() || this.locked.size > 0) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.listening.clear();
    await client?.end().catch(() => undefined);
  }

  private dropped(client: pg.Client, reason: string): void {
    if (this.client !== client) return;
    this.logger.warn({ error: reason }, 'notification listener connection lost; waiting parties poll until it returns');
    this.client = undefined;
    this.locked.clear();
    this.listening.clear();
    this.scheduleReconnect();
  }

  /** While anyone subscribes, connects again after a loss and wakes everyone (they may have missed something). */
  private scheduleReconnect(): void {
    if (this.reconnectTimer || !this.hasSubscribers()) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.client || !this.hasSubscribers()) return;
      this.connected()
        .then(async (client) => {
          for (const channel of this.subscribers.keys()) await this.listen(client, channel);
          for (const byPayload of this.subscribers.values()) {
            for (const wakes of byPayload.values()) for (const wake of wakes) wake();
          }
        })
        .catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private connected(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...this.connection, application_name: 'govdata-notification-listener' });
      client.on('error', (error) => this.dropped(client, error.message));
      client.on('end', () => this.dropped(client, 'connection ended'));
      client.on('notification', (message) => {
        const wakes = this.subscribers.get(message.channel)?.get(message.payload ?? '');
        if (wakes) for (const wake of wakes) wake();
      });
      try {
        await client.connect();
        this.client = client;
        return client;
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      } finally {
        this.connecting = undefined;
      }
    })();
    return this.connecting;
  }
}

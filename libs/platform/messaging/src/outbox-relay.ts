import { modifiedRows } from '@govdata/platform-persistence';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { backoffDelay, sleep } from './backoff.js';
import { encodeCloudEvent, type GovdataCloudEvent } from './cloud-event-codec.js';
import type { EventBus } from './event-bus.port.js';
import { SharedNotificationListener } from './notification-listener.js';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Poll even without a notification, in case one was missed. */
  pollIntervalMs?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retainPublishedHours?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  cloud_event: GovdataCloudEvent;
}

/**
 * Publishes outbox rows to the bus in commit order and marks them published. While the broker is
 * down the rows stay and the relay retries with backoff; nothing written is lost. One relay per
 * schema is active at a time (advisory lock), so order per key holds even with several replicas.
 */
export class OutboxRelay {
  private readonly abort = new AbortController();
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly listener: SharedNotificationListener;
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retainPublishedHours: number;
  private lastCleanup = 0;
  /** A notification arrived since the last drain started. */
  private notified = false;
  /** Visible for readiness and metrics. */
  backlog = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retainPublishedHours = options.retainPublishedHours ?? 72;
    this.schema = (dataSource.options as { schema?: string }).schema ?? 'public';
    this.listener = SharedNotificationListener.forDataSource(dataSource, logger);
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.loop;
    await this.listener.resign(this.schema);
  }

  /** Publishes everything pending now; returns how many were published. */
  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (!(await this.holdsLeadership())) {
          await this.idle(5_000);
          continue;
        }
        this.notified = false;
        await this.drain();
        failures = 0;
        await this.cleanup();
        await this.idle(this.pollIntervalMs);
      } catch (error) {
        const delay = backoffDelay(failures++, 200, 15_000);
        this.logger.warn(
          { error: (error as Error).message, retryInMs: delay, backlog: this.backlog },
          'outbox relay cannot publish; will retry',
        );
        await sleep(delay, this.abort.signal);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Claimed and marked published in one statement; if the broker refuses them the rollback unmarks them.
      const claimed = await modifiedRows<OutboxRow>(
        runner.manager,
        `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING seq, topic, message_key, cloud_event`,
        [this.batchSize],
      );
      const rows = claimed.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
      if (rows.length === 0) {
        await runner.commitTransaction();
        this.backlog = 0;
        return 0;
      }
      try {
        // Consecutive rows of one topic go in one request; topics keep their relative order.
        for (const group of groupConsecutive(rows)) {
          await this.bus.send(
            group[0]!.topic,
            group.map((row) => encodeCloudEvent(row.cloud_event, row.message_key)),
          );
        }
      } catch (error) {
        await runner.rollbackTransaction();
        await this.dataSource.query(
          'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
          [rows.map((r) => r.seq), String((error as Error).message).slice(0, 500)],
        );
        const [{ count }] = await this.dataSource.query(
          'SELECT count(*)::int AS count FROM outbox WHERE published_at IS NULL',
        );
        this.backlog = count;
        throw error;
      }
      await runner.commitTransaction();
      return rows.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Leadership (the schema's advisory lock) and NOTIFY wake-ups come from the process's shared listener. */
  private async holdsLeadership(): Promise<boolean> {
    if (this.listener.leads(this.schema)) return true;
    return this.listener.lead(this.schema, () => {
      this.notified = true;
      this.wake?.();
    });
  }

  private idle(ms: number): Promise<void> {
    if (this.notified || this.abort.signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => (this.wake = undefined));
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 600_000) return;
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [
      this.retainPublishedHours,
    ]);
  }
}

function groupConsecutive(rows: OutboxRow[]): OutboxRow[][] {
  const groups: OutboxRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.topic === row.topic) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

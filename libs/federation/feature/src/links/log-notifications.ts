import { Inject, Injectable } from '@nestjs/common';
import { SharedNotificationListener, type Unsubscribe } from '@govdata/platform-messaging';
import { LOGGER } from '@govdata/platform-service';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { DOWNWARD_LOG_CHANNEL } from '../downward/downward.repository.js';
import { REPLICATION_LOG_CHANNEL } from '../replication/replication.repository.js';

/**
 * How long a link waits for a notification before it reads its log anyway: a notification lost (the
 * listener's connection dropped, say) delays rows by at most this much, never strands them.
 */
export const FALLBACK_POLL_MS = 1_000;

/**
 * A wake-up that is not lost when it comes before the wait. A reader calls `reset()` before it looks
 * for work, so a signal arriving while it looks makes the following `wait` return at once.
 */
export class WakeSignal {
  private signalled = false;
  private waiting: (() => void) | undefined;

  reset(): void {
    this.signalled = false;
  }

  readonly signal = (): void => {
    this.signalled = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  };

  /** Resolves at the next signal (at once if one came since `reset`) or after `ms`. */
  wait(ms: number): Promise<void> {
    if (this.signalled) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.waiting = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }
}

/**
 * NOTIFYs raised when rows are appended to this node's logs (see the `LogAppendOrderAndNotify`
 * migration), received on the process's one shared listening connection per database.
 */
@Injectable()
export class LogNotifications {
  private readonly listener: SharedNotificationListener;
  private readonly schema: string;

  constructor(dataSource: DataSource, @Inject(LOGGER) logger: Logger) {
    this.listener = SharedNotificationListener.forDataSource(dataSource, logger);
    this.schema = (dataSource.options as { schema?: string }).schema ?? 'public';
  }

  /** `wake` runs after every commit that appended to `replication_log`. */
  onReplicationLog(wake: () => void): Unsubscribe {
    return this.listener.subscribe(REPLICATION_LOG_CHANNEL, this.schema, wake);
  }

  /** `wake` runs after every commit that appended to `downward_log`. */
  onDownwardLog(wake: () => void): Unsubscribe {
    return this.listener.subscribe(DOWNWARD_LOG_CHANNEL, this.schema, wake);
  }
}

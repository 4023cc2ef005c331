import { randomUUID } from 'node:crypto';
import { validateEventData, type ExchangeCallEventV1 } from '@govdata/contracts';
import {
  eventSource,
  EventPublisher,
  ORIGIN_EXTENSION,
  OUTBOX_CHANNEL,
  type GovdataCloudEvent,
} from '@govdata/platform-messaging';

const TYPE = 'exchange.call.v1';
/**
 * The relay is woken at most this often: each wake costs it a transaction and a produce request,
 * so a busy exchange hands it more events per wake instead of waking it for every commit.
 */
const WAKE_INTERVAL_MS = 25;

/**
 * `exchange.call.v1` events as outbox rows written by the statement that logs their calls (so a call
 * and its event commit together in one round trip). The rows are the ones `EventPublisher` writes —
 * the same CloudEvent attributes, topic, key (the grant) and NOTIFY for the relay — built here
 * because the publisher runs its own statement.
 */
export class CallEventsOutbox {
  private lastWake = 0;
  private wakeLater?: NodeJS.Timeout;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly nodeCode: string,
    private readonly service: string,
    /** Sends the relay's NOTIFY on its own (for rows written without one). */
    private readonly wakeRelay: () => Promise<void>,
  ) {}

  /**
   * The insert as a CTE (parameters from `$firstParam`, rows written where `applied` holds) and,
   * when the relay is due a wake, the NOTIFY to evaluate once the rows are written; without it,
   * call `writtenWithoutWake` once the rows are committed.
   */
  insertAlongside(
    events: readonly ExchangeCallEventV1[],
    firstParam: number,
    applied: string,
  ): { cte: string; params: unknown[]; notify: string | null } {
    const time = new Date().toISOString();
    const rows = events.map((event) => {
      const cloudEvent: GovdataCloudEvent = {
        specversion: '1.0',
        id: randomUUID(),
        type: TYPE,
        source: eventSource(this.nodeCode, this.service),
        subject: event.callId,
        time,
        datacontenttype: 'application/json',
        [ORIGIN_EXTENSION]: this.nodeCode,
        data: validateEventData(TYPE, event),
      };
      return { id: cloudEvent.id, key: event.grantId, event: JSON.stringify(cloudEvent) };
    });
    const p = (i: number) => `$${firstParam + i}`;
    const wakeNow = Date.now() - this.lastWake >= WAKE_INTERVAL_MS;
    if (wakeNow) this.lastWake = Date.now();
    return {
      cte: `events AS (
        INSERT INTO outbox (event_id, topic, message_key, event_type, cloud_event)
        SELECT e.id, ${p(0)}::text, e.key, ${p(1)}::text, e.event
          FROM unnest(${p(2)}::uuid[], ${p(3)}::text[], ${p(4)}::jsonb[]) WITH ORDINALITY AS e(id, key, event, position)
         WHERE ${applied}
         ORDER BY e.position
      )`,
      params: [
        this.publisher.topicFor(TYPE),
        TYPE,
        rows.map((r) => r.id),
        rows.map((r) => r.key),
        rows.map((r) => r.event),
        ...(wakeNow ? [OUTBOX_CHANNEL] : []),
      ],
      // The payload names the schema, so the shared listener wakes only this service's relay.
      notify: wakeNow ? `pg_notify(${p(5)}::text, current_schema())` : null,
    };
  }

  /** Rows were committed without a NOTIFY: the relay is woken within the interval all the same. */
  writtenWithoutWake(): void {
    if (this.wakeLater) return;
    const wait = Math.max(0, this.lastWake + WAKE_INTERVAL_MS - Date.now());
    this.wakeLater = setTimeout(() => {
      this.wakeLater = undefined;
      this.lastWake = Date.now();
      // A NOTIFY that fails leaves the rows to the relay's poll (a second at most).
      this.wakeRelay().catch(() => undefined);
    }, wait).unref();
  }

  /** No wake pending (shutting down). */
  stop(): void {
    clearTimeout(this.wakeLater);
    this.wakeLater = undefined;
  }
}

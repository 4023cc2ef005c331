import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { EventSchemaError, validateEventData } from '@govdata/contracts';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import { backoffDelay, sleep } from './backoff.js';
import { decodeCloudEvent, encodeCloudEvent, type GovdataCloudEvent } from './cloud-event-codec.js';
import type { EventBus, ReceivedMessage, Subscription } from './event-bus.port.js';

/** Writes many rows of one kind in one statement, in the order given (e.g. a repository's `appendMany`). */
export type BatchWriter<T> = (manager: EntityManager, items: T[]) => Promise<void>;

/**
 * Rows the handlers of one inbox transaction hand over instead of writing one at a time: each writer
 * runs once, after the last handler and before the commit, with its rows in the order handed over.
 */
export class BatchedWrites {
  private readonly pending = new Map<BatchWriter<never>, unknown[]>();

  add<T>(writer: BatchWriter<T>, item: T): void {
    let items = this.pending.get(writer as BatchWriter<never>);
    if (!items) {
      items = [];
      this.pending.set(writer as BatchWriter<never>, items);
    }
    items.push(item);
  }

  async flush(manager: EntityManager): Promise<void> {
    for (const [writer, items] of this.pending) await (writer as BatchWriter<unknown>)(manager, items);
    this.pending.clear();
  }
}

/** What an event handler receives besides the payload: the event itself and the inbox transaction. */
export class EventContext {
  constructor(
    readonly event: GovdataCloudEvent,
    /** The transaction that also records the event in the inbox: write through it so both commit together. */
    readonly manager: EntityManager,
    readonly attempt: number,
    private readonly batched: BatchedWrites,
  ) {}

  /**
   * Hands `item` to `writer` (the same function each time, e.g. a bound `appendMany`), which writes the
   * items of every event of this transaction in one statement just before it commits — one insert per
   * batch of events instead of one per event. The write commits or rolls back with the event; the
   * handler cannot read it back before the commit.
   */
  writeBatched<T>(writer: BatchWriter<T>, item: T): void {
    this.batched.add(writer, item);
  }
}

export interface KafkaEventServerOptions {
  bus: EventBus;
  dataSource: DataSource;
  /** Consumer group and inbox consumer name, unique per node and service (e.g. `n360000.catalog`). */
  consumerName: string;
  topicPrefix: string;
  logger: Logger;
  /** Attempts before an event goes to the dead-letter topic. */
  maxAttempts?: number;
  /** Told what became of each event (for metrics). */
  onOutcome?: (type: string, outcome: EventOutcome) => void;
}

export type EventOutcome = 'applied' | 'duplicate' | 'dead-lettered';

/** Transport id of domain-event handlers: keeps gRPC handlers off this server and event handlers off gRPC. */
export const KAFKA_EVENTS_TRANSPORT = Symbol('govdata-kafka-events');

/** Dead-letter topic for an event family. */
export function deadLetterTopic(topicPrefix: string, type: string): string {
  return `${topicPrefix}${type}.dlq`;
}

/**
 * Nest transport for domain events: `@EventPattern('<event type>')` handlers consume
 * `<topicPrefix><event type>`. Every event is checked against its schema, applied at most once per
 * consumer (inbox row in the same transaction as the handler's writes), retried with backoff, and
 * sent to the dead-letter topic with the reason when it cannot be applied.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private subscription?: Subscription;
  private readonly maxAttempts: number;
  private closing = false;
  private readonly handlers = new Map<string, MessageHandler | null>();

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.transportId = KAFKA_EVENTS_TRANSPORT;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const types = [...this.messageHandlers.keys()];
    if (types.length > 0) {
      this.subscription = await this.options.bus.subscribe({
        groupId: this.options.consumerName,
        topics: types.map((type) => `${this.options.topicPrefix}${type}`),
        fromBeginning: true,
        onMessage: (message) => this.receive(message),
        onBatch: (messages) => this.receiveBatch(messages),
      });
    }
    callback();
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.subscription?.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer does not support event listeners');
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }

  /**
   * Consecutive messages (of one partition, or of the partitions fetched together) in one transaction
   * — one commit for many events, what lets a consumer keep up with hundreds of events a second. If
   * any of them fails, the transaction is rolled back and each message goes through `receive` on its
   * own, in order, with retries and dead letters.
   */
  private async receiveBatch(messages: ReceivedMessage[]): Promise<void> {
    if (messages.length === 1) return this.receive(messages[0]!);
    const ready: { event: GovdataCloudEvent; handler: MessageHandler }[] = [];
    for (const message of messages) {
      let event: GovdataCloudEvent;
      try {
        event = decodeCloudEvent(message);
        event = { ...event, data: validateEventData(event.type, event.data) };
      } catch {
        return this.receiveEach(messages); // the one at fault is dead-lettered there, in order
      }
      const handler = this.handlerFor(event.type, message.topic);
      if (!handler) return this.receiveEach(messages);
      ready.push({ event, handler });
    }
    let outcomes: boolean[];
    try {
      outcomes = await this.options.dataSource.transaction(async (manager) => {
        // One statement records the whole batch in the inbox; only the events it had not seen are applied
        // (an id twice in the batch: the first).
        const inserted: { event_id: string }[] = await manager.query(
          `INSERT INTO inbox (consumer, event_id, event_type, source)
           SELECT $1, e.id, e.type, e.source FROM unnest($2::text[], $3::text[], $4::text[]) AS e(id, type, source)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [
            this.options.consumerName,
            ready.map((r) => r.event.id),
            ready.map((r) => r.event.type),
            ready.map((r) => r.event.source),
          ],
        );
        const unseen = new Set(inserted.map((r) => r.event_id));
        const batched = new BatchedWrites();
        const applied: boolean[] = [];
        for (const { event, handler } of ready) {
          if (!unseen.delete(event.id)) {
            applied.push(false);
            continue;
          }
          const result = await handler(event.data, new EventContext(event, manager, 1, batched));
          await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          applied.push(true);
        }
        await batched.flush(manager);
        return applied;
      });
    } catch (error) {
      if (this.closing) throw error; // not committed: redelivered after restart
      this.options.logger.debug({ err: error, events: messages.length }, 'batch failed; applying one by one');
      return this.receiveEach(messages);
    }
    for (const [i, applied] of outcomes.entries()) {
      this.options.onOutcome?.(ready[i]!.event.type, applied ? 'applied' : 'duplicate');
    }
  }

  private async receiveEach(messages: ReceivedMessage[]): Promise<void> {
    for (const message of messages) await this.receive(message);
  }

  private async receive(message: ReceivedMessage): Promise<void> {
    const log = this.options.logger;
    let event: GovdataCloudEvent;
    try {
      event = decodeCloudEvent(message);
      event = { ...event, data: validateEventData(event.type, event.data) };
    } catch (error) {
      const reason =
        error instanceof EventSchemaError ? error.message : `malformed CloudEvent: ${(error as Error).message}`;
      return this.deadLetter(message, undefined, reason);
    }
    const handler = this.handlerFor(event.type, message.topic);
    if (!handler) return this.deadLetter(message, event, `no handler for event type ${event.type} on ${message.topic}`);

    for (let attempt = 1; ; attempt++) {
      try {
        const applied = await this.options.dataSource.transaction(async (manager) => {
          const inserted: unknown[] = await manager.query(
            'INSERT INTO inbox (consumer, event_id, event_type, source) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING event_id',
            [this.options.consumerName, event.id, event.type, event.source],
          );
          if (inserted.length === 0) return false;
          const batched = new BatchedWrites();
          const result = await handler(event.data, new EventContext(event, manager, attempt, batched));
          await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          await batched.flush(manager);
          return true;
        });
        if (!applied) log.debug({ eventId: event.id, type: event.type }, 'duplicate event ignored');
        this.options.onOutcome?.(event.type, applied ? 'applied' : 'duplicate');
        return;
      } catch (error) {
        if (attempt >= this.maxAttempts || this.closing) {
          if (this.closing) throw error; // not committed: redelivered after restart
          return this.deadLetter(message, event, `handler failed ${attempt} times: ${(error as Error).message}`);
        }
        const delay = backoffDelay(attempt - 1, 100, 2_000);
        log.warn({ err: error, eventId: event.id, attempt, retryInMs: delay }, 'event handler failed; retrying');
        await sleep(delay);
      }
    }
  }

  /**
   * Handlers are registered by type; an event whose type differs from its topic is still routed by
   * topic. Looked up once per type and topic (Nest's pattern lookup parses the pattern every time).
   */
  private handlerFor(type: string, topic: string): MessageHandler | null {
    const key = `${type}\u0000${topic}`;
    let handler = this.handlers.get(key);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(type) ?? this.getHandlerByPattern(this.typeOfTopic(topic));
      this.handlers.set(key, handler);
    }
    return handler;
  }

  /** The event family a topic carries: the topic name without the node's prefix. */
  private typeOfTopic(topic: string): string {
    return topic.startsWith(this.options.topicPrefix) ? topic.slice(this.options.topicPrefix.length) : topic;
  }

  private async deadLetter(
    message: ReceivedMessage,
    event: GovdataCloudEvent | undefined,
    reason: string,
  ): Promise<void> {
    const type = this.typeOfTopic(message.topic);
    const topic = deadLetterTopic(this.options.topicPrefix, type);
    this.options.logger.error(
      { topic: message.topic, partition: message.partition, offset: message.offset, eventId: event?.id, reason },
      'event sent to dead letters',
    );
    const base = event ? encodeCloudEvent(event, message.key) : { key: message.key, value: message.value, headers: {} };
    const outgoing = {
      ...base,
      headers: {
        ...message.headers,
        ...base.headers,
        'x-govdata-dlq-reason': reason,
        'x-govdata-dlq-consumer': this.options.consumerName,
        'x-govdata-dlq-origin': `${message.topic}/${message.partition}/${message.offset}`,
      },
    };
    await this.options.dataSource.query(
      'INSERT INTO dead_letter (consumer, topic, partition, "offset", event_id, reason) VALUES ($1, $2, $3, $4, $5, $6)',
      [this.options.consumerName, message.topic, message.partition, message.offset, event?.id ?? null, reason],
    );
    // If the broker refuses the dead letter, throw: the offset is not committed and the event comes back.
    await this.options.bus.send(topic, [outgoing]);
    this.options.onOutcome?.(type, 'dead-lettered');
  }
}

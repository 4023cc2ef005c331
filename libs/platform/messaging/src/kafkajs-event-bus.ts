import { Kafka, logLevel, type Consumer, type Producer, type Admin, type IHeaders, type KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, sleep } from './backoff.js';
import type { BusMessage, EventBus, ReceivedMessage, SubscribeOptions, Subscription } from './event-bus.port.js';

/** Messages handed to `onBatch` at most at once (one transaction for the consumer). */
const MAX_BATCH = 200;
/**
 * Partitions whose fetched batches are taken at once: what arrives together is handed to `onBatch`
 * together (one transaction), rather than one partition after another.
 */
const PARTITIONS_AT_ONCE = 8;

/**
 * Joins the batches several partitions hand in at about the same time into one `onBatch` call (each
 * partition's messages stay in order and together), and settles each caller with that call.
 */
export class BatchJoiner {
  private waiting: { messages: ReceivedMessage[]; settle: (error?: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly onBatch: (messages: ReceivedMessage[]) => Promise<void>) {}

  handle(messages: ReceivedMessage[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ messages, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) {
        this.running = true;
        // One turn of the event loop lets the other partitions of the same fetch hand theirs in.
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = [this.waiting.shift()!];
      let size = group[0]!.messages.length;
      while (this.waiting.length > 0 && size + this.waiting[0]!.messages.length <= MAX_BATCH) {
        const next = this.waiting.shift()!;
        size += next.messages.length;
        group.push(next);
      }
      let failure: unknown;
      try {
        await this.onBatch(group.flatMap((g) => g.messages));
      } catch (error) {
        failure = error ?? new Error('onBatch failed');
      }
      for (const g of group) g.settle(failure);
    }
    this.running = false;
  }
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** A consumer's longest wait on the broker per fetch (`kafka.consumerMaxWaitMs`); kafkajs's default 5 s. */
  consumerMaxWaitMs?: number;
}

/** The EventBus on Apache Kafka through kafkajs: idempotent producer, consumer groups, explicit commits. */
export class KafkajsEventBus implements EventBus {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private producerConnecting?: Promise<Producer>;
  private admin?: Admin;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly options: KafkaBusOptions) {
    const log = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 5_000 },
      logLevel: logLevel.WARN,
      // kafkajs reports every failed connection attempt; our callers retry and log what matters.
      logCreator:
        () =>
        ({ namespace, log: entry }) => {
          const { message, ...rest } = entry;
          log.debug({ ...rest, namespace }, message);
        },
    });
  }

  async send(topic: string, messages: BusMessage[]): Promise<void> {
    const producer = await this.connectedProducer();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    } catch (error) {
      // Drop the producer so the next attempt reconnects from scratch.
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const controller = new AbortController();
    let consumer: Consumer | undefined;
    const log = this.options.logger.child({ component: 'consumer', groupId: options.groupId });
    const run = async () => {
      for (let attempt = 0; !controller.signal.aborted; attempt++) {
        try {
          consumer = this.kafka.consumer({
            groupId: options.groupId,
            sessionTimeout: 30_000,
            heartbeatInterval: 3_000,
            maxWaitTimeInMs: this.options.consumerMaxWaitMs ?? 5_000,
            allowAutoTopicCreation: true,
            retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
          });
          await this.ensureTopics(options.topics);
          await consumer.connect();
          await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
          const received = (topic: string, partition: number, message: KafkaMessage): ReceivedMessage => ({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            headers: headersToStrings(message.headers),
          });
          const joiner = options.onBatch ? new BatchJoiner(options.onBatch) : undefined;
          await consumer.run(
            joiner
              ? {
                  autoCommit: true,
                  eachBatchAutoResolve: false,
                  partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
                  eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
                    for (let i = 0; i < batch.messages.length; i += MAX_BATCH) {
                      if (!isRunning() || isStale()) return;
                      const chunk = batch.messages.slice(i, i + MAX_BATCH);
                      await joiner.handle(chunk.map((m) => received(batch.topic, batch.partition, m)));
                      resolveOffset(chunk.at(-1)!.offset);
                      await heartbeat();
                    }
                  },
                }
              : {
                  autoCommit: true,
                  eachMessage: async ({ topic, partition, message }) =>
                    options.onMessage(received(topic, partition, message)),
                },
          );
          log.info({ topics: options.topics }, 'consuming');
          return;
        } catch (error) {
          await consumer?.disconnect().catch(() => undefined);
          const delay = backoffDelay(attempt, 500, 15_000);
          log.warn({ error: (error as Error).message, retryInMs: delay }, 'cannot start consumer; retrying');
          await sleep(delay, controller.signal);
        }
      }
    };
    const started = run();
    const subscription: Subscription = {
      stop: async () => {
        controller.abort();
        await started;
        // disconnect() waits for the message in flight and commits the resolved offsets.
        await consumer?.disconnect().catch(() => undefined);
        this.subscriptions.delete(subscription);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Creates missing topics (partitions and replication from the broker's defaults) and waits for leaders. */
  async ensureTopics(topics: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length > 0)
        await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }

  async ping(timeoutMs = 2_000): Promise<void> {
    this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
    const admin = this.admin;
    const check = (async () => {
      await admin.connect();
      await admin.describeCluster();
    })();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([check, timeout]);
    } catch (error) {
      this.admin = undefined;
      await admin.disconnect().catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.producer?.disconnect().catch(() => undefined);
    await this.admin?.disconnect().catch(() => undefined);
    this.producer = undefined;
    this.admin = undefined;
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.producerConnecting ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true });
      try {
        await producer.connect();
        this.producer = producer;
        return producer;
      } finally {
        this.producerConnecting = undefined;
      }
    })();
    return this.producerConnecting;
  }
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? String(value[value.length - 1]) : String(value);
  }
  return result;
}

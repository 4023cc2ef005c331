/**
 * The messaging port: what services need from a broker, and nothing of kafkajs leaks past it.
 * Messages are CloudEvents in Kafka binary mode (ce_* headers, JSON value).
 */
export interface BusMessage {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

export interface ReceivedMessage extends BusMessage {
  topic: string;
  partition: number;
  offset: string;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /** Handles one message; when the promise settles the message counts as processed (its offset is committed). */
  onMessage: (message: ReceivedMessage) => Promise<void>;
  /**
   * Handles consecutive messages at once (when given, instead of `onMessage`): those of one partition
   * in order and together; batches of several partitions fetched together may come in one call. When
   * the promise resolves they all count as processed.
   */
  onBatch?: (messages: ReceivedMessage[]) => Promise<void>;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface EventBus {
  /** Sends messages to one topic; resolves only when the broker has acknowledged them all. */
  send(topic: string, messages: BusMessage[]): Promise<void>;
  /** Starts consuming; connection failures are retried in the background. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Creates the topics that do not exist yet. */
  ensureTopics(topics: string[]): Promise<void>;
  /** Answers when the broker does (cluster metadata within the timeout). */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

import { randomUUID } from 'node:crypto';
import { validateEventData } from '@govdata/contracts';
import type { EntityManager } from 'typeorm';
import { eventSource, ORIGIN_EXTENSION, type GovdataCloudEvent } from './cloud-event-codec.js';

/** Channel the outbox relay listens on; NOTIFY is delivered when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'govdata_outbox';

export interface NewEvent {
  /** Versioned event family, e.g. `identity.organisation.v1`; also the topic name (after the node prefix). */
  type: string;
  /** The record the event is about (its id); events of one subject keep their order. */
  subject: string;
  data: unknown;
  /** Partition key; defaults to the subject. */
  key?: string;
  /** Node where the record originated (defaults to this node). */
  origin?: string;
}

export interface PublisherIdentity {
  nodeCode: string;
  service: string;
  topicPrefix: string;
}

/**
 * Writes events into the service's outbox inside the caller's transaction: the event exists exactly
 * when the state change does. The payload is validated against its schema before it is accepted.
 */
export class EventPublisher {
  constructor(private readonly identity: PublisherIdentity) {}

  topicFor(type: string): string {
    return `${this.identity.topicPrefix}${type}`;
  }

  async publish(manager: EntityManager, event: NewEvent): Promise<string> {
    const data = validateEventData(event.type, event.data);
    const id = randomUUID();
    const cloudEvent: GovdataCloudEvent = {
      specversion: '1.0',
      id,
      type: event.type,
      source: eventSource(this.identity.nodeCode, this.identity.service),
      subject: event.subject,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      [ORIGIN_EXTENSION]: event.origin ?? this.identity.nodeCode,
      data,
    };
    await manager.query(
      'INSERT INTO outbox (event_id, topic, message_key, event_type, cloud_event) VALUES ($1, $2, $3, $4, $5)',
      [id, this.topicFor(event.type), event.key ?? event.subject, event.type, JSON.stringify(cloudEvent)],
    );
    // The payload names the schema, so the shared listener wakes only this service's relay.
    await manager.query('SELECT pg_notify($1, current_schema())', [OUTBOX_CHANNEL]);
    return id;
  }
}

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
    const [id] = await this.publishMany(manager, [event]);
    return id!;
  }

  /**
   * Writes several events in one statement (in order), for a transaction that makes many changes
   * at once; each payload is validated as `publish` does. Returns their ids.
   */
  async publishMany(manager: EntityManager, events: readonly NewEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = events.map((event) => {
      const data = validateEventData(event.type, event.data);
      const cloudEvent: GovdataCloudEvent = {
        specversion: '1.0',
        id: randomUUID(),
        type: event.type,
        source: eventSource(this.identity.nodeCode, this.identity.service),
        subject: event.subject,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        [ORIGIN_EXTENSION]: event.origin ?? this.identity.nodeCode,
        data,
      };
      return { cloudEvent, topic: this.topicFor(event.type), key: event.key ?? event.subject };
    });
    await manager.query(
      `INSERT INTO outbox (event_id, topic, message_key, event_type, cloud_event)
       SELECT e.id, e.topic, e.key, e.type, e.event
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
              WITH ORDINALITY AS e(id, topic, key, type, event, position)
        ORDER BY e.position`,
      [
        rows.map((r) => r.cloudEvent.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.cloudEvent.type),
        rows.map((r) => JSON.stringify(r.cloudEvent)),
      ],
    );
    // The payload names the schema, so the shared listener wakes only this service's relay.
    await manager.query('SELECT pg_notify($1, current_schema())', [OUTBOX_CHANNEL]);
    return rows.map((r) => r.cloudEvent.id);
  }
}

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
    return this.write(manager, events, true);
  }

  /**
   * As `publishMany`, for events whose data the caller has just built from values it checked against
   * their schemas (a replica around a record the link's envelope rules checked as catalog.entry.v1),
   * so the same schema does not run twice on a hot path. The guarantee stays the caller's: pin it
   * with a test that the data it builds passes `validateEventData`.
   */
  async publishManyChecked(manager: EntityManager, events: readonly NewEvent[]): Promise<string[]> {
    return this.write(manager, events, false);
  }

  private async write(manager: EntityManager, events: readonly NewEvent[], validate: boolean): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = events.map((event) => {
      const data = validate ? validateEventData(event.type, event.data) : event.data;
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
    // One round trip: the insert, and the NOTIFY (delivered at commit) whose payload names the
    // schema, so the shared listener wakes only this service's relay.
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox (event_id, topic, message_key, event_type, cloud_event)
         SELECT e.id, e.topic, e.key, e.type, e.event
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
                WITH ORDINALITY AS e(id, topic, key, type, event, position)
          ORDER BY e.position
       )
       SELECT pg_notify($6, current_schema())`,
      [
        rows.map((r) => r.cloudEvent.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.cloudEvent.type),
        rows.map((r) => JSON.stringify(r.cloudEvent)),
        OUTBOX_CHANNEL,
      ],
    );
    return rows.map((r) => r.cloudEvent.id);
  }
}

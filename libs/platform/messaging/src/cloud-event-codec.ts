import { CloudEvent, Kafka, type CloudEventV1 } from 'cloudevents';
import type { BusMessage } from './event-bus.port.js';

/** Extension attribute naming the node where an event was first produced. */
export const ORIGIN_EXTENSION = 'govdataorigin';

export type GovdataCloudEvent = CloudEventV1<unknown>;

/** The CloudEvents `source` of events produced by a service of a node. */
export function eventSource(nodeCode: string, service: string): string {
  return `urn:govdata:node:${nodeCode}:${service}`;
}

/** Encodes a CloudEvent in Kafka binary content mode: `ce_*` headers and a JSON value. */
export function encodeCloudEvent(event: GovdataCloudEvent, key: string): BusMessage {
  const message = Kafka.binary(new CloudEvent(event));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) if (value !== undefined) headers[name] = String(value);
  return { key, headers, value: JSON.stringify(event.data ?? null) };
}

/** Decodes and validates a Kafka message as a CloudEvent 1.0; throws with the reason when it is not one. */
export function decodeCloudEvent(message: {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}): GovdataCloudEvent {
  const headers = { ...message.headers };
  if (!('content-type' in headers)) headers['content-type'] = 'application/json';
  const kafkaMessage = { headers, key: message.key, value: message.value, body: message.value };
  const event = Kafka.toEvent(kafkaMessage as Parameters<typeof Kafka.toEvent>[0]) as CloudEvent<unknown>;
  if (Array.isArray(event)) throw new Error('batched CloudEvents are not accepted');
  for (const attribute of ['id', 'source', 'type', 'specversion'] as const) {
    if (!event[attribute]) throw new Error(`the CloudEvent attribute "${attribute}" is missing`);
  }
  event.validate();
  if (typeof event.data === 'string') {
    try {
      return { ...event, data: JSON.parse(event.data) } as GovdataCloudEvent;
    } catch {
      throw new Error('the event data is not valid JSON');
    }
  }
  return event as GovdataCloudEvent;
}

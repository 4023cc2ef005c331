export * from './event-bus.port.js';
export * from './kafkajs-event-bus.js';
export * from './cloud-event-codec.js';
export * from './event-publisher.js';
export * from './outbox-relay.js';
export * from './notification-listener.js';
export * from './kafka-event-server.js';
export * from './backoff.js';

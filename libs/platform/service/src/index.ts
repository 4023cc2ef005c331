export * from './service-definition.js';
export * from './platform.tokens.js';
export * from './problem-details.filter.js';
export * from './start-service.js';
export * from './zod-body.js';
export * from './on-event.decorator.js';
export { EventContext } from '@govdata/platform-messaging';
export * from './run-main.js';
export * from './openapi.js';

export * from './gateway.service-definition.js';
export * from './node-status.service.js';

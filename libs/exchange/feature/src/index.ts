export * from './exchange.service-definition.js';

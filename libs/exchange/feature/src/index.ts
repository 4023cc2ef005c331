export * from './exchange.service-definition.js';
export * from './policy/index.js';

export * from './json-logger.js';
export * from './safe-error.js';

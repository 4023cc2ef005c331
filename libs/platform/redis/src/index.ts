export * from './redis-client.js';
export * from './cache.js';
export * from './rate-limiter.js';
export * from './lock.js';
export * from './token-revocations.js';

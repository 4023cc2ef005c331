export * from './error-codes.js';
export * from './govdata-error.js';
export * from './problem-details.js';
export * from './zod-messages.js';

export * from './unified-social-credit-code.js';
export * from './node-code.js';
export * from './region-code.js';
export * from './uuid.js';
export * from './compound-surnames.js';

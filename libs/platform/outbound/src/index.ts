export * from './ip-address.js';
export * from './outbound-rules.js';
export * from './outbound-policy.js';
export * from './undici-connector.js';

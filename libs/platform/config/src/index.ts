export * from './node-config.schema.js';
export * from './load-node-config.js';
export * from './config-error.js';
export * from './infrastructure-endpoints.js';
export * from './portal-directory.js';

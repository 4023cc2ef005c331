export * from './service-registry.js';
export * from './start-node.js';
export * from './node-instance.js';
export * from './supervisor.js';

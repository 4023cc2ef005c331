export * from './service-registry.js';
export * from './start-node.js';

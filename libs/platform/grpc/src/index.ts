export * from './grpc-server-options.js';
export * from './grpc-health-client.js';
export * from './grpc-error.js';

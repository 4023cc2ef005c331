export * from './principal.js';
export * from './token-verifier.js';
export * from './auth.guard.js';
export * from './policy.js';
export * from './service-token.js';
export * from './grpc-auth.guard.js';
export * from './auth.exception.js';

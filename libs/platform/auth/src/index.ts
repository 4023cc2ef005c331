export * from './principal.js';
export * from './token-verifier.js';
export * from './auth.guard.js';

export * from './aead.js';
export * from './crypto-profile.js';
export * from './crypto.exception.js';
export * from './sm2.js';
export * from './sm3.js';
export * from './sm2-jws.js';
export * from './key-file.js';

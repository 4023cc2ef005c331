export * from './tree-hasher.js';

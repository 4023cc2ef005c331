export * from './script-fold.js';

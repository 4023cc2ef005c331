export * from './federation.service-definition.js';

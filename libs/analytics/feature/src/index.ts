export * from './analytics.service-definition.js';

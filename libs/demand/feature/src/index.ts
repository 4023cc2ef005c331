export * from './demand.service-definition.js';

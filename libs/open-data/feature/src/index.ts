export * from './open-data.service-definition.js';

export * from './governance.service-definition.js';

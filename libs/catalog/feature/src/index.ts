export * from './catalog.service-definition.js';
export * from './organisation-directory/organisation-ref.repository.js';
export * from './clocks/index.js';

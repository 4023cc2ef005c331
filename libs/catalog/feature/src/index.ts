export * from './catalog.service-definition.js';
export * from './organisation-directory/organisation-ref.repository.js';
export * from './clocks/index.js';
export { FAILED_CHECK_MIN_MS } from './mounts/postgres-table-probe.js';

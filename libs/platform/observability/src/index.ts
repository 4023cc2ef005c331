export * from './readiness.js';
export * from './health.controller.js';
export * from './metrics.js';
export * from './metrics.controller.js';
export * from './observability.module.js';
export * from './monitoring-access.js';

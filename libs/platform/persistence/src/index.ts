export * from './service-schema.js';
export * from './provision-node-database.js';
export * from './service-data-source.js';
export * from './platform-migrations.js';
export * from './unique-violation.js';
export * from './modified-rows.js';
export * from './sql-logger.js';

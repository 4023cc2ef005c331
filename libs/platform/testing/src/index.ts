export * from './test-node-config.js';
export * from './free-port.js';
export * from './wait-for.js';
export * from './node-process.js';
export * from './node-sql.js';
export * from './gateway-api.js';
export * from './internal-caller.js';

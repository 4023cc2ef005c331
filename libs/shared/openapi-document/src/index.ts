export * from './openapi-document.exception.js';
export * from './openapi-document.js';
export * from './check-openapi.js';

// Generated from proto/ (npm run contracts:generate); namespaced so message names never clash.
export * as catalogV1 from './generated/govdata/catalog/v1/catalog_service.js';
export * as catalogMountsV1 from './generated/govdata/catalog/v1/catalog_mounts.js';
export * as exchangeV1 from './generated/govdata/exchange/v1/exchange_service.js';
export * as federationV1 from './generated/govdata/federation/v1/federation_link.js';
export * as federationRoutingV1 from './generated/govdata/federation/v1/routing.js';
export * as identityV1 from './generated/govdata/identity/v1/organisation_directory.js';
export * as nodeV1 from './generated/govdata/node/v1/service_status.js';
export * from './proto-paths.js';
export * from './events/event-payloads.js';
export * from './events/event-registry.js';
export * from './events/event-schema-error.js';

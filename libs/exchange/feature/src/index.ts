export * from './exchange.service-definition.js';
export * from './policy/index.js';
export * from './calls/provider-call.js';
export { ProviderCallUseCase } from './calls/provider-call.usecase.js';
export { CALL_ID_HEADER, LEDGER_INDEX_HEADER } from './calls/exchange-calls.controller.js';
export { auditLogOrigin } from './audit/audit-log.service.js';
export { auditSigningKeyPath } from './audit/audit-signing-key.js';

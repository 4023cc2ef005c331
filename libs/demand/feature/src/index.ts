export * from './demand.service-definition.js';
export { BusinessClock, businessDate } from './clocks/business-clock.js';
export { STEP_WORKING_DAYS } from './clocks/step-deadlines.js';
export { DEFAULT_BURST, DEFAULT_RATE_PER_SECOND } from './applications/grant-terms.js';
export { ApplicationExpiryService } from './applications/application-expiry.service.js';
export { ApplicationConflictRule, ApplicationRule } from './applications/application.exception.js';
export { LegalGroundConflictRule, LegalGroundRule } from './legal-grounds/legal-ground.exception.js';
export { EntryLookupRule } from './ledger/ledger.exception.js';

export * from './federation.service-definition.js';
export * from './enrolment/node-enrolment.client.js';
export { EnrolmentRule } from './enrolment/enrolment.exception.js';
export { createLinkClient } from './links/link-protocol.js';
export { ParentLink } from './links/parent-link.js';
export { FALLBACK_POLL_MS } from './links/log-notifications.js';

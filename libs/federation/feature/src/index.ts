export * from './federation.service-definition.js';
export * from './enrolment/node-enrolment.client.js';
export { createLinkClient } from './links/link-protocol.js';

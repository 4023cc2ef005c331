export * from './federation.service-definition.js';
export * from './enrolment/node-enrolment.client.js';

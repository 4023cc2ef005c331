export * from './pki.exception.js';
export * from './node-identity.js';
export * from './node-key.js';
export {
  joinPemBundle,
  nodeOfCertificate,
  normalizeSerial,
  splitPemBundle,
  type NamedNode,
} from './certificate-fields.js';
export * from './certificate-request.js';
export * from './node-ca.js';
export * from './verify-node-chain.js';
export * from './revocation-list.js';
export * from './rotation.js';
export * from './node-pki-store.js';
export * from './mtls.js';

// tsyringe, which @peculiar/x509 uses for its algorithm registry, needs the Reflect metadata
// polyfill loaded before it. Every module of this library imports x509 from here, never directly.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { registerSm2 } from './sm2-webcrypto.js';

// Node's WebCrypto, with SM2/SM3 added for the 国密 profile (everything else goes to Node unchanged).
registerSm2();

export { x509 };

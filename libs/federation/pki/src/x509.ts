// tsyringe, which @peculiar/x509 uses for its algorithm registry, needs the Reflect metadata
// polyfill loaded before it. Every module of this library imports x509 from here, never directly.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export { x509 };

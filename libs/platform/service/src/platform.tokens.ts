/** Injection tokens of what the platform provides to every service's domain code. */
export const NODE_CONFIG = Symbol('NODE_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
export const EVENT_BUS = Symbol('EVENT_BUS');

import type { DynamicModule, Type } from '@nestjs/common';
import type { ProtoService } from '@govdata/contracts';
import type { ServiceName } from '@govdata/platform-config';
import type { ServicePersistence } from '@govdata/platform-persistence';
import type { RouteContentSecurityPolicy } from './security-headers.js';

/**
 * What a service contributes to a node: its domain module(s), its schema (entities + reviewed
 * migrations) and the gRPC services it serves besides the status and health every service has.
 * The same definition runs standalone (`apps/<service>`) and inside the all-in-one node process.
 */
export interface ServiceDefinition {
  name: ServiceName;
  imports: Array<Type<unknown> | DynamicModule>;
  persistence: ServicePersistence;
  grpcServices?: readonly ProtoService[];
  /** Serves Swagger UI for every service of the node at `/api/docs` (the gateway does). */
  servesApiDocs?: boolean;
  /**
   * CSPs for pages the service serves itself (e.g. the portal the gateway will serve at `/`);
   * every other answer gets the strict API policy. See `securityHeaders`.
   */
  contentSecurityPolicies?: readonly RouteContentSecurityPolicy[];
  /** Its HTTP port faces the network (the gateway's): it binds 0.0.0.0, not `internalBindHost`. */
  publicHttp?: boolean;
}

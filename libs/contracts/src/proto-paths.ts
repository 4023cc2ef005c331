import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Options as ProtoLoaderOptions } from '@grpc/proto-loader';

/**
 * The folder holding `govdata/<area>/v1/*.proto`, found by walking up from this file until a folder
 * with `proto/govdata` appears — so it resolves from the sources (vitest) and from the compiled
 * `dist/libs/contracts/src` alike. A deployment that ships `dist/` ships `proto/` beside it.
 */
export const PROTO_ROOT: string = findProtoRoot(import.meta.dirname);

/** One gRPC service and the proto file that declares it. */
export interface ProtoService {
  /** Protobuf package, e.g. `govdata.node.v1` (the `package` of a NestJS gRPC transport). */
  readonly package: string;
  /** Service name inside the package, e.g. `ServiceStatusService`. */
  readonly service: string;
  /** Path relative to {@link PROTO_ROOT}, as proto imports spell it. */
  readonly file: string;
  /** Absolute path (the `protoPath` of a NestJS gRPC transport). */
  readonly path: string;
}

/** `ServiceStatusService`: what every service of a node says about itself. */
export const NODE_V1: ProtoService = protoService('govdata.node.v1', 'ServiceStatusService', 'service_status.proto');

/** `OrganisationDirectoryService`: the organisations (组织机构) on a node. */
export const IDENTITY_V1: ProtoService = protoService(
  'govdata.identity.v1',
  'OrganisationDirectoryService',
  'organisation_directory.proto',
);

/** `CatalogService`: the node's government data catalog (政务数据目录). */
export const CATALOG_V1: ProtoService = protoService('govdata.catalog.v1', 'CatalogService', 'catalog_service.proto');

/** `CatalogMountsService`: where the tables mounted on entries are, for the node's services that read them. */
export const CATALOG_MOUNTS_V1: ProtoService = protoService(
  'govdata.catalog.v1',
  'CatalogMountsService',
  'catalog_mounts.proto',
);

/** `FederationLinkService`: the mTLS link a child node holds to its parent (upward replication). */
export const FEDERATION_LINK_V1: ProtoService = protoService(
  'govdata.federation.v1',
  'FederationLinkService',
  'federation_link.proto',
);

/** `ExchangeService`: calls of granted API resources through the node's exchange (共享交换). */
export const EXCHANGE_V1: ProtoService = protoService(
  'govdata.exchange.v1',
  'ExchangeService',
  'exchange_service.proto',
);

/** `RoutingService`: a service of this node asks its federation service to carry a call to another node. */
export const ROUTING_V1: ProtoService = protoService('govdata.federation.v1', 'RoutingService', 'routing.proto');

/** `RoutedDeliveryService`: implemented by a service that takes calls from other nodes. */
export const ROUTED_DELIVERY_V1: ProtoService = protoService(
  'govdata.federation.v1',
  'RoutedDeliveryService',
  'routing.proto',
);

export const PROTO_SERVICES: readonly ProtoService[] = [
  NODE_V1,
  IDENTITY_V1,
  CATALOG_V1,
  CATALOG_MOUNTS_V1,
  FEDERATION_LINK_V1,
  ROUTING_V1,
  ROUTED_DELIVERY_V1,
  EXCHANGE_V1,
];

/**
 * @grpc/proto-loader options that produce the objects the generated types describe: camelCase
 * fields, int64 as number, enums as their numbers (the loader's default), zero values and empty
 * lists present, no virtual oneof-name fields. Servers and clients use these (the `loader` of a
 * NestJS gRPC transport) so both ends agree.
 */
export const PROTO_LOADER_OPTIONS: ProtoLoaderOptions = {
  keepCase: false,
  longs: Number,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: false,
  includeDirs: [PROTO_ROOT],
};

function protoService(pkg: string, service: string, fileName: string): ProtoService {
  const file = `${pkg.replace(/\./g, '/')}/${fileName}`;
  return { package: pkg, service, file, path: join(PROTO_ROOT, file) };
}

function findProtoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'proto', 'govdata'))) return join(dir, 'proto');
    if (dirname(dir) === dir) {
      throw new Error(`no proto/govdata folder in ${start} or any folder above it: ship proto/ with the build`);
    }
  }
}

import { type Server as GrpcServer } from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { PROTO_LOADER_OPTIONS, type ProtoService } from '@govdata/contracts';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';

export interface GrpcServerSetup {
  /** host:port to bind. */
  url: string;
  services: readonly ProtoService[];
  /** Serves grpc.health.v1; its statuses follow readiness. */
  health: HealthImplementation;
}

/**
 * Options for a Nest gRPC transport that also serves grpc.health.v1 and server reflection
 * (v1 and v1alpha), so `grpcurl -plaintext host:port list` works against any service.
 */
export function grpcServerOptions(setup: GrpcServerSetup): GrpcOptions {
  const files = [...new Set(setup.services.map((s) => s.path))];
  return {
    transport: Transport.GRPC,
    options: {
      url: setup.url,
      package: [...new Set(setup.services.map((s) => s.package))],
      protoPath: files,
      loader: PROTO_LOADER_OPTIONS,
      gracefulShutdown: true,
      onLoadPackageDefinition: (definition: PackageDefinition, server: GrpcServer) => {
        // Reflection describes our services (from the definition the server loaded) and health.
        const health = loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
        new ReflectionService({ ...definition, ...health }).addToServer(server);
        setup.health.addToServer(server);
      },
    },
  };
}

export type { HealthImplementation };
export { HealthImplementation as GrpcHealth } from 'grpc-health-check';

/** Loads proto files with the shared loader options (for clients). */
export function loadProtos(services: readonly ProtoService[]): PackageDefinition {
  return loadSync([...new Set(services.map((s) => s.path))], PROTO_LOADER_OPTIONS);
}

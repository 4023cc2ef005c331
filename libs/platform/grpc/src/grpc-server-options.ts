import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type Client as GrpcClient,
  type ServiceError,
  type Server as GrpcServer,
} from '@grpc/grpc-js';
import { loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { PROTO_LOADER_OPTIONS, type ProtoService } from '@govdata/contracts';
import { HealthImplementation, protoPath as healthProtoPath } from 'grpc-health-check';
import { fromGrpcError } from './grpc-error.js';

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

type UnaryCallback<R> = (error: ServiceError | null, response: R) => void;

export interface GrpcClientOptions {
  /** Per call; default 5 s. */
  deadlineMs?: number;
  /**
   * Metadata every call carries, asked for before each call: the caller's credentials (a service
   * token from `ServiceTokens.credentialsFor(<called service>)`, renewed as it ages).
   */
  credentials?: () => Promise<Record<string, string>>;
}

/**
 * A promise-returning client for one of our gRPC services, loaded with the shared loader options.
 * `call('Describe', {})` rejects with a GovdataError (status mapped back) on failure.
 */
export function createGrpcClient(service: ProtoService, address: string, options: GrpcClientOptions = {}) {
  const loaded = loadPackageDefinition(loadProtos([service])) as unknown as Record<string, unknown>;
  let node: unknown = loaded;
  for (const part of `${service.package}.${service.service}`.split('.')) node = (node as Record<string, unknown>)[part];
  const Client = node as new (
    address: string,
    creds: ReturnType<typeof credentials.createInsecure>,
  ) => GrpcClient &
    Record<
      string,
      (request: unknown, meta: Metadata, opts: { deadline: Date }, callback: UnaryCallback<unknown>) => void
    >;
  const client = new Client(address, credentials.createInsecure());
  return {
    async call<Res>(method: string, request: object, metadata = new Metadata()): Promise<Res> {
      if (options.credentials) {
        metadata = metadata.clone();
        for (const [key, value] of Object.entries(await options.credentials())) metadata.set(key, value);
      }
      return new Promise<Res>((resolve, reject) => {
        const deadline = new Date(Date.now() + (options.deadlineMs ?? 5_000));
        client[method]!(request, metadata, { deadline }, (error, response) =>
          error ? reject(fromGrpcError(error)) : resolve(response as Res),
        );
      });
    },
    close: () => client.close(),
  };
}

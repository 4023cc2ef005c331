import { credentials, loadPackageDefinition, type Client, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

export type ServingState = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' | 'UNREACHABLE';

type HealthClient = Client & {
  check(
    request: { service: string },
    options: { deadline: Date },
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
};

let HealthClientCtor:
  (new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => HealthClient) | undefined;

function healthClientCtor() {
  if (!HealthClientCtor) {
    const definition = loadSync(healthProtoPath, { keepCase: true, enums: String, defaults: true });
    const loaded = loadPackageDefinition(definition) as unknown as {
      grpc: { health: { v1: { Health: typeof HealthClientCtor } } };
    };
    HealthClientCtor = loaded.grpc.health.v1.Health;
  }
  return HealthClientCtor!;
}

/** Asks a gRPC server for its health (grpc.health.v1 Check) with a deadline. */
export async function checkGrpcHealth(address: string, service = '', timeoutMs = 1_000): Promise<ServingState> {
  const Ctor = healthClientCtor();
  const client = new Ctor(address, credentials.createInsecure());
  try {
    return await new Promise<ServingState>((resolve) => {
      client.check({ service }, { deadline: new Date(Date.now() + timeoutMs) }, (error, response) => {
        if (error) resolve(error.code === 5 ? 'SERVICE_UNKNOWN' : 'UNREACHABLE');
        else resolve((response?.status as ServingState | undefined) ?? 'UNKNOWN');
      });
    });
  } finally {
    client.close();
  }
}

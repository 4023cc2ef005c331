import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ClientDuplexStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { NODE_V1, PROTO_LOADER_OPTIONS, type nodeV1 } from '@govdata/contracts';
import { checkGrpcHealth } from '@govdata/platform-grpc';
import type { RunningService } from '@govdata/platform-service';
import { waitFor } from '@govdata/platform-testing';
import { startProbeNode, type ProbeNode } from './probe-service.js';

type Ctor<T> = new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => T;

/** What `grpcurl -plaintext host:port list` asks: the server reflection service. */
function listServices(address: string): Promise<string[]> {
  const reflectionProto = join(
    dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
    '../proto/grpc/reflection/v1/reflection.proto',
  );
  const loaded = loadPackageDefinition(loadSync(reflectionProto, { keepCase: true })) as any;
  const Reflection = loaded.grpc.reflection.v1.ServerReflection as Ctor<
    Client & { ServerReflectionInfo(): ClientDuplexStream<unknown, any> }
  >;
  const client = new Reflection(address, credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const call = client.ServerReflectionInfo();
    call.on('data', (response: { list_services_response?: { service: Array<{ name: string }> } }) => {
      resolve(response.list_services_response?.service.map((s) => s.name) ?? []);
      call.end();
      client.close();
    });
    call.on('error', reject);
    call.write({ list_services: '' });
  });
}

describe('gRPC on every service', () => {
  let node: ProbeNode;
  let service: RunningService;

  beforeAll(async () => {
    node = await startProbeNode();
    service = node.service;
  });

  afterAll(() => node?.stop());

  it('lists its services through reflection, as grpcurl does', async () => {
    const names = await listServices(service.grpcAddress);
    expect(names).toEqual(expect.arrayContaining(['govdata.node.v1.ServiceStatusService', 'grpc.health.v1.Health']));
  });

  it('answers grpc.health.v1 Check with SERVING once ready', async () => {
    expect(
      await waitFor(
        async () => ((await checkGrpcHealth(service.grpcAddress)) === 'SERVING' ? 'SERVING' : undefined),
        10_000,
        'SERVING',
      ),
    ).toBe('SERVING');
    expect(await checkGrpcHealth(service.grpcAddress, 'govdata.node.v1.ServiceStatusService')).toBe('SERVING');
  });

  it('describes itself over govdata.node.v1.ServiceStatusService', async () => {
    const loaded = loadPackageDefinition(loadSync(NODE_V1.path, PROTO_LOADER_OPTIONS)) as any;
    const Status = loaded.govdata.node.v1.ServiceStatusService as Ctor<
      Client & {
        Describe: (
          request: object,
          callback: (error: ServiceError | null, value: nodeV1.DescribeResponse) => void,
        ) => void;
      }
    >;
    const client = new Status(service.grpcAddress, credentials.createInsecure());
    const response = await new Promise<nodeV1.DescribeResponse>((resolve, reject) =>
      client.Describe({}, (error: ServiceError | null, value: nodeV1.DescribeResponse) =>
        error ? reject(error) : resolve(value),
      ),
    );
    client.close();
    expect(response).toMatchObject({ nodeCode: '100000', nodeLevel: 'national', service: 'analytics', ready: true });
    expect(response.checks.map((c) => c.name)).toEqual(['postgres', 'schema', 'redis', 'kafka']);
  });

  it('says NOT_SERVING while draining, before the server goes away', async () => {
    service.readiness.markDraining();
    // The gRPC health status follows readiness as soon as a shutdown starts.
    await waitFor(async () => (await checkGrpcHealth(service.grpcAddress)) === 'NOT_SERVING', 10_000, 'NOT_SERVING');
  });
});

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials, loadPackageDefinition, type Client, type ClientDuplexStream } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { IDENTITY_V1, NODE_V1, type nodeV1 } from '@govdata/contracts';
import { checkGrpcHealth, createGrpcClient } from '@govdata/platform-grpc';
import type { RunningService } from '@govdata/platform-service';
import { internalCaller, waitFor } from '@govdata/platform-testing';
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

  it('maps an unknown method to a GovdataError with the gRPC status turned back into a code', async () => {
    const client = createGrpcClient(IDENTITY_V1, service.grpcAddress);
    // This service does not serve the identity directory: UNIMPLEMENTED comes back as an internal error.
    await expect(client.call('ListOrganisations', {})).rejects.toMatchObject({
      name: 'GovdataError',
      code: 'internal',
    });
    client.close();
  });

  it('describes itself over govdata.node.v1.ServiceStatusService', async () => {
    // Another service of the node asks; without credentials the answer is UNAUTHENTICATED.
    const anonymous = createGrpcClient(NODE_V1, service.grpcAddress);
    await expect(anonymous.call('Describe', {})).rejects.toMatchObject({ code: 'unauthenticated' });
    anonymous.close();
    const asGateway = await internalCaller(node.config, 'gateway');
    const client = createGrpcClient(NODE_V1, service.grpcAddress, {
      credentials: asGateway.credentialsFor('analytics'),
    });
    const response = await client.call<nodeV1.DescribeResponse>('Describe', {});
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

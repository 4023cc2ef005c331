import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  status,
  type Client,
  type ClientReadableStream,
} from '@grpc/grpc-js';
import {
  CATALOG_MOUNTS_V1,
  CATALOG_V1,
  IDENTITY_V1,
  NODE_V1,
  ROUTED_DELIVERY_V1,
  ROUTING_V1,
  type catalogV1,
  type federationRoutingV1,
  type identityV1,
  type ProtoService,
} from '@govdata/contracts';
import { SERVICE_TOKEN_METADATA, serviceTokenKeyPath, ServiceTokenKey, ServiceTokens } from '@govdata/platform-auth';
import { createGrpcClient, loadProtos } from '@govdata/platform-grpc';
import { internalCaller } from '@govdata/platform-testing';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { startFullNode, type FullNode } from '../exchange/full-node.js';

/**
 * Issue 11, finding 1: the node's internal gRPC was open to anyone who reached its ports. Each probe
 * of the finding is repeated here and must now be refused; the node's own cross-service calls keep
 * working (tests/exchange/cross-node, tests/demand/cross-node, tests/federation/routing).
 */
describe('internal gRPC is authenticated and bound to loopback', () => {
  let full: FullNode;

  const routedCall = (service: string, destination: string): federationRoutingV1.RoutedCall => ({
    callId: randomUUID(),
    origin: '',
    destination,
    service,
    method: service === 'exchange' ? 'exchange.call' : 'catalog.get-entry',
    payload: Buffer.from('{}'),
    deadlineMs: Date.now() + 10_000,
    path: [],
  });

  /** One call to `address` with exactly these credentials (none: no metadata at all). */
  async function callWith<Res>(
    service: ProtoService,
    address: string,
    method: string,
    request: object,
    credentials: Record<string, string> = {},
  ): Promise<Res> {
    const client = createGrpcClient(service, address, { credentials: async () => credentials });
    try {
      return await client.call<Res>(method, request);
    } finally {
      client.close();
    }
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const serviceToken = async (tokens: ServiceTokens, audience: string) => tokens.credentialsFor(audience)();

  beforeAll(async () => {
    full = await startFullNode();
  }, 180_000);

  afterAll(() => full?.close());

  it('refuses every probed method without credentials: UNAUTHENTICATED', async () => {
    const { node, exchange, federation } = full;
    const code = node.config.node.code;
    const unauthenticated = { name: 'GovdataError', code: 'unauthenticated' };
    await expect(
      callWith(ROUTED_DELIVERY_V1, exchange.grpcAddress, 'Deliver', { call: routedCall('exchange', code) }),
    ).rejects.toMatchObject(unauthenticated);
    await expect(
      callWith(ROUTED_DELIVERY_V1, node.catalog.grpcAddress, 'Deliver', { call: routedCall('catalog', code) }),
    ).rejects.toMatchObject(unauthenticated);
    await expect(
      callWith(ROUTING_V1, federation!.grpcAddress, 'Call', { call: routedCall('exchange', '360000') }),
    ).rejects.toMatchObject(unauthenticated);
    await expect(
      callWith(CATALOG_V1, node.catalog.grpcAddress, 'ListEntries', { readerOrganisationId: node.orgB.id }),
    ).rejects.toMatchObject(unauthenticated);
    await expect(callWith(IDENTITY_V1, node.gateway.grpcAddress, 'ListOrganisations', {})).rejects.toMatchObject(
      unauthenticated,
    );
    await expect(callWith(NODE_V1, exchange.grpcAddress, 'Describe', {})).rejects.toMatchObject(unauthenticated);
  });

  it("keeps department B's drafts from a user of department A, whatever reader it names", async () => {
    const { node } = full;
    const editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    const editorB = await node.token(node.orgB, ['catalog-editor'], 'editor-b');
    const draftOf = async (token: string, name: string) => {
      const created = await node.api('POST', '/api/v1/catalog/entries', {
        token,
        body: { content: sampleEntry({ name }) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.id as string;
    };
    const draftA = await draftOf(editorA, '甲部门草稿');
    const draftB = await draftOf(editorB, '乙部门草稿');

    // Naming department B as the reader is refused outright (403), not answered with B's view.
    await expect(
      callWith(
        CATALOG_V1,
        node.catalog.grpcAddress,
        'ListEntries',
        { readerOrganisationId: node.orgB.id, pageSize: 200 },
        bearer(editorA),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      callWith(
        CATALOG_V1,
        node.catalog.grpcAddress,
        'GetEntry',
        { idOrCode: draftB, readerOrganisationId: node.orgB.id },
        bearer(editorA),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });

    // The reader is the token's organisation: its own draft, never the other department's.
    const listed = await callWith<catalogV1.ListEntriesResponse>(
      CATALOG_V1,
      node.catalog.grpcAddress,
      'ListEntries',
      { pageSize: 200 },
      bearer(editorA),
    );
    const ids = listed.entries.map((e) => e.id);
    expect(ids).toContain(draftA);
    expect(ids).not.toContain(draftB);
    await expect(
      callWith(CATALOG_V1, node.catalog.grpcAddress, 'GetEntry', { idOrCode: draftB }, bearer(editorA)),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("streams every entry's transitions to the node's services, not to a department's user", async () => {
    const { node } = full;
    const loaded = loadPackageDefinition(loadProtos([CATALOG_V1])) as any;
    const Ctor = loaded.govdata.catalog.v1.CatalogService as new (
      a: string,
      c: unknown,
    ) => Client & {
      WatchEntryChanges(request: object, metadata: Metadata): ClientReadableStream<{ toState: string }>;
    };
    const client = new Ctor(node.catalog.grpcAddress, credentials.createInsecure());
    const watch = (metadata: Metadata) =>
      new Promise<string[]>((resolve, reject) => {
        const states: string[] = [];
        const stream = client.WatchEntryChanges({ afterSequence: 0, follow: false }, metadata);
        stream.on('data', (change: { toState: string }) => states.push(change.toState));
        stream.on('error', reject);
        stream.on('end', () => resolve(states));
      });
    try {
      const editor = new Metadata();
      editor.set('authorization', `Bearer ${await node.token(node.orgA, ['catalog-editor'], 'editor-a')}`);
      await expect(watch(editor)).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(watch(new Metadata())).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      const service = new Metadata();
      const asAnalytics = await internalCaller(node.config, 'analytics');
      service.set(SERVICE_TOKEN_METADATA, await asAnalytics.token('catalog'));
      expect(await watch(service)).toContain('draft');
    } finally {
      client.close();
    }
  });

  it('lists to a data-admin its own organisation only, and to other roles nothing', async () => {
    const { node } = full;
    const dataAdminA = await node.token(node.orgA, ['data-admin'], 'data-admin-a');
    const listed = await callWith<identityV1.ListOrganisationsResponse>(
      IDENTITY_V1,
      node.gateway.grpcAddress,
      'ListOrganisations',
      { pageSize: 100 },
      bearer(dataAdminA),
    );
    expect(listed.organisations.map((o) => o.id)).toEqual([node.orgA.id]);
    await expect(
      callWith(IDENTITY_V1, node.gateway.grpcAddress, 'GetOrganisation', { id: node.orgB.id }, bearer(dataAdminA)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const editorA = await node.token(node.orgA, ['catalog-editor'], 'editor-a');
    await expect(
      callWith(IDENTITY_V1, node.gateway.grpcAddress, 'ListOrganisations', {}, bearer(editorA)),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // The node's own services see the whole directory.
    const asCatalog = await internalCaller(node.config, 'catalog');
    const all = await callWith<identityV1.ListOrganisationsResponse>(
      IDENTITY_V1,
      node.gateway.grpcAddress,
      'ListOrganisations',
      { pageSize: 100 },
      await serviceToken(asCatalog, 'gateway'),
    );
    expect(all.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([node.orgA.id, node.orgB.id]));
  });

  it('refuses a service token signed with another key: UNAUTHENTICATED', async () => {
    const { node, exchange } = full;
    const forged = new ServiceTokens(ServiceTokenKey.generate(), node.config.node.code, 'federation');
    await expect(
      callWith(
        ROUTED_DELIVERY_V1,
        exchange.grpcAddress,
        'Deliver',
        { call: routedCall('exchange', node.config.node.code) },
        await serviceToken(forged, 'exchange'),
      ),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    // The real key stays in the node's data folder, readable by the node's user only.
    expect(statSync(serviceTokenKeyPath(node.config.node.dataDir)).mode & 0o777).toBe(0o600);
  });

  it('refuses a valid token of a service that may not call the method, and a user token: PERMISSION_DENIED', async () => {
    const { node, exchange, federation } = full;
    const code = node.config.node.code;
    const asGateway = await internalCaller(node.config, 'gateway');
    await expect(
      callWith(
        ROUTED_DELIVERY_V1,
        exchange.grpcAddress,
        'Deliver',
        { call: routedCall('exchange', code) },
        await serviceToken(asGateway, 'exchange'),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      callWith(
        ROUTING_V1,
        federation!.grpcAddress,
        'Call',
        { call: routedCall('exchange', '360000') },
        await serviceToken(asGateway, 'federation'),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // A token for another service is no token for this one.
    const asFederation = await internalCaller(node.config, 'federation');
    await expect(
      callWith(
        ROUTED_DELIVERY_V1,
        exchange.grpcAddress,
        'Deliver',
        { call: routedCall('exchange', code) },
        await serviceToken(asFederation, 'catalog'),
      ),
    ).rejects.toMatchObject({ code: 'unauthenticated' });
    const nodeAdmin = await node.token(node.orgA, ['node-admin', 'api-consumer'], 'admin');
    await expect(
      callWith(
        ROUTED_DELIVERY_V1,
        exchange.grpcAddress,
        'Deliver',
        { call: routedCall('exchange', code) },
        bearer(nodeAdmin),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });

    // The federation service itself is let through (and the exchange then judges the call).
    const delivered = await callWith<federationRoutingV1.DeliverResponse>(
      ROUTED_DELIVERY_V1,
      exchange.grpcAddress,
      'Deliver',
      { call: routedCall('exchange', '360000') },
      await serviceToken(asFederation, 'exchange'),
    );
    expect(delivered.reply?.message).toContain(`this is node ${code}`);
  });

  it('gives the tables mounted on an entry (sealed password and all) to the open-data service only', async () => {
    const { node } = full;
    const entry = await node.publishEntry(node.orgA);
    const mounts = (credentials: Record<string, string>) =>
      callWith(CATALOG_MOUNTS_V1, node.catalog.grpcAddress, 'ListTableMounts', { entryId: entry.id }, credentials);
    // Not a person, whatever their roles — not even the node's data authority.
    const authority = await node.token(node.orgB, ['data-admin', 'catalog-reviewer', 'node-admin'], 'authority');
    await expect(mounts(bearer(authority))).rejects.toMatchObject({ code: 'forbidden' });
    // Not another service of the node.
    const asExchange = await internalCaller(node.config, 'exchange');
    await expect(mounts(await serviceToken(asExchange, 'catalog'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(mounts({})).rejects.toMatchObject({ code: 'unauthenticated' });
    const asOpenData = await internalCaller(node.config, 'open-data');
    await expect(mounts(await serviceToken(asOpenData, 'catalog'))).resolves.toEqual({ mounts: [] });
  });

  it('listens for gRPC and internal HTTP on loopback only; the gateway faces the network', async (context) => {
    const address = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!address) {
      context.skip(); // no non-loopback IPv4 on this machine to try
      return;
    }
    const { node, exchange, federation } = full;
    const reachable = (port: number) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port, timeout: 2_000 });
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
        socket.once('timeout', () => (socket.destroy(), resolve(false)));
      });
    const services = node.config.services;
    for (const port of [
      services.exchange.grpc,
      services.federation.grpc,
      services.catalog.grpc,
      services.gateway.grpc,
    ]) {
      expect(await reachable(port), `gRPC port ${port} on ${address}`).toBe(false);
    }
    expect(await reachable(services.catalog.http), `catalog HTTP on ${address}`).toBe(false);
    expect(await reachable(services.gateway.http), `gateway HTTP on ${address}`).toBe(true);
    expect(exchange.grpcAddress.startsWith('127.0.0.1:') && federation!.grpcAddress.startsWith('127.0.0.1:')).toBe(
      true,
    );
  });

  it('lets a signed-in user or a service of the node ask a service how it is (ServiceStatus)', async () => {
    const { node, exchange } = full;
    const reader = await node.token(node.orgA, [], 'reader');
    const status = await callWith<{ service: string }>(NODE_V1, exchange.grpcAddress, 'Describe', {}, bearer(reader));
    expect(status.service).toBe('exchange');
    const metadata = new Metadata();
    metadata.set('authorization', 'Bearer not-a-token');
    const client = createGrpcClient(NODE_V1, exchange.grpcAddress);
    await expect(client.call('Describe', {}, metadata)).rejects.toMatchObject({ code: 'unauthenticated' });
    client.close();
  });
});

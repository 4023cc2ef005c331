import { randomUUID } from 'node:crypto';
import { Metadata, Server, ServerCredentials, status, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { ROUTED_DELIVERY_V1, ROUTING_V1, type federationRoutingV1, type federationV1 } from '@govdata/contracts';
import { createLinkClient, fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { NodePkiStore, nodeChannelCredentials } from '@govdata/federation-pki';
import { createGrpcClient, loadProtos } from '@govdata/platform-grpc';
import { encodeCloudEvent, eventSource } from '@govdata/platform-messaging';
import { freePort, internalCaller, TEST_KAFKA_BROKERS, waitFor } from '@govdata/platform-testing';
import { Kafka, logLevel } from 'kafkajs';
import type { DemandApplicationEventV1 } from '@govdata/contracts';
import { startFederationNode, type FederationNode } from './federation-harness.js';

const MINISTRY = '11100000000013338W';

/**
 * 跨节点调用 over the links: a call from 南昌 360100 to a ministry travels 360100 → 360000 → 100000 →
 * ministry and back; the other way it goes down the parents' tunnels. Each destination's "exchange" here
 * is a small RoutedDeliveryService that echoes what it was handed, so the test sees what arrived.
 */
describe('calls routed between nodes (360100 ⇄ ministry via 360000 and 100000)', () => {
  let national: FederationNode;
  let province: FederationNode;
  let city: FederationNode;
  let ministry: FederationNode;
  const echoes: Server[] = [];

  const linkOf = (node: FederationNode) => `127.0.0.1:${node.config.services.federation.link}`;

  async function enrol(parent: FederationNode, child: FederationNode): Promise<void> {
    const operator = await parent.token(['operator'], `user:ops@${parent.config.node.code}`);
    const { code, name, level } = child.config.node;
    const issued = await parent.api('POST', '/api/v1/federation/enrolment-tokens', {
      token: operator,
      body: { childCode: code, childName: name, level },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    await initNodeKey(child.config);
    const local = await requestEnrolment(child.config, issued.body.token as string);
    const approved = await parent.api('POST', `/api/v1/federation/enrolments/${local.id}/approve`, {
      token: operator,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect((await fetchEnrolment(child.config)).installed).toBeTruthy();
  }

  /** A stand-in for the destination's exchange: answers every delivered call with what it received. */
  async function echoAt(node: FederationNode): Promise<void> {
    const loaded = loadPackageDefinition(loadProtos([ROUTED_DELIVERY_V1])) as any;
    const server = new Server();
    server.addService(loaded.govdata.federation.v1.RoutedDeliveryService.service, {
      Deliver: (
        call: { request: federationRoutingV1.DeliverRequest },
        done: (e: null, r: federationRoutingV1.DeliverResponse) => void,
      ) => {
        const c = call.request.call!;
        const body = { at: node.config.node.code, origin: c.origin, method: c.method, payload: c.payload.toString() };
        done(null, { reply: { code: 0, message: '', payload: Buffer.from(JSON.stringify(body)), path: [] } });
      },
    });
    await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${node.config.services.exchange.grpc}`, ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    echoes.push(server);
  }

  async function callFrom(node: FederationNode, destination: string, payload = { q: 'ping' }) {
    // The node's exchange asks its federation service, with its service token.
    const asExchange = await internalCaller(node.config, 'exchange');
    const client = createGrpcClient(ROUTING_V1, `127.0.0.1:${node.config.services.federation.grpc}`, {
      deadlineMs: 20_000,
      credentials: asExchange.credentialsFor('federation'),
    });
    try {
      const response = await client.call<federationRoutingV1.CallResponse>('Call', {
        call: {
          callId: randomUUID(),
          origin: '',
          destination,
          service: 'exchange',
          method: 'exchange.call',
          payload: Buffer.from(JSON.stringify(payload)),
          deadlineMs: Date.now() + 10_000,
          path: [],
        },
      });
      return response.reply!;
    } finally {
      client.close();
    }
  }

  beforeAll(async () => {
    national = await startFederationNode({ services: { federation: { link: await freePort() } } });
    await initNodeKey(national.config);
    province = await startFederationNode({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: national.gateway.httpUrl, federation: linkOf(national) },
      },
      services: { federation: { link: await freePort() } },
    });
    city = await startFederationNode({
      node: {
        code: '360100',
        name: '南昌市政务数据共享平台',
        level: 'municipal',
        parent: { code: '360000', gateway: province.gateway.httpUrl, federation: linkOf(province) },
      },
    });
    ministry = await startFederationNode({
      node: {
        code: MINISTRY,
        name: '某部委数据共享平台',
        level: 'ministry',
        parent: { code: '100000', gateway: national.gateway.httpUrl, federation: linkOf(national) },
      },
    });
    await enrol(national, province);
    await enrol(province, city);
    await enrol(national, ministry);
    await echoAt(ministry);
    await echoAt(city);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(echoes.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))));
    await ministry?.close();
    await city?.close();
    await province?.close().catch(() => undefined); // its federation service is stopped by the last test
    await national?.close();
  });

  it('carries a call from the city up to national and down to the ministry, and the answer back', async () => {
    const reply = await waitFor(
      async () => {
        const r = await callFrom(city, MINISTRY);
        return r.code === 0 ? r : undefined;
      },
      60_000,
      'the links up and the call delivered',
    );
    expect(reply.path).toEqual(['360100', '360000', '100000', MINISTRY]);
    expect(JSON.parse(reply.payload.toString())).toEqual({
      at: MINISTRY,
      origin: '360100',
      method: 'exchange.call',
      payload: JSON.stringify({ q: 'ping' }),
    });
  });

  it('carries a call from the ministry down the tunnels of national and the province to the city', async () => {
    const reply = await callFrom(ministry, '360100', { q: 'down' });
    expect(reply.code).toBe(0);
    expect(reply.path).toEqual([MINISTRY, '100000', '360000', '360100']);
    expect(JSON.parse(reply.payload.toString())).toMatchObject({ at: '360100', origin: MINISTRY });
  });

  it('answers UNAVAILABLE at once for a node that is not connected, and NOT_FOUND-free for unknown codes', async () => {
    const absent = await callFrom(city, '440000');
    expect(absent).toMatchObject({ code: status.UNAVAILABLE, message: 'node 440000 is not connected' });
    expect(absent.path).toEqual(['360100', '360000', '100000']);
    const malformed = await callFrom(city, 'not-a-node');
    expect(malformed.code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses a call a child carries up with an origin outside its subtree', async () => {
    const identity = await new NodePkiStore(city.config.node.dataDir).loadTlsIdentity();
    const client = createLinkClient(linkOf(province), nodeChannelCredentials(identity, '360000'));
    const response = await new Promise<federationV1.ForwardResponse>((resolve, reject) =>
      client.Forward(
        {
          call: {
            callId: randomUUID(),
            origin: '110000',
            destination: MINISTRY,
            service: 'exchange',
            method: 'exchange.call',
            payload: Buffer.alloc(0),
            deadlineMs: Date.now() + 5_000,
            path: ['110000'],
          },
        },
        new Metadata(),
        { deadline: Date.now() + 5_000 },
        (error: ServiceError | null, r?: federationV1.ForwardResponse) => (error ? reject(error) : resolve(r!)),
      ),
    );
    client.close();
    expect(response.reply).toMatchObject({
      code: status.PERMISSION_DENIED,
      message: 'origin 110000 is not in the subtree of node 360100',
    });
  });

  it('carries each change of a sharing application to the other party’s node, both ways, through the logs', async () => {
    const kafka = new Kafka({ clientId: 'routing-test', brokers: TEST_KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    const id = randomUUID();
    const application = (version: number, state: DemandApplicationEventV1['application']['state']) => ({
      id,
      nodeCode: '360100',
      version,
      state,
      applicant: { organisationId: randomUUID(), nodeCode: '360100', subject: 'user:applicant@360100' },
      target: { kind: 'entry' as const, entryId: randomUUID(), providerNode: MINISTRY },
      requestedItems: ['姓名', '公民身份号码'],
      purpose: '社会救助资格核验',
      legalBasis: '《社会救助暂行办法》第十一条',
      validUntil: '2027-12-31',
      at: new Date().toISOString(),
    });
    /** As the demand service of `node` publishes a change it made. */
    const publishAt = async (node: FederationNode, data: DemandApplicationEventV1) => {
      const message = encodeCloudEvent(
        {
          specversion: '1.0',
          id: randomUUID(),
          type: 'demand.application.v1',
          source: eventSource(node.config.node.code, 'demand'),
          subject: id,
          datacontenttype: 'application/json',
          govdataorigin: node.config.node.code,
          data,
        },
        id,
      );
      await producer.send({ topic: `${node.config.kafka.topicPrefix}demand.application.v1`, messages: [message] });
    };
    const arrivedAt = (node: FederationNode, version: number) =>
      waitFor(
        async () =>
          (
            await node.sql<{ cloud_event: { govdataorigin: string; data: DemandApplicationEventV1 } }>(
              "SELECT cloud_event FROM outbox WHERE event_type = 'demand.application.v1' AND message_key = $1",
              [id],
            )
          ).find((r) => r.cloud_event.data.application.version === version),
        60_000,
        `version ${version} of the application at ${node.config.node.code}`,
      );
    try {
      await publishAt(city, { action: 'filed', application: application(1, 'provider-review') });
      const atMinistry = await arrivedAt(ministry, 1);
      expect(atMinistry.cloud_event.govdataorigin).toBe('360100');
      expect(atMinistry.cloud_event.data.application).toMatchObject({ id, state: 'provider-review' });

      await publishAt(ministry, { action: 'rejected', application: application(2, 'rejected') });
      const atCity = await arrivedAt(city, 2);
      expect(atCity.cloud_event.govdataorigin).toBe(MINISTRY);
      // Only the destination announces it; the nodes on the way just pass it on.
      expect(
        await province.sql("SELECT 1 FROM outbox WHERE event_type = 'demand.application.v1' AND message_key = $1", [
          id,
        ]),
      ).toEqual([]);
      const passed = await province.sql<{ destination: string; path: string[] }>(
        "SELECT destination, path FROM downward_log WHERE kind = 'demand.application' AND key = $1",
        [id],
      );
      expect(passed).toEqual([{ destination: '360100', path: [MINISTRY, '100000', '360000'] }]);
    } finally {
      await producer.disconnect();
    }
  });

  it('answers UNAVAILABLE quickly when a link on the way is down', async () => {
    await province.federation.close();
    const reply = await waitFor(
      async () => {
        const r = await callFrom(city, MINISTRY);
        return r.code === status.UNAVAILABLE ? r : undefined;
      },
      30_000,
      'the city seeing its parent link down',
    );
    expect(reply.message).toMatch(/the link to the parent 360000 is (down|connecting)|could not carry/);
  });
});

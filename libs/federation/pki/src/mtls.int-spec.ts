import {
  credentials,
  makeGenericClientConstructor,
  ServerCredentials,
  type handleUnaryCall,
  Server,
  status,
  type Client,
  type MethodDefinition,
  type ServiceError,
} from '@grpc/grpc-js';
import { childNode, federationTree, rootNode, type TestNode } from './pki-tree.fixture.js';
import { exportPrivateKeyPem } from './node-key.js';
import {
  childNodeInterceptor,
  nodeChannelCredentials,
  nodeServerCredentials,
  RotatingServerIdentity,
  peerNodeCode,
  type ChildPeerPolicy,
} from './mtls.js';
import type { NodeTlsIdentity } from './node-pki-store.js';
import type { NodeCertificateError } from './pki.exception.js';
import { revocationChecker, RevocationList } from './revocation-list.js';

// Real gRPC over mutual TLS on a loopback port, with certificates made by this library.

const bytes = (b: Buffer) => b;
const WHO_AM_I: MethodDefinition<Buffer, Buffer> = {
  path: '/govdata.test.v1.Peer/WhoAmI',
  requestStream: false,
  responseStream: false,
  requestSerialize: bytes,
  requestDeserialize: bytes,
  responseSerialize: bytes,
  responseDeserialize: bytes,
};
const PeerClient = makeGenericClientConstructor({ whoAmI: WHO_AM_I }, 'Peer');
// Node certificates carry no DNS names; the name only feeds SNI (never an IP, per RFC 6066).
const CHANNEL_OPTIONS = { 'grpc.ssl_target_name_override': 'node.govdata.invalid' };

async function identityOf(node: TestNode, root: TestNode): Promise<NodeTlsIdentity> {
  return {
    code: node.code,
    generation: 'test',
    privateKeyPem: await exportPrivateKeyPem(node.keys),
    certificateChainPem: node.bundlePem,
    trustedRootPem: root.certificatePem,
    notAfter: new Date(Date.now() + 86_400_000),
  };
}

interface PeerAnswer {
  code: string | null;
  transport: string | undefined;
}

function whoAmI(client: Client): Promise<PeerAnswer> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      WHO_AM_I.path,
      bytes,
      (b: Buffer) => JSON.parse(b.toString()) as PeerAnswer,
      Buffer.alloc(0),
      { deadline: Date.now() + 10_000 },
      (error: ServiceError | null, answer?: PeerAnswer) => (error ? reject(error) : resolve(answer!)),
    );
  });
}

describe('node certificates over gRPC mutual TLS', () => {
  let tree: Awaited<ReturnType<typeof federationTree>>;
  let revocations: RevocationList;
  const refusals: string[] = [];
  const servers: Server[] = [];
  const clients: Client[] = [];
  let provincePort: number;
  let nationalPort: number;

  async function serve(
    node: TestNode,
    policy: () => ChildPeerPolicy,
    serverCredentials?: ServerCredentials,
  ): Promise<number> {
    const server = new Server({
      interceptors: [
        childNodeInterceptor(policy, (error: NodeCertificateError) => refusals.push(`${node.code}:${error.problem}`)),
      ],
    });
    server.addService(
      { whoAmI: WHO_AM_I },
      {
        whoAmI: ((call, callback) =>
          callback(
            null,
            Buffer.from(
              JSON.stringify({ code: peerNodeCode(call), transport: call.getAuthContext().transportSecurityType }),
            ),
          )) satisfies handleUnaryCall<Buffer, Buffer>,
      },
    );
    const credentials = serverCredentials ?? nodeServerCredentials(await identityOf(node, tree.root));
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', credentials, (e, p) => (e ? reject(e) : resolve(p))),
    );
    servers.push(server);
    return port;
  }

  async function dial(port: number, client: TestNode, parentCode: string, root = tree.root): Promise<Client> {
    const c = new PeerClient(
      `127.0.0.1:${port}`,
      nodeChannelCredentials(await identityOf(client, root), parentCode),
      CHANNEL_OPTIONS,
    );
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    tree = await federationTree();
    revocations = new RevocationList('360000').revoke({
      serial: tree.jiujiang.serial,
      childCode: '360400',
      revokedAt: new Date(),
      reason: 'key_compromise',
    });
    const { root, jiangxi } = tree;
    provincePort = await serve(jiangxi, () => ({
      ownCode: '360000',
      issuerPool: [jiangxi.certificatePem],
      trustedRootPem: root.certificatePem,
      revoked: revocationChecker(revocations),
    }));
    nationalPort = await serve(root, () => ({
      ownCode: '100000',
      issuerPool: [root.certificatePem],
      trustedRootPem: root.certificatePem,
    }));
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))));
  });

  it('lets a child call its parent; the handler reads the child’s node code from the TLS peer certificate', async () => {
    expect(await whoAmI(await dial(provincePort, tree.nanchang, '360000'))).toEqual({
      code: '360100',
      transport: 'ssl',
    });
    // the national root doubles as the national node's TLS certificate
    expect(await whoAmI(await dial(nationalPort, tree.jiangxi, '100000'))).toMatchObject({ code: '360000' });
  });

  it('refuses a client certified in another branch (440100 at 360000), though its chain reaches the root', async () => {
    const error = await whoAmI(await dial(provincePort, tree.guangzhou, '360000')).catch((e: ServiceError) => e);
    expect(error).toMatchObject({ code: status.UNAUTHENTICATED });
    expect((error as ServiceError).details).toMatch(/^outside_subtree: node 440100 .* not a child of node 360000/);
    // and a grandchild is not a child either
    const grandchild = await whoAmI(await dial(nationalPort, tree.nanchang, '100000')).catch((e: ServiceError) => e);
    expect(grandchild).toMatchObject({ code: status.UNAUTHENTICATED });
  });

  it('refuses a revoked child, and a child revoked while connected on its next call', async () => {
    const revoked = await whoAmI(await dial(provincePort, tree.jiujiang, '360000')).catch((e: ServiceError) => e);
    expect(revoked).toMatchObject({ code: status.UNAUTHENTICATED, details: expect.stringMatching(/^revoked: /) });

    const nanchang = await dial(provincePort, tree.nanchang, '360000');
    expect((await whoAmI(nanchang)).code).toBe('360100');
    const before = revocations;
    revocations = revocations.revoke({
      serial: tree.nanchang.serial,
      childCode: '360100',
      revokedAt: new Date(),
      reason: 'privilege_withdrawn',
    });
    try {
      await expect(whoAmI(nanchang)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    } finally {
      revocations = before;
    }
    expect(refusals).toEqual(expect.arrayContaining(['360000:outside_subtree', '360000:revoked']));
  });

  it('fails the handshake for a client certificate from another root', async () => {
    const otherRoot = await rootNode();
    const otherJiangxi = await childNode(otherRoot, { code: '360000', name: '江西省' });
    const impostor = await childNode(otherJiangxi, { code: '360100', name: '南昌市' });
    const client = new PeerClient(
      `127.0.0.1:${provincePort}`,
      nodeChannelCredentials(
        { ...(await identityOf(impostor, otherRoot)), trustedRootPem: tree.root.certificatePem },
        '360000',
      ),
      CHANNEL_OPTIONS,
    );
    clients.push(client);
    const error = await whoAmI(client).catch((e: ServiceError) => e);
    expect(error).toMatchObject({ code: status.UNAVAILABLE });
  });

  it('refuses, on the client side, a server that is not the expected parent', async () => {
    const error = await whoAmI(await dial(provincePort, tree.guangzhou, '440000')).catch((e: ServiceError) => e);
    expect(error).toMatchObject({
      code: status.UNAVAILABLE,
      details: expect.stringContaining('certificate for node 360000, not 440000'),
    });
  });

  it('accepts the old and the renewed certificate of a child at once (rotation without downtime)', async () => {
    const renewed = await childNode(tree.jiangxi, { code: '360100', name: '南昌市' });
    expect(renewed.serial).not.toBe(tree.nanchang.serial);
    const [oldAnswer, newAnswer] = await Promise.all([
      whoAmI(await dial(provincePort, tree.nanchang, '360000')),
      whoAmI(await dial(provincePort, renewed, '360000')),
    ]);
    expect(oldAnswer.code).toBe('360100');
    expect(newAnswer.code).toBe('360100');
  });

  it('presents a renewed server certificate to new connections without a restart; open ones carry on', async () => {
    const rotating = new RotatingServerIdentity(await identityOf(tree.jiangxi, tree.root));
    const policy = () => ({
      ownCode: '360000',
      issuerPool: [tree.jiangxi.certificatePem],
      trustedRootPem: tree.root.certificatePem,
    });
    const port = await serve(tree.jiangxi, policy, rotating.credentials());
    const seen: string[] = [];
    const dialWatching = async () => {
      const identity = await identityOf(tree.nanchang, tree.root);
      const c = new PeerClient(
        `127.0.0.1:${port}`,
        credentials.createSsl(
          Buffer.from(identity.trustedRootPem),
          Buffer.from(identity.privateKeyPem),
          Buffer.from(identity.certificateChainPem),
          {
            checkServerIdentity: (_host, certificate) => {
              seen.push(certificate.serialNumber.toLowerCase());
              return undefined;
            },
          },
        ),
        CHANNEL_OPTIONS,
      );
      clients.push(c);
      return c;
    };
    const before = await dialWatching();
    expect((await whoAmI(before)).code).toBe('360100');
    const renewed = await childNode(tree.root, { code: '360000', name: '江西省' });
    expect(rotating.update(await identityOf(renewed, tree.root))).toBe(true);
    expect(rotating.update(await identityOf(renewed, tree.root))).toBe(false);
    expect((await whoAmI(before)).code).toBe('360100'); // the open connection is not cut
    expect((await whoAmI(await dialWatching())).code).toBe('360100');
    expect(seen).toHaveLength(2);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[1]!.replace(/^0+/, '')).toBe(renewed.serial.toLowerCase().replace(/^0+/, ''));
  });
});

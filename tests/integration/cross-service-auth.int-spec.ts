import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import { NodeSigningKey } from '@govdata/gateway-identity';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { decodeJwt } from 'jose';

/**
 * A token issued by the node's gateway is checked by another service itself: the catalog, reached
 * through the gateway's routing, accepts a good token and refuses tampered and expired ones.
 */
describe('a gateway token at another service', () => {
  const ADMIN_PASSWORD = 'Cross-Service-Test-2026!';
  let config: NodeConfig;
  let gateway: RunningService;
  let catalog: RunningService;
  let previousPassword: string | undefined;

  beforeAll(async () => {
    previousPassword = process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = ADMIN_PASSWORD;
    config = await testNodeConfig();
    gateway = await startService(gatewayService, config);
    catalog = await startService(catalogService, config);
    await waitFor(
      async () => (await gateway.readiness.evaluate()).ready && (await catalog.readiness.evaluate()).ready,
      60_000,
      'ready',
    );
  });

  afterAll(async () => {
    if (previousPassword === undefined) delete process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'];
    else process.env['GOVDATA_BOOTSTRAP_ADMIN_PASSWORD'] = previousPassword;
    await catalog?.close();
    await gateway?.close();
    await dropTestNode(config);
  });

  const providers = (token?: string) =>
    fetch(`${gateway.httpUrl}/api/v1/catalog/providers`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  async function adminToken(): Promise<string> {
    const response = await fetch(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  it('lets the catalog accept the token and serve the providers the gateway created', async () => {
    const token = await adminToken();
    const created = await fetch(`${gateway.httpUrl}/api/v1/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name: '江西省公安厅',
        uscc: '11360000014500002N',
        regionCode: '360000',
        kind: 'department',
      }),
    });
    expect(created.status).toBe(201);
    // The organisation reaches the catalog as an identity.organisation.v1 event, through Kafka.
    const body = await waitFor(
      async () => {
        const response = await providers(token);
        expect(response.status).toBe(200);
        const list = (await response.json()) as { items: Array<{ name: string }> };
        return list.items.some((o) => o.name === '江西省公安厅') ? list : undefined;
      },
      30_000,
      'the new provider at the catalog',
    );
    expect(body.items.map((o) => o.name)).toContain(config.node.name);
  });

  it('refuses a tampered token, an expired token and no token, each with 401 problem+json', async () => {
    const token = await adminToken();
    const [header, payload, signature] = token.split('.');
    const claims = decodeJwt(token);
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['node-admin', 'auditor'] })).toString('base64url');
    const tampered = await providers(`${header}.${forged}.${signature}`);
    expect(tampered.status).toBe(401);
    expect(tampered.headers.get('content-type')).toContain('application/problem+json');
    expect(await tampered.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(payload).not.toBe(forged);

    const key = await NodeSigningKey.loadOrCreate(config.node.dataDir);
    const expired = await key.sign({
      issuer: config.identity.issuer,
      subject: claims.sub!,
      claims: { kind: 'user', org: claims['org'] as string, node: config.node.code, roles: ['node-admin'] },
      issuedAt: new Date(Date.now() - 3_600_000),
      expiresAt: new Date(Date.now() - 60_000),
    });
    const refused = await providers(expired);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/expired/);

    expect((await providers()).status).toBe(401);
  });

  it('answers 503 problem+json through the gateway when the service is down', async () => {
    const token = await adminToken();
    await catalog.close();
    const response = await providers(token);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: 503,
      detail: '无法连接本节点的 catalog 服务 (the catalog service of this node cannot be reached)',
    });
  });
});

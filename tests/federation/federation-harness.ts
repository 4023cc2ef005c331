import { federationService } from '@govdata/federation-feature';
import { NodeSigningKey } from '@govdata/gateway-identity';
import { gatewayService } from '@govdata/gateway-node';
import type { Role } from '@govdata/platform-auth';
import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { Client } from 'pg';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A node with its gateway and federation service running against the real PostgreSQL, Redis and
 * Kafka (its own database), and tokens signed by the node's own key for any roles.
 */
export interface FederationNode {
  config: NodeConfig;
  gateway: RunningService;
  federation: RunningService;
  token(roles: Role[], subject?: string): Promise<string>;
  api<T = any>(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<ApiResponse<T>>;
  /** Runs SQL as the database owner in the federation schema — to look behind the service's back. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startFederationNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<FederationNode> {
  const config = await testNodeConfig(overrides);
  const gateway = await startService(gatewayService, config);
  const federation = await startService(federationService, config);
  await waitFor(
    async () => (await gateway.readiness.evaluate()).ready && (await federation.readiness.evaluate()).ready,
    60_000,
    'gateway and federation ready',
  );
  const key = await NodeSigningKey.loadOrCreate(config.node.dataDir);

  async function api<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${gateway.httpUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await response.json() : await response.text();
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  return {
    config,
    gateway,
    federation,
    async token(roles, subject) {
      return key.sign({
        issuer: config.identity.issuer,
        subject: subject ?? `user:${roles.join('+') || 'reader'}`,
        claims: {
          kind: 'user',
          org: '00000000-0000-4000-8000-000000000001',
          node: config.node.code,
          roles,
          name: roles.join('+'),
        },
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    },
    api,
    async sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
      const url = new URL(config.postgres.adminUrl);
      url.pathname = `/${config.postgres.database}`;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query('SET search_path TO federation, public');
        return (await client.query(text, params)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async close() {
      await federation.close();
      await gateway.close();
      await dropTestNode(config);
    },
  };
}

import { federationService, fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { NodeSigningKey } from '@govdata/gateway-identity';
import { gatewayService } from '@govdata/gateway-node';
import type { Role } from '@govdata/platform-auth';
import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import type { RunningService } from '@govdata/platform-service';
import {
  freePort,
  queryNodeDatabase,
  startTestNode,
  type DeepPartial,
  callApi,
  type ApiRequestOptions,
  type ApiResponse,
} from '@govdata/platform-testing';
import { sampleEntry, startCatalogNode, type CatalogNode } from '../catalog/catalog-harness.js';

export type { ApiResponse } from '@govdata/platform-testing';

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
  const node = await startTestNode({ services: [gatewayService, federationService], overrides });
  const { config } = node;
  const [gateway, federation] = node.services as [RunningService, RunningService];
  const key = await NodeSigningKey.loadOrCreate(config.node.dataDir, config.crypto.profile);

  function api<T>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<T>> {
    return callApi<T>(gateway.httpUrl, method, path, options);
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
          // Stands for the node's root organisation, an authority organisation: node-level roles count.
          authority: true,
          name: roles.join('+'),
        },
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    },
    api,
    sql: <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(config, 'federation', text, params),
    close: node.close,
  };
}

/**
 * A node running gateway, catalog and federation (its own database), with a federation link port so
 * children can connect; `stopFederation`/`startFederation` take the federation service down and up.
 */
export interface ReplicationNode {
  config: NodeConfig;
  catalog: CatalogNode;
  federation(): RunningService;
  stopFederation(): Promise<void>;
  startFederation(): Promise<void>;
  /** SQL in the federation schema as the database owner. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function startReplicationNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<ReplicationNode> {
  const catalog = await startCatalogNode({
    ...overrides,
    services: { ...overrides.services, federation: { link: await freePort() } },
  } as DeepPartial<NodeConfigInput>);
  const config = catalog.config;
  let federation: RunningService | null = null;
  const start = async () => {
    const [running] = (await startTestNode({ services: [federationService], config })).services;
    federation = running!;
  };
  await start();
  return {
    config,
    catalog,
    federation: () => federation!,
    async stopFederation() {
      await federation?.close();
      federation = null;
    },
    startFederation: start,
    sql: <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(config, 'federation', text, params),
    async close() {
      await federation?.close();
      await catalog.close();
    },
  };
}

/** `parent.federation` of a child of `parent`: the parent's mTLS link port. */
export function linkAddress(parent: { config: NodeConfig }): string {
  return `127.0.0.1:${parent.config.services.federation.link}`;
}

/** Enrols `child` under `parent` the way operators do: token → CSR → approve → install. */
export async function enrolChild(
  parent: { config: NodeConfig; catalog: CatalogNode },
  child: { config: NodeConfig },
): Promise<void> {
  const api = parent.catalog.api;
  const operator = await parent.catalog.token(parent.catalog.root, ['operator'], `user:ops@${parent.config.node.code}`);
  const { code, name, level } = child.config.node;
  const issued = await api('POST', '/api/v1/federation/enrolment-tokens', {
    token: operator,
    body: { childCode: code, childName: name, level },
  });
  if (issued.status !== 201) throw new Error(`enrolment token for ${code}: ${JSON.stringify(issued.body)}`);
  await initNodeKey(child.config);
  const local = await requestEnrolment(child.config, issued.body.token as string);
  const approved = await api('POST', `/api/v1/federation/enrolments/${local.id}/approve`, {
    token: operator,
    body: {},
  });
  if (approved.status !== 200) throw new Error(`approving ${code}: ${JSON.stringify(approved.body)}`);
  const fetched = await fetchEnrolment(child.config);
  if (!fetched.installed) throw new Error(`enrolment of ${code} not installed: ${fetched.status}`);
}

/** One catalog transition through the gateway; anything but 200 fails the test with the answer. */
export async function entryAction(
  catalog: CatalogNode,
  id: string,
  token: string,
  action: string,
  body: object = {},
): Promise<void> {
  const response = await catalog.api('POST', `/api/v1/catalog/entries/${id}/${action}`, { token, body });
  if (response.status !== 200)
    throw new Error(`${action} of ${id}: ${response.status} ${JSON.stringify(response.body)}`);
}

/** Creates an entry of the node's region and takes it through submit → approve → publish; its id. */
export async function publishEntry(
  catalog: CatalogNode,
  tokens: { editor: string; reviewer: string },
  name: string,
  classificationCode: string,
): Promise<string> {
  const created = await catalog.api('POST', '/api/v1/catalog/entries', {
    token: tokens.editor,
    body: { content: sampleEntry({ name, classificationCode, regionCode: catalog.config.node.code }) },
  });
  if (created.status !== 201) throw new Error(`creating ${name}: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await entryAction(catalog, id, tokens.editor, 'submit');
  await entryAction(catalog, id, tokens.reviewer, 'approve');
  await entryAction(catalog, id, tokens.reviewer, 'publish');
  return id;
}

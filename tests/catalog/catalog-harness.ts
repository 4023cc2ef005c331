import { catalogService } from '@govdata/catalog-feature';
import { NodeSigningKey } from '@govdata/gateway-identity';
import { gatewayService } from '@govdata/gateway-node';
import type { Role } from '@govdata/platform-auth';
import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import type { RunningService } from '@govdata/platform-service';
import {
  queryNodeDatabase,
  startTestNode,
  waitFor,
  type DeepPartial,
  callApi,
  type ApiRequestOptions,
  type ApiResponse,
} from '@govdata/platform-testing';

export interface TestOrganisation {
  id: string;
  name: string;
  uscc: string;
}

export type { ApiResponse } from '@govdata/platform-testing';

/**
 * A node with its gateway and catalog running against the real PostgreSQL, Redis and Kafka, two
 * provider organisations created through the gateway (and projected into the catalog through
 * Kafka), and tokens signed by the node's own key for any organisation and roles.
 */
export interface CatalogNode {
  config: NodeConfig;
  gateway: RunningService;
  catalog: RunningService;
  /**
   * 江西省公安厅 (a department) and 江西省市场监督管理局 (both on this node). orgB is marked an
   * authority organisation (数据主管部门) so that its reviewers and data-admins act node-wide.
   */
  orgA: TestOrganisation;
  orgB: TestOrganisation;
  /** The node's root organisation (always an authority organisation). */
  root: TestOrganisation;
  token(organisation: TestOrganisation | string, roles: Role[], subject?: string, nodeCode?: string): Promise<string>;
  /** Calls the gateway; JSON in and out (other bodies are returned as text). */
  api<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  /** Runs SQL as the database owner in the catalog's schema — to look behind the service's back. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const ADMIN_PASSWORD = 'Catalog-Harness-2026!';

export async function startCatalogNode(overrides: DeepPartial<NodeConfigInput> = {}): Promise<CatalogNode> {
  const node = await startTestNode({
    services: [gatewayService, catalogService],
    overrides,
    env: { GOVDATA_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD },
  });
  const { config } = node;
  const [gateway, catalog] = node.services as [RunningService, RunningService];
  const key = await NodeSigningKey.loadOrCreate(config.node.dataDir, config.crypto.profile);

  function api<T>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<T>> {
    return callApi<T>(gateway.httpUrl, method, path, options);
  }

  const adminLogin = await api<{ access_token: string }>('POST', '/api/v1/auth/token', {
    body: { grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD },
  });
  if (adminLogin.status !== 200) throw new Error(`bootstrap admin login failed: ${JSON.stringify(adminLogin.body)}`);
  const admin = adminLogin.body.access_token;

  async function organisation(name: string, uscc: string, authority = false): Promise<TestOrganisation> {
    const created = await api<{ id: string }>('POST', '/api/v1/organisations', {
      token: admin,
      body: { name, uscc, regionCode: '360000', kind: 'department', authority },
    });
    if (created.status !== 201) throw new Error(`creating ${name} failed: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, name, uscc };
  }
  const orgA = await organisation('江西省公安厅', '11360000014500002N');
  const orgB = await organisation('江西省市场监督管理局', '11360000MB17195879', true);
  const rootClaims = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString('utf8')) as { org: string };
  const root: TestOrganisation = { id: rootClaims.org, name: 'root', uscc: '' };
  // Tokens state what the gateway would: whether the organisation is an authority organisation.
  const authorityOf = async (organisationId: string) =>
    (
      await queryNodeDatabase<{ authority: boolean }>(
        config,
        'gateway',
        'SELECT authority FROM organisation WHERE id = $1',
        [organisationId],
      )
    )[0]?.authority === true;
  // The catalog learns organisations from identity.organisation.v1 events.
  await waitFor(
    async () => {
      const providers = await api<{ items: Array<{ id: string }> }>('GET', '/api/v1/catalog/providers', {
        token: admin,
      });
      const ids = providers.body.items?.map((o) => o.id) ?? [];
      return ids.includes(orgA.id) && ids.includes(orgB.id) ? true : undefined;
    },
    30_000,
    'organisations projected into the catalog',
  );

  return {
    config,
    gateway,
    catalog,
    orgA,
    orgB,
    root,
    async token(org, roles, subject, nodeCode = config.node.code) {
      const orgId = typeof org === 'string' ? org : org.id;
      const authority = await authorityOf(orgId);
      return key.sign({
        issuer: config.identity.issuer,
        subject: subject ?? `user:${roles.join('+') || 'reader'}@${orgId.slice(0, 8)}`,
        claims: { kind: 'user', org: orgId, node: nodeCode, roles, authority, name: subject ?? roles.join('+') },
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    },
    api,
    sql: <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(config, 'catalog', text, params),
    close: node.close,
  };
}

/** A valid entry body (人口基本信息) to vary in tests. */
export function sampleEntry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: '人口基本信息',
    abstract: '本省户籍人口和常住人口的基本信息，包括姓名、公民身份号码、性别、民族、出生日期和户籍地址。',
    classificationCode: '101001',
    grade: { category: 'general', level: 3 },
    sharing: { type: 'conditional', conditions: '仅用于依法履职，需说明用途', methods: ['platform'] },
    open: { type: 'none' },
    format: { category: 'database', detail: 'PostgreSQL' },
    updateCycle: 'daily',
    items: [
      { name: '姓名', dataType: 'C', length: 50 },
      { name: '公民身份号码', dataType: 'C', length: 18, dataElement: 'DE00001' },
      { name: '性别', dataType: 'C', length: 1 },
      { name: '出生日期', dataType: 'D' },
      { name: '户籍地址', dataType: 'C', length: 200 },
    ],
    regionCode: '360000',
    tags: ['人口', '身份'],
    ...overrides,
  };
}

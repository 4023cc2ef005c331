import { fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { BOOTSTRAP_PASSWORD_ENV, NodeSigningKey } from '@govdata/gateway-identity';
import type { Role } from '@govdata/platform-auth';
import { SERVICE_NAMES, type NodeConfig, type NodeConfigInput, type ServiceName } from '@govdata/platform-config';
import {
  dropTestNode,
  freePort,
  queryNodeDatabase,
  startNodeProcess,
  testNodeConfig,
  waitFor,
  type DeepPartial,
  type NodeProcess,
  callApi,
  type ApiRequestOptions,
  type ApiResponse,
} from '@govdata/platform-testing';

export type { ApiResponse } from '@govdata/platform-testing';

export interface TreeOrganisation {
  id: string;
  name: string;
}

/** The first password of each node's bootstrap `admin` (the gateway reads it on first start). */
const ADMIN_PASSWORD = 'Node-Tree-Root-2026!';
const READY_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 45_000;

/**
 * One node of a test federation run as a real `govdata node start` process (every service of the
 * node in one process) with its own database, Kafka topic prefix, data folder and ports; it can be
 * stopped with SIGTERM and started again with the same configuration.
 */
export class TreeNode {
  private running: NodeProcess | undefined;
  private earlierOutput = '';
  private key: NodeSigningKey | undefined;
  private adminToken: string | undefined;

  private constructor(readonly config: NodeConfig) {}

  /** A node's configuration: a link port for its children and, below national, its parent's addresses. */
  static async configure(
    node: { code: string; name: string; level: NodeConfig['node']['level']; parent?: TreeNode },
    overrides: DeepPartial<NodeConfigInput> = {},
  ): Promise<TreeNode> {
    const parent = node.parent?.config;
    const services: Record<string, { http: number; grpc: number; link?: number }> = {};
    for (const name of SERVICE_NAMES) services[name] = { http: await freePort(), grpc: await freePort() };
    services['federation']!.link = await freePort();
    const config = await testNodeConfig({
      ...overrides,
      identity: { issuer: `http://127.0.0.1:${services['gateway']!.http}` },
      services: services as DeepPartial<NodeConfigInput['services']>,
      node: {
        code: node.code,
        name: node.name,
        level: node.level,
        parent: parent
          ? {
              code: parent.node.code,
              gateway: `http://127.0.0.1:${parent.services.gateway.http}`,
              federation: `127.0.0.1:${parent.services.federation.link!}`,
            }
          : null,
      },
    });
    return new TreeNode(config);
  }

  get code(): string {
    return this.config.node.code;
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.config.services.gateway.http}`;
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** Spawns the node and resolves once every service answers ready. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`node ${this.code} is already running`);
    const previous = process.env[BOOTSTRAP_PASSWORD_ENV];
    process.env[BOOTSTRAP_PASSWORD_ENV] = ADMIN_PASSWORD;
    try {
      this.running = startNodeProcess(this.config);
    } finally {
      if (previous === undefined) delete process.env[BOOTSTRAP_PASSWORD_ENV];
      else process.env[BOOTSTRAP_PASSWORD_ENV] = previous;
    }
    const { exited, output } = this.running;
    // `ready` keeps polling a process that died; stop waiting when it exits.
    await Promise.race([
      this.running.ready(READY_TIMEOUT_MS),
      exited.then((code) => {
        throw new Error(`node ${this.code} exited with ${code} while starting:\n${output().slice(-3_000)}`);
      }),
    ]);
  }

  /** SIGTERM, as an operator stops a node; resolves with the exit code (SIGKILL if it hangs). */
  async stop(): Promise<number | null> {
    const running = this.running;
    if (!running) return null;
    const { child, exited } = running;
    let code: number | null = child.exitCode;
    if (code === null && child.signalCode === null) {
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      code = await exited;
      clearTimeout(kill);
    }
    this.earlierOutput += running.output();
    this.running = undefined;
    return code;
  }

  /** Everything the node printed, over every run (JSON log lines). */
  output(): string {
    return this.earlierOutput + (this.running?.output() ?? '');
  }

  /** The node's JSON log lines, parsed. */
  logLines(): Array<Record<string, unknown>> {
    return this.output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  api<T = any>(method: string, path: string, options: ApiRequestOptions = {}): Promise<ApiResponse<T>> {
    return callApi<T>(this.gatewayUrl, method, path, options);
  }

  /** The bootstrap `admin` (node-admin), logged in through the gateway. */
  async admin(): Promise<string> {
    if (this.adminToken) return this.adminToken;
    const login = await this.api<{ access_token: string }>('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'admin', password: ADMIN_PASSWORD },
    });
    if (login.status !== 200) throw new Error(`admin login at ${this.code}: ${JSON.stringify(login.body)}`);
    this.adminToken = login.body.access_token;
    return this.adminToken;
  }

  /** The organisation the bootstrap admin belongs to (the node's root organisation). */
  async rootOrganisation(): Promise<string> {
    const payload = (await this.admin()).split('.')[1]!;
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { org: string }).org;
  }

  /** A token for a user of `organisation` with `roles`, signed with the node's own key (as its gateway would). */
  async token(organisation: TreeOrganisation | string, roles: Role[], subject?: string): Promise<string> {
    this.key ??= await NodeSigningKey.loadOrCreate(this.config.node.dataDir, this.config.crypto.profile);
    const org = typeof organisation === 'string' ? organisation : organisation.id;
    // As the gateway would: node-level roles count only in an authority organisation.
    const [row] = await queryNodeDatabase<{ authority: boolean }>(
      this.config,
      'gateway',
      'SELECT authority FROM organisation WHERE id = $1',
      [org],
    );
    const authority = row?.authority === true;
    return this.key.sign({
      issuer: this.config.identity.issuer,
      subject: subject ?? `user:${roles.join('+') || 'reader'}@${this.code}`,
      claims: { kind: 'user', org, node: this.code, roles, authority, name: subject ?? roles.join('+') },
      expiresAt: new Date(Date.now() + 3_600_000),
    });
  }

  /** An organisation created by the admin through the gateway, once the catalog knows it as a provider. */
  async organisation(name: string, uscc: string, regionCode: string, authority = false): Promise<TreeOrganisation> {
    const admin = await this.admin();
    const created = await this.api<{ id: string }>('POST', '/api/v1/organisations', {
      token: admin,
      body: { name, uscc, regionCode, kind: 'department', authority },
    });
    if (created.status !== 201) throw new Error(`creating ${name} at ${this.code}: ${JSON.stringify(created.body)}`);
    const id = created.body.id;
    await waitFor(
      async () => {
        const providers = await this.api<{ items?: Array<{ id: string }> }>('GET', '/api/v1/catalog/providers', {
          token: admin,
        });
        return providers.body.items?.some((o) => o.id === id) || undefined;
      },
      60_000,
      `${name} projected into the catalog of ${this.code}`,
    );
    return { id, name };
  }

  /** SQL as the database owner in one service's schema — to look behind the service's back. */
  sql<T = Record<string, unknown>>(service: ServiceName, text: string, params?: unknown[]): Promise<T[]> {
    return queryNodeDatabase<T>(this.config, service, text, params);
  }

  /** Stops the process (if running) and drops the node's database. */
  async destroy(): Promise<void> {
    try {
      await this.stop();
    } finally {
      await dropTestNode(this.config);
    }
  }
}

/**
 * Enrols `child` under `parent` the way operators do (`govdata node init` and `node enrol`): the
 * parent's admin issues a one-time token, the child sends its certificate request, the parent's
 * admin approves, the child installs the certificate. The child's running federation service picks
 * the certificate up and opens its link.
 */
export async function enrol(parent: TreeNode, child: TreeNode): Promise<void> {
  const admin = await parent.admin();
  const { code, name, level } = child.config.node;
  const issued = await parent.api('POST', '/api/v1/federation/enrolment-tokens', {
    token: admin,
    body: { childCode: code, childName: name, level },
  });
  if (issued.status !== 201) throw new Error(`enrolment token for ${code}: ${JSON.stringify(issued.body)}`);
  await initNodeKey(child.config);
  const request = await requestEnrolment(child.config, issued.body.token as string);
  const approved = await parent.api('POST', `/api/v1/federation/enrolments/${request.id}/approve`, {
    token: admin,
    body: {},
  });
  if (approved.status !== 200) throw new Error(`approving ${code}: ${JSON.stringify(approved.body)}`);
  const fetched = await fetchEnrolment(child.config);
  if (!fetched.installed) throw new Error(`enrolment of ${code} not installed: ${String(fetched.status)}`);
}

/** Runs `work(0) … work(count - 1)` with at most `concurrency` at a time; results in index order. */
export async function inParallel<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await work(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

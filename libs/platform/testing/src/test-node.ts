import type { NodeConfig, NodeConfigInput } from '@govdata/platform-config';
import { startService, type RunningService, type ServiceDefinition } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, type DeepPartial } from './test-node-config.js';
import { waitFor } from './wait-for.js';

export interface TestNodeOptions {
  /** The services to start in this process, in this order; `close` stops them all at once. */
  services: readonly ServiceDefinition[];
  /** Changes to the isolated test configuration (see `testNodeConfig`). */
  overrides?: DeepPartial<NodeConfigInput>;
  /**
   * Start beside a node that is already running, on its configuration: the services are added, and
   * `close` stops only them — the database stays for whoever made the node.
   */
  config?: NodeConfig;
  /**
   * Environment variables the node starts with (e.g. GOVDATA_BOOTSTRAP_ADMIN_PASSWORD); each is put
   * back as it was by `close`. `undefined` removes one.
   */
  env?: Record<string, string | undefined>;
  /** Wait until every service says it is ready (default true). */
  waitReady?: boolean;
  /** What the readiness wait is called in its timeout message (default: the services' names). */
  label?: string;
}

/** Services of one test node running in this process, against the real PostgreSQL, Redis and Kafka. */
export interface TestNode {
  config: NodeConfig;
  /** The running services, in the order they started. */
  services: RunningService[];
  /** The running service of that name; throws if it was not started here. */
  service(name: string): RunningService;
  /** Stops the services (last started first), drops the node's database if this node made it, restores the environment. */
  close(): Promise<void>;
}

const READY_WITHIN_MS = 60_000;

/**
 * Starts a test node in-process: an isolated configuration (or the one given), each service in
 * order, then waits until all are ready. What every harness (`startCatalogNode`, `startExchangeNode`,
 * …) does first; they add their organisations, tokens and helpers on top.
 */
export async function startTestNode(options: TestNodeOptions): Promise<TestNode> {
  const restoreEnv = setEnv(options.env ?? {});
  const ownsDatabase = options.config === undefined;
  const services: RunningService[] = [];
  let config: NodeConfig | undefined;
  const close = async () => {
    // Side by side: each service's stop mostly waits on its own consumers and pools, not on the others.
    const closed = await Promise.allSettled(services.map((service) => service.close()));
    services.length = 0;
    if (ownsDatabase && config) await dropTestNode(config);
    restoreEnv();
    const failed = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    config = options.config ?? (await testNodeConfig(options.overrides));
    for (const definition of options.services) services.push(await startService(definition, config));
    if (options.waitReady ?? true) {
      await waitFor(
        async () => (await Promise.all(services.map((s) => s.readiness.evaluate()))).every((r) => r.ready),
        READY_WITHIN_MS,
        options.label ?? `${options.services.map((s) => s.name).join(' and ')} ready`,
      );
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const node = config;
  return {
    config: node,
    services,
    service(name) {
      const found = services.find((s) => s.name === name);
      if (!found) throw new Error(`service ${name} was not started on test node ${node.node.code}`);
      return found;
    },
    close,
  };
}

/** Sets the variables and returns how to put each back as it was. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.entries(values).map(([name, value]) => {
    const before = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
    return [name, before] as const;
  });
  return () => {
    for (const [name, before] of previous.reverse()) {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
  };
}

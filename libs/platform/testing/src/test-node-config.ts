import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNodeConfig, SERVICE_NAMES, type NodeConfig, type NodeConfigInput } from '@govdata/platform-config';
import { dropNodeDatabase } from '@govdata/platform-persistence';
import { freePort } from './free-port.js';

export const TEST_PG_ADMIN_URL = process.env['GOVDATA_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env['GOVDATA_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
export const TEST_KAFKA_BROKERS = (
  process.env['GOVDATA_KAFKA_BROKERS'] ?? `127.0.0.1:${process.env['GOVDATA_KAFKA_PORT'] ?? '9092'}`
).split(',');

/** Any part of a type, at any depth: what `testNodeConfig` overrides. */
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/**
 * A node configuration isolated for one test: its own database, topic prefix, Redis key prefix,
 * data folder and free ports, against the real local infrastructure.
 */
export async function testNodeConfig(overrides: DeepPartial<NodeConfigInput> = {}): Promise<NodeConfig> {
  const id = randomBytes(4).toString('hex');
  const services = Object.fromEntries(
    await Promise.all(SERVICE_NAMES.map(async (s) => [s, { http: await freePort(), grpc: await freePort() }])),
  );
  const gatewayPort = (services['gateway'] as { http: number }).http;
  // The open-data portal's own listener (services.gateway.openPortal), as a deployed node has it.
  (services['gateway'] as { openPortal?: number }).openPortal = await freePort();
  const base: NodeConfigInput = {
    node: {
      code: '100000',
      name: '测试节点',
      level: 'national',
      parent: null,
      dataDir: mkdtempSync(join(tmpdir(), `govdata-${id}-`)),
    },
    postgres: { adminUrl: TEST_PG_ADMIN_URL, database: `govdata_t_${id}`, host: '127.0.0.1', port: 5432, poolSize: 3 },
    redis: { url: TEST_REDIS_URL, keyPrefix: `t${id}:` },
    kafka: { brokers: TEST_KAFKA_BROKERS, topicPrefix: `t${id}.`, clientId: 'govdata-test' },
    identity: { issuer: `http://127.0.0.1:${gatewayPort}` },
    services: services as NodeConfigInput['services'],
    serviceHost: '127.0.0.1',
    // Test upstreams and sources listen on loopback; the node's own endpoints there stay refused.
    outbound: { allow: ['127.0.0.1/32'] },
    log: { level: (process.env['GOVDATA_TEST_LOG_LEVEL'] as 'info' | undefined) ?? 'warn' },
  };
  return parseNodeConfig(merge(base, overrides), 'test node config', { env: {} });
}

/** Drops the test node's database and roles. */
export async function dropTestNode(config: NodeConfig): Promise<void> {
  await dropNodeDatabase(config, SERVICE_NAMES);
}

function merge<T>(base: T, overrides: unknown): T {
  if (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides)) return (overrides ?? base) as T;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] =
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
        ? merge(current, value)
        : value;
  }
  return result as T;
}

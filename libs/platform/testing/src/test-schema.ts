import type { NodeConfig, NodeConfigInput, ServiceName } from '@govdata/platform-config';
import {
  createServiceDataSource,
  migrateServiceSchema,
  provisionNodeDatabase,
  type ServicePersistence,
} from '@govdata/platform-persistence';
import type { DataSource } from 'typeorm';
import { dropTestNode, testNodeConfig, type DeepPartial } from './test-node-config.js';

/** One service's schema on a fresh test node database, migrated, with no service running. */
export interface TestSchema {
  config: NodeConfig;
  /** Connected as the service's own role, to its own schema (what its repositories are given). */
  dataSource: DataSource;
  /** Disconnects and drops the node's database. */
  close(): Promise<void>;
}

/**
 * Opens a service's schema for a repository's integration test: a fresh node database, the
 * service's database role and schema, and its migrations applied — the real tables, nothing else.
 */
export async function openTestSchema(
  service: ServiceName,
  persistence: ServicePersistence,
  overrides: DeepPartial<NodeConfigInput> = {},
): Promise<TestSchema> {
  const config = await testNodeConfig(overrides);
  const dataSource = createServiceDataSource(config, service, persistence);
  try {
    await provisionNodeDatabase(config, [service]);
    await dataSource.initialize();
    await migrateServiceSchema(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropTestNode(config).catch(() => undefined);
    throw error;
  }
  return {
    config,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropTestNode(config);
    },
  };
}

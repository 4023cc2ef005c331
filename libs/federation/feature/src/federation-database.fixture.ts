import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import type { DataSource } from 'typeorm';
import { federationService } from './federation.service-definition.js';

/**
 * For the repositories' integration tests: the node database of `config` (a test node's) with the
 * federation schema, its migrations and its entities, as the service itself opens it.
 */
export async function openFederationDatabase(config: NodeConfig): Promise<DataSource> {
  await provisionNodeDatabase(config, ['federation']);
  const db = createServiceDataSource(config, 'federation', federationService.persistence);
  await db.initialize();
  await migrateServiceSchema(db);
  return db;
}

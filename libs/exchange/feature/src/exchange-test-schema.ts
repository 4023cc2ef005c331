import type { CatalogEntryEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import type { DataSource } from 'typeorm';
import { exchangeService } from './exchange.service-definition.js';

/**
 * For the repositories' integration tests: the exchange's schema, migrated, in the database of a
 * test node (`testNodeConfig()`; the test drops the node with `dropTestNode`).
 */
export async function openExchangeTestSchema(config: NodeConfig): Promise<DataSource> {
  await provisionNodeDatabase(config, ['exchange']);
  const db = createServiceDataSource(config, 'exchange', exchangeService.persistence);
  await db.initialize();
  await migrateServiceSchema(db);
  return db;
}

/** A `catalog.entry.v1` of an entry of `organisationId` on `nodeCode`, as the catalog sends it. */
export function catalogEntryEvent(
  entry: { id: string; nodeCode: string; organisationId: string; code?: string },
  sequence: number,
  version: {
    state: CatalogEntryEventV1['version']['state'];
    status?: CatalogEntryEventV1['entry']['status'];
    content: Record<string, unknown>;
  },
): CatalogEntryEventV1 {
  const status = version.status ?? (version.state === 'superseded' ? 'published' : version.state);
  return {
    action: 'publish',
    sequence,
    entry: {
      id: entry.id,
      code: entry.code ?? '101001/100000000001',
      nodeCode: entry.nodeCode,
      organisationId: entry.organisationId,
      provider: { name: '江西省公安厅', code: '11360000014500002N' },
      status,
      headVersion: 1,
      headState: version.state === 'superseded' ? 'published' : version.state,
      publishedVersion: version.state === 'published' ? 1 : null,
      authoritativeEntryId: null,
    },
    version: { number: 1, state: version.state, publishDate: null, content: version.content },
    actor: { subject: 'user:reviewer', organisationId: entry.organisationId },
    at: new Date().toISOString(),
  };
}

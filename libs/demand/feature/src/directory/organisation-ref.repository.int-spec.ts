import { randomUUID } from 'node:crypto';
import type { OrganisationEventV1 } from '@govdata/contracts';
import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { demandService } from '../demand.service-definition.js';
import { OrganisationRefRepository } from './organisation-ref.repository.js';

const event = (
  id: string,
  version: number,
  name: string,
  action: OrganisationEventV1['action'] = 'updated',
): OrganisationEventV1 => ({
  action,
  organisation: {
    id,
    nodeCode: '360100',
    name,
    uscc: '11360000014500000X',
    regionCode: '360000',
    kind: 'department',
    parentId: null,
    version,
  },
});

// `organisation_ref` on a real PostgreSQL: a fresh node database, the demand migrations.
describe('OrganisationRefRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new OrganisationRefRepository();

  beforeAll(async () => {
    config = await testNodeConfig();
    await provisionNodeDatabase(config, ['demand']);
    db = createServiceDataSource(config, 'demand', demandService.persistence);
    await db.initialize();
    await migrateServiceSchema(db);
  });

  afterAll(async () => {
    await db?.destroy();
    if (config) await dropTestNode(config);
  });

  it('applies newer versions of an organisation only, and marks a deactivated one inactive', async () => {
    const id = randomUUID();
    await repository.apply(db.manager, event(id, 1, '江西省公安厅', 'created'));
    expect(await repository.find(db.manager, id)).toEqual({
      id,
      nodeCode: '360100',
      name: '江西省公安厅',
      active: true,
    });
    await repository.apply(db.manager, event(id, 3, '江西省公安厅（新）'));
    await repository.apply(db.manager, event(id, 2, '旧名称'));
    await repository.apply(db.manager, event(id, 3, '同一版本'));
    expect(await repository.find(db.manager, id)).toMatchObject({ name: '江西省公安厅（新）', active: true });
    await repository.apply(db.manager, event(id, 4, '江西省公安厅（新）', 'deactivated'));
    expect(await repository.find(db.manager, id)).toMatchObject({ active: false });
    expect(await repository.find(db.manager, randomUUID())).toBeNull();
  });
});

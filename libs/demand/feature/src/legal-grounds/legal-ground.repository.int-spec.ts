import type { NodeConfig } from '@govdata/platform-config';
import { createServiceDataSource, migrateServiceSchema, provisionNodeDatabase } from '@govdata/platform-persistence';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import type { DataSource } from 'typeorm';
import { demandService } from '../demand.service-definition.js';
import { LegalGroundRepository } from './legal-ground.repository.js';

// `legal_ground` on a real PostgreSQL: a fresh node database, the demand migrations (which seed the platform's grounds).
describe('LegalGroundRepository (PostgreSQL)', () => {
  let config: NodeConfig;
  let db: DataSource;
  const repository = new LegalGroundRepository();

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

  it('lists the seeded grounds in code order', async () => {
    const codes = (await repository.list(db.manager, false)).map((g) => g.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toEqual(expect.arrayContaining(['beyond-duty', 'state-secret', 'not-held']));
    expect(await repository.find(db.manager, 'state-secret')).toMatchObject({
      code: 'state-secret',
      title: '涉及国家秘密',
      createdBy: 'platform',
      withdrawnAt: null,
    });
  });

  it('adds a ground once, amends it, and withdraws it from the citable list', async () => {
    const ground = {
      code: 'pending-litigation',
      title: '涉及未决诉讼',
      basis: '《行政诉讼法》',
      description: null,
      createdBy: 'admin',
    };
    const created = await repository.insert(db.manager, ground);
    expect(created).toMatchObject({ ...ground, withdrawnAt: null });
    expect(created!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await repository.insert(db.manager, { ...ground, title: 'again' })).toBeNull();

    const amended = await repository.update(db.manager, ground.code, {
      title: '涉及未决诉讼或行政复议',
      basis: '《行政复议法》',
      description: '复议期间',
    });
    expect(amended).toMatchObject({
      title: '涉及未决诉讼或行政复议',
      basis: '《行政复议法》',
      description: '复议期间',
    });
    expect(
      await repository.update(db.manager, 'no-such-ground', { title: 't', basis: 'b', description: null }),
    ).toBeNull();

    const withdrawn = await repository.withdraw(db.manager, ground.code);
    expect(withdrawn?.withdrawnAt).not.toBeNull();
    expect((await repository.withdraw(db.manager, ground.code))?.withdrawnAt).toBe(withdrawn?.withdrawnAt);
    expect((await repository.list(db.manager, false)).map((g) => g.code)).not.toContain(ground.code);
    expect((await repository.list(db.manager, true)).map((g) => g.code)).toContain(ground.code);
    expect(await repository.withdraw(db.manager, 'no-such-ground')).toBeNull();
  });
});

import { catalogService } from '@govdata/catalog-feature';
import { demandService } from '@govdata/demand-feature';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig } from '@govdata/platform-testing';
import { Converter } from 'opencc-js';

/**
 * 规范汉字 on upgrade: a node installed by the previous release holds the platform's seeded code
 * table and legal grounds in traditional characters. Migrating converts those, and only those: a
 * node's own codes and grounds stay as their authority entered them. (Traditional forms are made at
 * run time: the repository's literals are simplified.)
 */
const toTraditional = Converter({ from: 'cn', to: 'tw' });

describe('upgrading a node whose platform texts are traditional', () => {
  let config: NodeConfig;
  let catalog: RunningService | undefined;
  let demand: RunningService | undefined;

  beforeAll(async () => {
    config = await testNodeConfig();
    catalog = await startService(catalogService, config);
    demand = await startService(demandService, config);
  });

  afterAll(async () => {
    await catalog?.close();
    await demand?.close();
    await dropTestNode(config);
  });

  it('converts the seeded classification names and keeps the node’s own', async () => {
    const seeded = '法人单位';
    const own = '南昌市健康档案';
    await catalog!.dataSource.query(`UPDATE classification SET name = $1 WHERE code = '102'`, [toTraditional(seeded)]);
    await catalog!.dataSource.query(
      `INSERT INTO classification (code, parent_code, level, name, origin) VALUES ('101099', '101', 3, $1, 'node')`,
      [toTraditional(own)],
    );
    expect(toTraditional(seeded)).not.toBe(seeded);
    await catalog!.dataSource.query(`DELETE FROM schema_migrations WHERE name = 'SimplifiedCodeTables1767700000000'`);

    await catalog!.close();
    catalog = await startService(catalogService, config);

    const rows = (await catalog.dataSource.query(
      `SELECT code, name FROM classification WHERE code IN ('102', '101099') ORDER BY code`,
    )) as Array<{ code: string; name: string }>;
    expect(rows).toEqual([
      { code: '101099', name: toTraditional(own) },
      { code: '102', name: seeded },
    ]);
  });

  it('converts the platform’s legal grounds and keeps those the node’s authority added', async () => {
    const [ground] = (await demand!.dataSource.query(
      `SELECT title, basis, description FROM legal_ground WHERE code = 'beyond-duty'`,
    )) as Array<{ title: string; basis: string; description: string }>;
    expect(ground!.title).toBe('超出依法履职需要');
    await demand!.dataSource.query(
      `UPDATE legal_ground SET title = $1, basis = $2, description = $3 WHERE code = 'beyond-duty'`,
      [toTraditional(ground!.title), toTraditional(ground!.basis), toTraditional(ground!.description)],
    );
    const own = toTraditional('本市数据管理办法禁止对外提供');
    await demand!.dataSource.query(
      `INSERT INTO legal_ground (code, title, basis, description, created_by) VALUES ('city-rule', $1, $1, $1, 'data-admin@360100')`,
      [own],
    );
    await demand!.dataSource.query(`DELETE FROM schema_migrations WHERE name = 'SimplifiedLegalGrounds1767700000000'`);

    await demand!.close();
    demand = await startService(demandService, config);

    const rows = (await demand.dataSource.query(
      `SELECT code, title, basis, description FROM legal_ground WHERE code IN ('beyond-duty', 'city-rule') ORDER BY code`,
    )) as Array<{ code: string; title: string; basis: string; description: string }>;
    expect(rows).toEqual([
      { code: 'beyond-duty', ...ground },
      { code: 'city-rule', title: own, basis: own, description: own },
    ]);
  });
});

import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import { openDataService } from '@govdata/open-data-feature';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { Client } from 'pg';
import { withDemoSeed } from './demo-seed.js';

/**
 * `npm start`'s demo catalog on a Nanchang node, the services with the demo seed added as the demo
 * launcher adds it (`withDemoSeed`): the gateway seeds the organisations and accounts,
 * the catalog then registers the demo systems, a database of sample source tables and the entries,
 * through the real lifecycle, and mounts the sample tables. What the demo user sees is asserted here.
 */
describe('the demo catalog (withDemoSeed)', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let catalog: RunningService;
  let openData: RunningService;
  let token: string;

  beforeAll(async () => {
    config = await testNodeConfig({
      node: {
        code: '360100',
        name: '南昌市政务数据共享平台',
        level: 'municipal',
        parent: { code: '360000', gateway: 'http://127.0.0.1:8081', federation: '127.0.0.1:19007' },
      },
      // As the demo configs: the sample source database lives on the node's own PostgreSQL server,
      // listed exactly (its own database and superusers stay refused).
      outbound: { allow: ['127.0.0.1:5432'] },
    });
    gateway = await startService(withDemoSeed(gatewayService), config);
    catalog = await startService(withDemoSeed(catalogService), config);
    openData = await startService(withDemoSeed(openDataService), config);
    const login = await fetch(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'reviewer', password: 'Govdata@2026' }),
    });
    token = ((await login.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    // Side by side: each stop mostly waits on the service's Kafka consumer.
    await Promise.all([openData?.close(), catalog?.close(), gateway?.close()]);
    if (config) {
      await dropTestNode(config);
      const admin = new Client({ connectionString: config.postgres.adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${config.postgres.database}_sources WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${config.postgres.database}_sources_reader`);
      await admin.end();
    }
  });

  const get = async (path: string) => {
    const response = await fetch(`${gateway.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('registers realistic entries with systems, published through review, with sample tables mounted', async () => {
    let last = '';
    const seeded = await waitFor(
      async () => {
        const rows = await catalog.dataSource.query(
          `SELECT count(*)::int AS entries, count(*) FILTER (WHERE published_version IS NOT NULL)::int AS published,
                  (SELECT count(*)::int FROM entry_mount) AS mounts
           FROM catalog_entry`,
        );
        // Done when the counts stop moving (polled every 2 s).
        const now = JSON.stringify(rows[0]);
        const done = now === last && rows[0].entries >= 80;
        last = now;
        if (!done) await new Promise((resolve) => setTimeout(resolve, 2_000));
        return done ? (rows[0] as { entries: number; published: number; mounts: number }) : undefined;
      },
      150_000,
      'the demo catalog',
    );
    expect(seeded.mounts).toBeGreaterThanOrEqual(4);
    expect(seeded.published).toBeGreaterThan(seeded.entries * 0.8);

    const population = await get(`/api/v1/catalog/search?q=${encodeURIComponent('人口基本信息')}`);
    expect(population.status).toBe(200);
    const hit = population.body.items[0];
    expect(hit.name).toContain('人口基本信息');
    const entry = await get(`/api/v1/catalog/entries/${hit.id}`);
    expect(entry.body.content.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['姓名', '公民身份号码']),
    );
    expect(entry.body.content.systemId).toEqual(expect.any(String));

    const systems = await get('/api/v1/catalog/systems');
    expect(systems.body.items.length).toBeGreaterThanOrEqual(9);

    // Jiangxi's deadlines (10 working days to update, 5 to review) on a Jiangxi node.
    const deadlines = await get('/api/v1/catalog/settings/deadlines');
    expect(deadlines.body).toMatchObject({ updateDays: 10, reviewDays: 5 });
  });

  it(
    'opens the open sample catalog through the opening review: the figures the 2018 pilot plan asks for',
    { timeout: 300_000 },
    async () => {
      const figures = await waitFor(
        async () => {
          const response = await fetch(`${gateway.httpUrl}/api/v1/open-data/statistics`);
          const body = (await response.json()) as any;
          if (body.datasets < 320) await new Promise((resolve) => setTimeout(resolve, 2_000));
          return body.datasets >= 320 ? body : undefined;
        },
        240_000,
        'the open sample catalog opened',
      );
      expect(figures.domains.count).toBe(20);
      expect(figures.targets.met).toMatchObject({
        domains: true,
        datasetsPerDomain: true,
        datasets: true,
        machineReadableShare: true,
      });
      const found = await fetch(
        `${gateway.httpUrl}/api/v1/open-data/datasets?q=${encodeURIComponent('公共图书馆名录')}`,
      );
      const dataset = ((await found.json()) as any).items[0];
      expect(dataset).toMatchObject({ name: '公共图书馆名录', domain: { zh: '文化休闲' }, status: 'open' });
      const rows = await fetch(
        `${gateway.httpUrl}/api/v1/open-data/datasets/${dataset.id}/resources/${dataset.resources[0].id}/rows?limit=5`,
      );
      const page = (await rows.json()) as any;
      expect(page.fields).toEqual(['序号', '名称', '所在区划', '办公地址', '服务电话']);
      expect(page.rows[0]['所在区划']).toMatch(/区|县/);
    },
  );
});

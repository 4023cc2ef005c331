import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federationService, initNodeKey } from '@govdata/federation-feature';
import type { RunningService } from '@govdata/platform-service';
import { freePort, queryNodeDatabase, startTestNode, waitFor } from '@govdata/platform-testing';
import { enrolChild, linkAddress } from '../federation/federation-harness.js';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

const NATIONAL = '100000';
const JIANGXI = '360000';

/** An open-data node with its federation service (a link port for children). */
async function startNode(
  overrides: Parameters<typeof startOpenDataNode>[0] = {},
): Promise<{ node: OpenDataNode; federation: RunningService }> {
  const node = await startOpenDataNode({
    // Anti-entropy every 2 s, so the test sees a verified set.
    federation: { antiEntropySeconds: 2 },
    ...overrides,
    services: { ...overrides.services, federation: { link: await freePort() } },
  });
  const [federation] = (
    await startTestNode({
      services: [federationService],
      config: node.config,
      label: `federation of ${node.config.node.code} ready`,
    })
  ).services as [RunningService];
  return { node, federation };
}

/**
 * 开放数据一本账 across the tree: a dataset opened at Jiangxi (360000) travels up the federation
 * link to national (100000) as a read-only replica with its provenance; its rows are read at
 * national through the origin (masked there); archiving at Jiangxi archives it at national; and
 * national's statistics count it for the subtree, not for the node itself. Nothing is polled.
 */
describe('open datasets across the tree (100000 ← 360000)', () => {
  let national: { node: OpenDataNode; federation: RunningService };
  let jiangxi: { node: OpenDataNode; federation: RunningService };
  let datasetId: string;
  let entryId: string;
  let resourceId: string;

  beforeAll(async () => {
    national = await startNode();
    await initNodeKey(national.node.config);
    jiangxi = await startNode({
      node: {
        code: JIANGXI,
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: {
          code: NATIONAL,
          gateway: national.node.gateway.httpUrl,
          federation: linkAddress({ config: national.node.config }),
        },
      },
    });
    await enrolChild({ config: national.node.config, catalog: national.node }, { config: jiangxi.node.config });

    const source = jiangxi.node.source;
    await source.sql('CREATE SCHEMA scjg');
    await source.sql(`CREATE TABLE scjg.licence (xkzh varchar(30) NOT NULL, fddbr varchar(50), qymc varchar(200))`);
    for (let i = 0; i < 25; i++) {
      await source.sql('INSERT INTO scjg.licence VALUES ($1, $2, $3)', [
        `JY3601${String(100000 + i)}`,
        `王${'一二三四五'[i % 5]}${i}`,
        `南昌第${i}食品店`,
      ]);
    }
    await source.sql(`GRANT USAGE ON SCHEMA scjg TO "${source.role}"`);
    await source.sql(`GRANT SELECT ON scjg.licence TO "${source.role}"`);
    ({ entryId, datasetId } = await jiangxi.node.publishWithTable(
      jiangxi.node.orgA,
      {
        schema: 'scjg',
        table: 'licence',
        columnMapping: [
          { column: 'xkzh', item: '许可证编号' },
          { column: 'fddbr', item: '姓名' },
          { column: 'qymc', item: '企业名称' },
        ],
      },
      {
        name: '食品经营许可信息',
        abstract: '全省食品经营许可证的编号、经营者和企业名称。',
        regionCode: JIANGXI,
        items: [
          { name: '许可证编号', dataType: 'C', length: 30 },
          { name: '姓名', dataType: 'C', length: 50 },
          { name: '企业名称', dataType: 'C', length: 200 },
        ],
      },
    ));
  }, 400_000);

  afterAll(async () => {
    await jiangxi?.federation.close();
    await jiangxi?.node.close();
    await national?.federation.close();
    await national?.node.close();
  });

  const nationalDataset = () => national.node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);

  it('does not send a dataset in review up the tree', async () => {
    expect((await nationalDataset()).status).toBe(404);
    const logged = await jiangxi.node.openSql('SELECT 1 FROM open_dataset WHERE id = $1 AND public_version > 0', [
      datasetId,
    ]);
    expect(logged).toEqual([]);
  });

  it('shows the dataset opened at Jiangxi in national’s open catalog, with its origin and path', async () => {
    const authority = await jiangxi.node.token(jiangxi.node.orgB, ['data-admin'], 'open-data-authority@360000');
    const review = await jiangxi.node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    expect(review.status).toBe(200);
    const mountId = review.body.review.columns[0].mountId as string;
    const opened = await jiangxi.node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'economy',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [
          { mountId, column: 'xkzh', decision: 'open' },
          { mountId, column: 'fddbr', decision: 'mask', mask: 'name-keep-surname' },
          { mountId, column: 'qymc', decision: 'withhold' },
        ],
      },
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);

    const replica = await waitFor(
      async () => {
        const res = await nationalDataset();
        return res.status === 200 ? res : undefined;
      },
      60_000,
      'the Jiangxi dataset in national’s open catalog',
    );
    expect(replica.body).toMatchObject({
      id: datasetId,
      nodeCode: JIANGXI,
      name: '食品经营许可信息',
      status: 'open',
      origin: { nodeCode: JIANGXI, path: [JIANGXI, NATIONAL] },
    });
    expect(Date.parse(replica.body.origin.receivedAt)).not.toBeNaN();
    // The published columns travel; the withheld one and the source never do.
    expect(replica.body.resources).toHaveLength(1);
    expect(replica.body.resources[0].columns).toEqual([
      { item: '许可证编号', dataType: 'C', masked: false },
      { item: '姓名', dataType: 'C', masked: true },
    ]);
    resourceId = replica.body.resources[0].id;
    const [stored] = await national.node.openSql<{ source: unknown; origin_path: string[] }>(
      'SELECT r.source, d.origin_path FROM open_resource r JOIN open_dataset d ON d.id = r.dataset_id WHERE d.id = $1',
      [datasetId],
    );
    expect(stored).toEqual({ source: null, origin_path: [JIANGXI, NATIONAL] });
    const ownView = await jiangxi.node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
    expect(ownView.body.origin).toBeNull();

    const listed = await national.node.api('GET', '/api/v1/open-data/datasets');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((d: { id: string }) => d.id === datasetId)).toMatchObject({
      origin: { nodeCode: JIANGXI },
    });
  });

  it('carries the dataset as a record of its own kind, and the files Jiangxi writes as they are written', async () => {
    const [record] = await queryNodeDatabase<{ kind: string; path: string[] }>(
      national.node.config,
      'federation',
      'SELECT kind, path FROM replica_record WHERE record_key = $1',
      [datasetId],
    );
    expect(record).toEqual({ kind: 'open-data.dataset', path: [JIANGXI, NATIONAL] });
    const files = async (node: OpenDataNode) =>
      (await node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0].files as Array<{
        format: string;
        sha256: string;
      }>;
    const atJiangxi = await waitFor(
      async () => ((await files(jiangxi.node)).length === 4 ? files(jiangxi.node) : undefined),
      60_000,
      'the four files written at Jiangxi',
    );
    const atNational = await waitFor(
      async () => ((await files(national.node)).length === 4 ? files(national.node) : undefined),
      60_000,
      'the four files listed at national',
    );
    expect(atNational).toEqual(atJiangxi);
  });

  it('verifies Jiangxi’s set by anti-entropy with the dataset in it: entry and dataset, in sync', async () => {
    const operator = await national.node.token(national.node.root, ['operator'], `user:ops@${NATIONAL}`);
    const since = new Date();
    const set = await waitFor(
      async () => {
        const view = await national.node.api('GET', `/api/v1/federation/children/${JIANGXI}/anti-entropy`, {
          token: operator,
        });
        const found = view.body.sets?.find((s: { origin: string }) => s.origin === JIANGXI);
        return found && new Date(found.verifiedAt) > since ? found : undefined;
      },
      60_000,
      'national verifying Jiangxi’s set',
    );
    // The catalog entry and the open dataset: one set per origin, both kinds in it.
    expect(set).toMatchObject({ inSync: true, parentRoot: { count: 2 } });
    expect(set.divergence).toEqual({ missing: 0, behind: 0, corrupted: 0, orphaned: 0, ahead: 0 });
    expect((await nationalDataset()).status).toBe(200);
  });

  it('reads the replica’s rows at national through Jiangxi, masked as Jiangxi masks them', async () => {
    const path = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows?limit=10`;
    const atOrigin = await jiangxi.node.api('GET', path);
    expect(atOrigin.status).toBe(200);
    const atNational = await national.node.api('GET', path);
    expect(atNational.status, JSON.stringify(atNational.body)).toBe(200);
    expect(atNational.body).toEqual(atOrigin.body);
    expect(atNational.body.fields).toEqual(['许可证编号', '姓名']);
    expect(atNational.body.total).toBe(25);
    expect(atNational.body.rows).toHaveLength(10);
    for (const row of atNational.body.rows) {
      expect(row['姓名']).toMatch(/^王\*+$/);
      expect(row).not.toHaveProperty('企业名称');
    }
    // A filter on the masked column is refused by the origin, and the refusal comes back as it is.
    const refused = await national.node.api(
      'GET',
      `${path}&filters=${encodeURIComponent(JSON.stringify({ 姓名: '王一0' }))}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ rule: 'open-column' });
  });

  it('relays the file of Jiangxi’s last update at national: the same bytes, length and ETag, ranges, counted at Jiangxi', async () => {
    const path = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=csv`;
    const fetchBytes = async (node: OpenDataNode, headers: Record<string, string> = {}) => {
      const res = await fetch(`${node.gateway.httpUrl}${path}`, { headers });
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const counted = async () =>
      Number(
        (
          await jiangxi.node.openSql<{ n: string }>(
            'SELECT coalesce(sum(downloads), 0) AS n FROM open_download_count WHERE resource_id = $1',
            [resourceId],
          )
        )[0]!.n,
      );
    const before = await counted();
    const atOrigin = await fetchBytes(jiangxi.node);
    expect(atOrigin.res.status).toBe(200);
    const atNational = await fetchBytes(national.node);
    expect(atNational.res.status).toBe(200);
    expect(atNational.bytes.equals(atOrigin.bytes)).toBe(true);
    expect(atNational.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(atNational.res.headers.get('content-length')).toBe(String(atOrigin.bytes.length));
    const etag = atNational.res.headers.get('etag')!;
    expect(etag).toBe(atOrigin.res.headers.get('etag'));
    expect(etag).toBe(`"sha256-${createHash('sha256').update(atOrigin.bytes).digest('hex')}"`);
    expect(atNational.res.headers.get('x-govdata-origin')).toBe(JIANGXI);
    // Both whole downloads are Jiangxi's: its own and the one relayed.
    expect(await counted()).toBe(before + 2);

    const notModified = await fetchBytes(national.node, { 'if-none-match': etag });
    expect(notModified.res.status).toBe(304);
    const tail = await fetchBytes(national.node, { range: 'bytes=10-' });
    expect(tail.res.status).toBe(206);
    expect(tail.res.headers.get('content-range')).toBe(
      `bytes 10-${atOrigin.bytes.length - 1}/${atOrigin.bytes.length}`,
    );
    expect(tail.bytes.equals(atOrigin.bytes.subarray(10))).toBe(true);
    const beyond = await fetchBytes(national.node, { range: `bytes=${atOrigin.bytes.length + 5}-` });
    expect(beyond.res.status).toBe(416);
    expect(beyond.res.headers.get('content-range')).toBe(`bytes */${atOrigin.bytes.length}`);
    // A range is not a download: the count is unchanged.
    expect(await counted()).toBe(before + 2);
    // Reading the source live is the origin's to serve.
    const live = await national.node.api('GET', `${path}&live=true`);
    expect(live.status).toBe(409);
    expect(live.body.errors[0]).toMatchObject({ rule: 'served-by-origin' });
  });

  it('counts the replica in national’s statistics for its subtree, not for national itself', async () => {
    const subtree = await national.node.api('GET', '/api/v1/open-data/statistics?scope=subtree');
    expect(subtree.status).toBe(200);
    expect(subtree.body).toMatchObject({ scope: 'subtree', nodes: [NATIONAL, JIANGXI], datasets: 1 });
    expect(subtree.body.domains.perDomain).toEqual([expect.objectContaining({ code: 'economy', datasets: 1 })]);
    const own = await national.node.api('GET', '/api/v1/open-data/statistics');
    expect(own.body).toMatchObject({ scope: 'node', nodes: [NATIONAL], datasets: 0 });
  });

  it('lists the replica in national’s CKAN API and DCAT catalog, naming its origin', async () => {
    const search = await national.node.api('GET', `/api/3/action/package_search?q=${encodeURIComponent('食品经营')}`);
    expect(search.status).toBe(200);
    expect(search.body.result.results.map((p: { id: string }) => p.id)).toEqual([datasetId]);
    const shown = await national.node.api('GET', `/api/3/action/package_show?id=${datasetId}`);
    expect(shown.status).toBe(200);
    expect(shown.body.result.extras).toEqual(
      expect.arrayContaining([
        { key: '来源节点', value: JIANGXI },
        { key: '来源路径', value: `${JIANGXI}→${NATIONAL}` },
      ]),
    );
    // Jiangxi's own package names no origin.
    const own = await jiangxi.node.api('GET', `/api/3/action/package_show?id=${datasetId}`);
    expect(own.body.result.extras.map((e: { key: string }) => e.key)).not.toContain('来源节点');
    const turtle = await fetch(`${national.node.gateway.httpUrl}/catalog.ttl`);
    expect(turtle.status).toBe(200);
    const text = await turtle.text();
    expect(text).toContain('食品经营许可信息');
    expect(text).toContain(`来源节点 ${JIANGXI}`);
  });

  it('archives the replica at national when the dataset is archived at Jiangxi', async () => {
    const editor = await jiangxi.node.token(jiangxi.node.orgA, ['catalog-editor'], 'catalog-editor@360000');
    const retired = await jiangxi.node.api('POST', `/api/v1/catalog/entries/${entryId}/retire`, {
      token: editor,
      body: { reason: '许可信息并入市场主体综合库' },
    });
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    const archived = await waitFor(
      async () => {
        const res = await nationalDataset();
        return res.body.status === 'archived' ? res : undefined;
      },
      60_000,
      'the replica archived at national',
    );
    expect(archived.body).toMatchObject({
      origin: { nodeCode: JIANGXI },
      archivedReason: expect.stringContaining('目录已停用'),
    });
    // National holds Jiangxi's last version (opened, each file written, archived), newest winning.
    const version = async (node: OpenDataNode) =>
      Number(
        (
          await node.openSql<{ public_version: string }>('SELECT public_version FROM open_dataset WHERE id = $1', [
            datasetId,
          ])
        )[0]!.public_version,
      );
    expect(await version(national.node)).toBe(await version(jiangxi.node));
    expect(await version(national.node)).toBeGreaterThanOrEqual(2);
    const rows = await national.node.api('GET', `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/rows`);
    expect(rows.status).toBe(409);
    const subtree = await national.node.api('GET', '/api/v1/open-data/statistics?scope=subtree');
    expect(subtree.body).toMatchObject({ datasets: 0, archived: 1 });
  });
});

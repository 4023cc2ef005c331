import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { federationService, initNodeKey } from '@govdata/federation-feature';
import type { RunningService } from '@govdata/platform-service';
import { freePort, startTestNode, waitFor } from '@govdata/platform-testing';
import { enrolChild, linkAddress } from '../federation/federation-harness.js';
import { startOpenDataNode, type OpenDataNode } from '../open-data/open-data-harness.js';

/**
 * 一本账 downloads — the file of a dataset opened at Jiangxi (360000), downloaded at national
 * (100000), where it is relayed from the origin 1 MiB range at a time over the federation's routing
 * (mTLS links), beside the same file downloaded at the origin in the same run: the relay's throughput
 * as a ratio of the direct download, and the process's peak RSS growth during each.
 */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 300_000);

describe(`open data relay: a ${ROWS.toLocaleString('en')}-row CSV file downloaded at an ancestor`, () => {
  let national: { node: OpenDataNode; federation: RunningService };
  let jiangxi: { node: OpenDataNode; federation: RunningService };
  let path: string;
  let sha256: string;

  async function startNode(overrides: Parameters<typeof startOpenDataNode>[0] = {}) {
    const node = await startOpenDataNode({ ...overrides, services: { federation: { link: await freePort() } } });
    const [federation] = (await startTestNode({ services: [federationService], config: node.config })).services as [
      RunningService,
    ];
    return { node, federation };
  }

  beforeAll(async () => {
    national = await startNode();
    await initNodeKey(national.node.config);
    jiangxi = await startNode({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: {
          code: '100000',
          gateway: national.node.gateway.httpUrl,
          federation: linkAddress({ config: national.node.config }),
        },
      },
    });
    await enrolChild({ config: national.node.config, catalog: national.node }, { config: jiangxi.node.config });
    const source = jiangxi.node.source;
    await source.sql('CREATE SCHEMA scjg');
    await source.sql(`
      CREATE TABLE scjg.licence AS
      SELECT 'JY3601' || lpad(i::text, 8, '0') AS xkzh, '南昌市第' || (i % 300) || '食品经营部' AS qymc,
             '江西省南昌市东湖区八一大道' || i || '号' AS jydz, date '2020-01-01' + (i % 2000) AS fzrq,
             (ARRAY['食品销售','餐饮服务','单位食堂'])[1 + i % 3] AS jyxm
      FROM generate_series(1, ${ROWS}) AS i`);
    await source.sql(`GRANT USAGE ON SCHEMA scjg TO "${source.role}"`);
    await source.sql(`GRANT SELECT ON scjg.licence TO "${source.role}"`);
    const columns = [
      { column: 'xkzh', item: '许可证编号' },
      { column: 'qymc', item: '企业名称' },
      { column: 'jydz', item: '经营地址' },
      { column: 'fzrq', item: '发证日期' },
      { column: 'jyxm', item: '经营项目' },
    ];
    const { datasetId } = await jiangxi.node.publishWithTable(
      jiangxi.node.orgA,
      { schema: 'scjg', table: 'licence', columnMapping: columns },
      {
        name: '食品经营许可信息',
        regionCode: '360000',
        items: columns.map((c) => ({ name: c.item, dataType: c.column === 'fzrq' ? 'D' : 'C', length: 200 })),
      },
    );
    const authority = await jiangxi.node.token(jiangxi.node.orgB, ['data-admin'], 'authority');
    const review = await jiangxi.node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    const mountId = review.body.review.columns[0].mountId as string;
    const opened = await jiangxi.node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'market',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: columns.map((c) => ({ mountId, column: c.column, decision: 'open' })),
      },
    });
    if (opened.status !== 200) throw new Error(JSON.stringify(opened.body));
    const resourceId = (await jiangxi.node.api('GET', `/api/v1/open-data/datasets/${datasetId}`)).body.resources[0]
      .id as string;
    path = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=csv`;
    // The file is written at Jiangxi, and its listing reaches national's replica.
    sha256 = await waitFor(
      async () => {
        const view = await national.node.api('GET', `/api/v1/open-data/datasets/${datasetId}`);
        return (view.body.resources?.[0]?.files as Array<{ format: string; sha256: string }> | undefined)?.find(
          (f) => f.format === 'csv',
        )?.sha256;
      },
      300_000,
      'the CSV file listed at national',
    );
  }, 600_000);

  afterAll(async () => {
    await jiangxi?.federation.close();
    await jiangxi?.node.close();
    await national?.federation.close();
    await national?.node.close();
  });

  /** Bytes, seconds and peak RSS growth of one download, hashed to check it is the file. */
  async function download(node: OpenDataNode) {
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const response = await fetch(`${node.gateway.httpUrl}${path}`);
    if (response.status !== 200) throw new Error(`download answered ${response.status}`);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      hash.update(chunk);
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (hash.digest('hex') !== sha256) throw new Error('the download is not the file listed');
    return { bytes, seconds, rssGrowthMb: (Math.max(peak, process.memoryUsage().rss) - baseRss) / 2 ** 20 };
  }

  it(
    'prints the relay’s throughput beside the origin’s own download, and the RSS growth',
    { timeout: 900_000 },
    async () => {
      await download(jiangxi.node);
      await download(national.node);
      const best = <T extends { seconds: number }>(runs: T[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
      const direct = best([await download(jiangxi.node), await download(jiangxi.node)]);
      const relayed = best([await download(national.node), await download(national.node)]);
      const line = (label: string, r: { bytes: number; seconds: number; rssGrowthMb: number }) =>
        `${label.padEnd(40)} ${(r.bytes / 2 ** 20).toFixed(1).padStart(7)} MiB ${r.seconds.toFixed(2).padStart(6)} s ` +
        `${(r.bytes / 2 ** 20 / r.seconds).toFixed(1).padStart(6)} MiB/s  peak RSS +${r.rssGrowthMb.toFixed(1)} MiB`;
      console.log(
        [
          '',
          `open data relay — ${ROWS.toLocaleString('en')} rows, the same CSV file (sha256 checked on both)`,
          line('at the origin (360000), its own file', direct),
          line('at national (100000), relayed', relayed),
          `relay throughput ratio vs the origin's own download: ${(direct.seconds / relayed.seconds).toFixed(2)}×`,
        ].join('\n'),
      );
    },
  );
});

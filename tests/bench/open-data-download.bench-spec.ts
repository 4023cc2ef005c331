import { spawn } from 'node:child_process';
import { selectList } from '@govdata/open-data-feature';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startOpenDataNode, type OpenDataNode } from '../open-data/open-data-harness.js';

/**
 * 下载 — a 1,000,000-row × 10-column table downloaded as CSV from the open-data service (masked in
 * SQL, streamed from COPY through the service and the gateway), beside `psql \copy` of the same
 * query to stdout in the same run (the physical limit on this machine), and the service's peak RSS
 * growth during the download (the service runs in this process, as in the other benches).
 */
const ROWS = Number(process.env['BENCH_ROWS'] ?? 1_000_000);

const COLUMNS = [
  { column: 'xh', item: '序号', type: 'bigint', dataType: 'N', decision: 'open' },
  { column: 'xm', item: '姓名', type: 'varchar(50)', dataType: 'C', decision: 'mask', mask: 'name-keep-surname' },
  { column: 'sfzh', item: '公民身份号码', type: 'char(18)', dataType: 'C', decision: 'mask', mask: 'id-card-keep-6-4' },
  { column: 'xb', item: '性别', type: 'varchar(1)', dataType: 'C', decision: 'open' },
  { column: 'djrq', item: '登记日期', type: 'date', dataType: 'D', decision: 'open' },
  { column: 'zz', item: '住址', type: 'varchar(200)', dataType: 'C', decision: 'withhold' },
  { column: 'lxdh', item: '联系电话', type: 'varchar(11)', dataType: 'C', decision: 'mask', mask: 'mobile-keep-3-4' },
  { column: 'gzdw', item: '工作单位', type: 'varchar(100)', dataType: 'C', decision: 'open' },
  { column: 'je', item: '补贴金额', type: 'numeric(12,2)', dataType: 'N', decision: 'open' },
  { column: 'gxsj', item: '更新时间', type: 'timestamp', dataType: 'T', decision: 'open' },
] as const;

describe(`open data download: ${ROWS.toLocaleString('en')} rows × ${COLUMNS.length} columns as CSV`, () => {
  let node: OpenDataNode;
  let url: string;
  let directUrl: string;
  let sourceUrl: string;
  let select: string;

  beforeAll(async () => {
    node = await startOpenDataNode();
    await node.source.sql('CREATE SCHEMA mz');
    await node.source.sql(`CREATE TABLE mz.subsidy (${COLUMNS.map((c) => `${c.column} ${c.type}`).join(', ')})`);
    await node.source.sql(`
      INSERT INTO mz.subsidy
      SELECT i, (ARRAY['张','王','李','赵','欧阳'])[1 + i % 5] || '某' || (i % 97),
             '360102' || (1950 + i % 50) || lpad(((i % 12) + 1)::text, 2, '0') || '01' || lpad((i % 10000)::text, 4, '0'),
             CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END, date '1950-01-01' + (i % 18000),
             '江西省南昌市东湖区八一大道' || i || '号', '13' || lpad((i % 1000000000)::text, 9, '0'),
             '南昌市第' || (i % 300) || '中学', (i % 100000) / 100.0, timestamp '2026-01-01' + (i || ' seconds')::interval
      FROM generate_series(1, ${ROWS}) AS i`);
    await node.source.sql('VACUUM ANALYZE mz.subsidy');
    await node.source.sql(`GRANT USAGE ON SCHEMA mz TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON mz.subsidy TO "${node.source.role}"`);
    const { datasetId } = await node.publishWithTable(
      node.orgA,
      { schema: 'mz', table: 'subsidy', columnMapping: COLUMNS.map((c) => ({ column: c.column, item: c.item })) },
      {
        name: '城乡低保补贴发放信息',
        items: COLUMNS.map((c) => ({
          name: c.item,
          dataType: c.dataType,
          ...(c.dataType === 'C' || c.dataType === 'N' ? { length: 200 } : {}),
        })),
      },
    );
    const authority = await node.token(node.orgB, ['data-admin'], 'authority');
    const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    const mountId = review.body.review.columns[0].mountId as string;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'relief',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: COLUMNS.map((c) => ({
          mountId,
          column: c.column,
          decision: c.decision,
          ...('mask' in c ? { mask: c.mask } : {}),
        })),
      },
    });
    if (opened.status !== 200) throw new Error(JSON.stringify(opened.body));
    const resourceId = opened.body.resources[0].id as string;
    const path = `/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=csv`;
    url = `${node.gateway.httpUrl}${path}`;
    directUrl = `${node.openData.httpUrl}${path}`;
    const source = new URL(node.config.postgres.adminUrl);
    source.pathname = `/${node.source.database}`;
    sourceUrl = source.toString();
    select = selectList(
      COLUMNS.filter((c) => c.decision !== 'withhold').map((c) => ({
        column: c.column,
        columnType: c.type.startsWith('timestamp')
          ? 'timestamp without time zone'
          : c.type === 'date'
            ? 'date'
            : 'text',
        item: c.item,
        decision: c.decision,
        ...('mask' in c ? { mask: c.mask } : {}),
      })),
    );
  }, 900_000);

  afterAll(async () => {
    await node?.close();
  });

  /** Bytes and seconds of psql's `\copy (query) to stdout`, read to the end. */
  function psqlCopy(query: string): Promise<{ bytes: number; seconds: number }> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn('psql', [
        sourceUrl,
        '-X',
        '-q',
        '-c',
        `\\copy (${query}) to stdout with (format csv, header true)`,
      ]);
      let bytes = 0;
      child.stdout.on('data', (c: Buffer) => (bytes += c.length));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve({ bytes, seconds: (performance.now() - started) / 1000 })
          : reject(new Error(`psql exited ${code}`)),
      );
    });
  }

  /** Bytes, seconds and peak RSS growth of one download, read to the end. */
  async function download(target: string): Promise<{ bytes: number; seconds: number; rssGrowthMb: number }> {
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const response = await fetch(target);
    if (response.status !== 200) throw new Error(`download answered ${response.status}`);
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { bytes, seconds, rssGrowthMb: (peak - baseRss) / 2 ** 20 };
  }

  it('prints throughput beside psql \\copy of the same query, and the RSS growth', { timeout: 900_000 }, async () => {
    const rows = (label: string, r: { bytes: number; seconds: number }) =>
      `${label.padEnd(44)} ${(r.bytes / 2 ** 20).toFixed(1).padStart(7)} MiB ${r.seconds.toFixed(2).padStart(6)} s ` +
      `${(r.bytes / 2 ** 20 / r.seconds).toFixed(1).padStart(6)} MiB/s ${Math.round(ROWS / r.seconds)
        .toLocaleString('en')
        .padStart(10)} rows/s`;
    // Warm both paths once (connections, plans, the table in shared buffers).
    await psqlCopy(`SELECT ${select} FROM mz.subsidy`);
    await download(directUrl);
    const results: string[] = [];
    const best = <T extends { seconds: number }>(runs: T[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const psqlMasked = best([
      await psqlCopy(`SELECT ${select} FROM mz.subsidy`),
      await psqlCopy(`SELECT ${select} FROM mz.subsidy`),
    ]);
    const psqlRaw = best([await psqlCopy('SELECT * FROM mz.subsidy'), await psqlCopy('SELECT * FROM mz.subsidy')]);
    const direct = best([await download(directUrl), await download(directUrl)]);
    const gateway = best([await download(url), await download(url)]);
    results.push(rows('psql \\copy (same masked query) to stdout', psqlMasked));
    results.push(rows('psql \\copy (whole table, unmasked) to stdout', psqlRaw));
    results.push(rows('open-data service, direct', direct));
    results.push(rows('open-data service, through the gateway', gateway));
    const ratio = (r: { seconds: number; bytes: number }) =>
      (r.bytes / r.seconds / (psqlMasked.bytes / psqlMasked.seconds)).toFixed(2);
    results.push(
      `throughput ratio vs psql (same query): direct ${ratio(direct)}×, through the gateway ${ratio(gateway)}× (goal ≥ 0.8)`,
    );
    results.push(
      `peak RSS growth during a download: direct ${direct.rssGrowthMb.toFixed(1)} MiB, through the gateway ${gateway.rssGrowthMb.toFixed(1)} MiB (goal ≤ 50 MB)`,
    );
    console.log(`\n${results.join('\n')}\n`);
  });
});

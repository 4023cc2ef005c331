import { randomUUID } from 'node:crypto';
import { gatewayService } from '@govdata/gateway-node';
import { openDataService } from '@govdata/open-data-feature';
import { callApi, queryNodeDatabase, startTestNode, type TestNode } from '@govdata/platform-testing';
import pg from 'pg';
import { insertSyntheticDatasets, type SyntheticOrganisation } from '../open-data/ckan-synthetic-datasets.js';

/**
 * CKAN 动作接口 over 100,000 open datasets (the issue: CKAN itself takes 43 s for a page at
 * start=17000): p50/p95 of package_search through the gateway with typical q / fq, a page at
 * start=17000, and a full incremental harvest of 10,000 datasets by 100-row pages. The baseline is
 * the same page read by plain SQL straight from PostgreSQL (rows, resources and count), in the same
 * run — with the filters as written and words as a plain `LIKE` (no bigram index): what the API
 * and its text index change against the database's own work.
 */
const DATASETS = Number(process.env['BENCH_DATASETS'] ?? 100_000);
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 20);
const HARVEST = 10_000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(2));
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}

describe('bench: CKAN package_search over 100,000 open datasets', () => {
  let node: TestNode;
  let pool: pg.Pool;

  beforeAll(async () => {
    node = await startTestNode({ services: [gatewayService, openDataService] });
    const url = new URL(node.config.postgres.adminUrl);
    url.pathname = `/${node.config.postgres.database}`;
    pool = new pg.Pool({ connectionString: url.toString(), max: 2, options: '-c search_path=open_data,public' });
  });

  afterAll(async () => {
    await pool?.end();
    await node?.close();
  });

  it('measures', async () => {
    const gateway = node.services[0]!.httpUrl;
    const nodeCode = node.config.node.code;
    const organisations: SyntheticOrganisation[] = Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      name: `江西省第${i + 1}厅`,
      code: `11360000MB${String(i).padStart(7, '0')}X`,
    }));
    const sql = (text: string, params?: unknown[]) => queryNodeDatabase(node.config, 'open-data', text, params);
    const fill = await timed(() => insertSyntheticDatasets(sql, { count: DATASETS, nodeCode, organisations }));
    // As autovacuum leaves a table in steady state (visibility map set, statistics current).
    await sql('VACUUM ANALYZE open_dataset');

    const api = async (query: string) => {
      const res = await callApi<{ success: boolean; result: { count: number; results: Array<{ id: string }> } }>(
        gateway,
        'GET',
        `/api/3/action/package_search?${query}`,
      );
      if (res.status !== 200) throw new Error(`package_search ${query}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.result;
    };
    /** The same page by plain SQL: the rows (resources too) and the count. */
    const direct = async (where: string, params: unknown[], order: string, rows: number, start: number) => {
      const all = [nodeCode, ...params];
      const page = await pool.query(
        `SELECT * FROM open_dataset WHERE node_code = $1 AND status = 'open'${where} ORDER BY ${order}
         LIMIT ${rows} OFFSET ${start}`,
        all,
      );
      await pool.query('SELECT * FROM open_resource WHERE dataset_id = ANY($1)', [page.rows.map((r) => r.id)]);
      await pool.query(`SELECT count(*) FROM open_dataset WHERE node_code = $1 AND status = 'open'${where}`, all);
    };

    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const org = organisations[3]!.id;
    const like = (w: string) => `%${w}%`;
    const TEXT = 'open_dataset_text(name, abstract, tags) LIKE';
    // [label, package_search query, baseline WHERE, its parameters]
    const cases: Array<[string, string, string, unknown[]]> = [
      ['all', 'rows=10', '', []],
      ['q 社保', `q=${encodeURIComponent('社保')}`, ` AND ${TEXT} $2`, [like('社保')]],
      ['q 公积金', `q=${encodeURIComponent('公积金')}`, ` AND ${TEXT} $2`, [like('公积金')]],
      [
        'q 南昌市 人口',
        `q=${encodeURIComponent('南昌市 人口')}`,
        ` AND ${TEXT} $2 AND ${TEXT} $3`,
        [like('南昌市'), like('人口')],
      ],
      ['q 营业执照信息', `q=${encodeURIComponent('营业执照信息')}`, ` AND ${TEXT} $2`, [like('营业执照信息')]],
      ['fq groups', `fq=${encodeURIComponent('groups:health')}`, ' AND domain = $2', ['health']],
      ['fq organization', `fq=${encodeURIComponent(`organization:${org}`)}`, ' AND organisation_id = $2', [org]],
      ['fq tags', `fq=${encodeURIComponent('tags:公积金')}`, ' AND tags @> ARRAY[$2]::text[]', ['公积金']],
      [
        'fq metadata_modified',
        `fq=${encodeURIComponent(`metadata_modified:[${since} TO *]`)}`,
        ' AND metadata_modified >= $2',
        [since],
      ],
      [
        'q + fq',
        `q=${encodeURIComponent('食品')}&fq=${encodeURIComponent('groups:market tags:赣州市')}`,
        ` AND ${TEXT} $2 AND domain = $3 AND tags @> ARRAY[$4]::text[]`,
        [like('食品'), 'market', '赣州市'],
      ],
    ];
    const apiMs: number[] = [];
    const directMs: number[] = [];
    const perCase: Record<string, { apiP95: number; baselineP95: number; count: number }> = {};
    for (const [label, query, where, params] of cases) {
      const mine: number[] = [];
      const theirs: number[] = [];
      let count = 0;
      for (let i = 0; i < REPEATS; i++) {
        const run = await timed(() => api(`${query}&sort=${encodeURIComponent('metadata_modified desc')}`));
        count = run.result.count;
        mine.push(run.ms);
        theirs.push((await timed(() => direct(where, params, 'metadata_modified DESC, id DESC', 10, 0))).ms);
      }
      apiMs.push(...mine);
      directMs.push(...theirs);
      perCase[label] = { apiP95: percentile(mine, 95), baselineP95: percentile(theirs, 95), count };
    }
    const facetMs: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      facetMs.push(
        (
          await timed(() =>
            api(
              `q=${encodeURIComponent('社保')}&facet.field=${encodeURIComponent('["organization","groups","tags","res_format"]')}`,
            ),
          )
        ).ms,
      );
    }

    const deepMs: number[] = [];
    const deepBaseline: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      deepMs.push((await timed(() => api('rows=100&start=17000'))).ms);
      deepBaseline.push((await timed(() => direct('', [], 'metadata_modified DESC, id DESC', 100, 17_000))).ms);
    }
    const deep1000 = await timed(() => api('rows=1000&start=17000'));

    // A harvest of what changed since a time 10,000 changes back: 100 pages of 100, oldest first.
    const cut = await pool.query<{ t: Date }>(
      `SELECT metadata_modified AS t FROM open_dataset ORDER BY metadata_modified DESC LIMIT 1 OFFSET ${HARVEST - 1}`,
    );
    const from = cut.rows[0]!.t.toISOString();
    const seen = new Set<string>();
    const harvest = await timed(async () => {
      for (let start = 0; ; start += 100) {
        const page = await api(
          `rows=100&start=${start}&fq=${encodeURIComponent(`metadata_modified:[${from} TO *]`)}&sort=${encodeURIComponent('metadata_modified asc')}`,
        );
        if (page.results.length === 0) break;
        for (const p of page.results) seen.add(p.id);
      }
    });
    const harvestBaseline = await timed(async () => {
      for (let start = 0; start < HARVEST; start += 100) {
        await direct(' AND metadata_modified >= $2', [from], 'metadata_modified ASC, id ASC', 100, start);
      }
    });

    const result = {
      bench: 'open-data-ckan',
      datasets: DATASETS,
      fillSeconds: Number((fill.ms / 1000).toFixed(1)),
      samplesPerCase: REPEATS,
      packageSearchP50: percentile(apiMs, 50),
      packageSearchP95: percentile(apiMs, 95),
      baselineSqlP50: percentile(directMs, 50),
      baselineSqlP95: percentile(directMs, 95),
      packageSearchWithFacetsP95: percentile(facetMs, 95),
      perCase,
      start17000Rows100P50: percentile(deepMs, 50),
      start17000Rows100P95: percentile(deepMs, 95),
      baselineStart17000P95: percentile(deepBaseline, 95),
      start17000Rows1000Ms: Number(deep1000.ms.toFixed(2)),
      harvest: {
        datasets: seen.size,
        pages: Math.ceil(seen.size / 100) + 1,
        seconds: Number((harvest.ms / 1000).toFixed(2)),
        baselineSqlSeconds: Number((harvestBaseline.ms / 1000).toFixed(2)),
      },
      unit: 'ms',
    };
    process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
    expect(seen.size).toBe(HARVEST);
  });
});

import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSyntheticDatasets } from './ckan-synthetic-datasets.js';
import { startOpenDataNode, type OpenDataNode } from './open-data-harness.js';

/** The npm CKAN client (okfn/ckan.js), as a CKAN client application uses it. */
interface CkanJsClient {
  action(name: string, data: unknown, cb: (err: unknown, body: any) => void): void;
}
const CKAN = createRequire(import.meta.url)('ckan') as { Client: new (endpoint: string) => CkanJsClient };

const SYNTHETIC = 250;

/**
 * CKAN 动作接口 on a real node, through the gateway, used as ckanext-harvest and CKAN clients use
 * it: paging package_search until empty, harvesting what changed since the last run, noticing a
 * dataset archived (gone from search, `deleted` in package_show), and reading a table's rows
 * through datastore_search — masked as the opening review decided.
 */
describe('open data: the CKAN action API at /api/3/action', () => {
  let node: OpenDataNode;
  let datasetId: string;
  let resourceId: string;
  const ROWS = 120;

  const action = (name: string, query = '', headers: Record<string, string> = {}) =>
    node.api('GET', `/api/3/action/${name}${query ? `?${query}` : ''}`, { headers });
  const search = async (query: string) => {
    const res = await action('package_search', query);
    expect(res.status).toBe(200);
    return res.body.result as { count: number; results: Array<Record<string, any>>; [k: string]: any };
  };

  beforeAll(async () => {
    node = await startOpenDataNode();
    const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    await node.source.sql('CREATE SCHEMA sbj');
    await node.source.sql('CREATE TABLE sbj.insured (xm varchar(50) NOT NULL, xb varchar(1), nl integer)');
    await node.source.sql(
      `INSERT INTO sbj.insured SELECT '张' || i, CASE WHEN i % 2 = 0 THEN '男' ELSE '女' END, 20 + i % 40
       FROM generate_series(1, ${ROWS}) AS i`,
    );
    await node.source.sql(`GRANT USAGE ON SCHEMA sbj TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON sbj.insured TO "${node.source.role}"`);
    ({ datasetId } = await node.publishWithTable(
      node.orgA,
      {
        schema: 'sbj',
        table: 'insured',
        columnMapping: [
          { column: 'xm', item: '姓名' },
          { column: 'xb', item: '性别' },
        ],
      },
      { tags: ['社保', '参保'] },
    ));
    const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
    const mountId = review.body.review.columns[0].mountId;
    const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
      token: authority,
      body: {
        decision: 'open',
        domain: 'employment',
        licence: 'cc-by',
        confidentialityChecked: true,
        personalInformationChecked: true,
        columns: [
          { mountId, column: 'xm', decision: 'mask', mask: 'name-keep-surname' },
          { mountId, column: 'xb', decision: 'open' },
        ],
      },
    });
    expect(opened.status).toBe(200);
    resourceId = opened.body.resources[0].id;
    await insertSyntheticDatasets(node.openSql, {
      count: SYNTHETIC,
      nodeCode: node.config.node.code,
      organisations: [
        { id: node.orgA.id, name: node.orgA.name, code: '11360000MB0000001A' },
        { id: node.orgB.id, name: node.orgB.name, code: '11360000MB0000002B' },
      ],
      // Older than the opened dataset, which stays the newest change.
      newest: new Date(Date.now() - 3_600_000),
    });
  }, 300_000);

  afterAll(async () => {
    await node?.close();
  });

  it("answers status_show in CKAN's envelope", async () => {
    const res = await action('status_show');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      help: expect.stringMatching(/\/api\/3\/action\/help_show\?name=status_show$/),
      result: { ckan_version: expect.any(String), site_title: expect.any(String), extensions: ['datastore'] },
    });
  });

  it('harvests every open dataset by paging package_search by 100 until a page is empty', async () => {
    const first = await search('rows=100&start=0');
    expect(first.count).toBe(SYNTHETIC + 1);
    const seen = new Set<string>();
    let pages = 0;
    for (let start = 0; ; start += 100) {
      const page = await search(`rows=100&start=${start}&sort=${encodeURIComponent('metadata_modified desc')}`);
      if (page.results.length === 0) break;
      pages++;
      for (const p of page.results) {
        expect(seen.has(p['id'])).toBe(false);
        seen.add(p['id']);
      }
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(SYNTHETIC + 1);
    expect(seen.has(datasetId)).toBe(true);
    const listed = await action('package_list');
    expect(new Set(listed.body.result)).toEqual(seen);
    const limited = await action('package_list', 'limit=10&offset=5');
    expect(limited.body.result).toEqual([...seen].sort().slice(5, 15));
  });

  it('shows the opened dataset as a CKAN package with its resource, absolute links and extras', async () => {
    const page = await search(
      `q=${encodeURIComponent('社保')}&fq=${encodeURIComponent('groups:employment tags:参保')}`,
    );
    expect(page.results.map((p) => p['id'])).toEqual([datasetId]);
    // Either script finds either (繁简折叠): the tag 参保 typed in traditional script (U+53C3, written as
    // a code point: the repository's literals are simplified), in CKAN's search and the REST list.
    const traditional = '\u53c3保';
    expect((await search(`q=${encodeURIComponent(traditional)}`)).results.map((p) => p['id'])).toEqual([datasetId]);
    const listed = await node.api('GET', `/api/v1/open-data/datasets?q=${encodeURIComponent(traditional)}`);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([datasetId]);
    const shown = await action('package_show', `id=${datasetId}`, {
      'x-forwarded-host': 'data.jiangxi.gov.cn',
      'x-forwarded-proto': 'https',
    });
    expect(shown.status).toBe(200);
    const pkg = shown.body.result;
    expect(pkg).toMatchObject({
      id: datasetId,
      name: datasetId,
      state: 'active',
      private: false,
      type: 'dataset',
      organization: { id: node.orgA.id, name: node.orgA.id },
      groups: [{ name: 'employment', title: '社保就业' }],
      license_id: 'cc-by',
      num_resources: 1,
      metadata_modified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+$/),
    });
    expect(pkg.tags.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['社保', '参保']));
    expect(pkg.resources[0]).toMatchObject({
      id: resourceId,
      package_id: datasetId,
      format: 'CSV',
      datastore_active: true,
      url: `https://data.jiangxi.gov.cn/api/v1/open-data/datasets/${datasetId}/resources/${resourceId}/download?format=csv`,
    });
    expect(pkg.extras.map((e: { key: string }) => e.key)).toEqual(
      expect.arrayContaining(['信息资源代码', '提供方代码', '更新周期', '开放类型', '节点代码']),
    );
    // The download link works as given (without the forwarded host, through this gateway).
    const download = await fetch(new URL(new URL(pkg.resources[0].url).pathname + '?format=csv', node.gateway.httpUrl));
    expect(download.status).toBe(200);
    expect((await download.text()).split('\n')[0]).toContain('姓名');
    const resource = await action('resource_show', `id=${resourceId}`);
    expect(resource.body.result).toMatchObject({ id: resourceId, package_id: datasetId, position: 0 });
  });

  it('harvests incrementally: metadata_modified:[last run TO *] gives what changed since, and only that', async () => {
    // As a harvester does: the last run's newest change, as package_search gave it.
    const lastRun = await search(`rows=41&sort=${encodeURIComponent('metadata_modified desc')}`);
    const since = lastRun.results.at(-1)!['metadata_modified'] as string;
    const changed = await search(
      `rows=1000&fq=${encodeURIComponent(`metadata_modified:[${since} TO *]`)}&sort=${encodeURIComponent('metadata_modified asc')}`,
    );
    expect(changed.count).toBe(41);
    expect(changed.results.every((p) => p['metadata_modified'] >= since)).toBe(true);
    expect(changed.results.at(-1)!['id']).toBe(datasetId);
    const none = await search(`fq=${encodeURIComponent('metadata_modified:[NOW TO *]')}`);
    expect(none.count).toBe(0);
  });

  it('answers facets, organizations, groups and tags as CKAN does', async () => {
    const faceted = await search(
      `rows=0&facet.field=${encodeURIComponent('["organization","groups","tags","res_format"]')}&facet.limit=3`,
    );
    expect(faceted.results).toEqual([]);
    expect(Object.keys(faceted.search_facets['organization'].items[0])).toEqual(['name', 'display_name', 'count']);
    expect(faceted.search_facets['tags'].items).toHaveLength(3);
    expect(faceted.facets['res_format']).toEqual({ CSV: 1, JSON: 1 });
    const orgA = faceted.facets['organization'][node.orgA.id];
    const shown = await action('organization_show', `id=${node.orgA.id}`);
    expect(shown.body.result).toMatchObject({ id: node.orgA.id, package_count: orgA, is_organization: true });
    const orgs = await action('organization_list', 'all_fields=true');
    expect(orgs.body.result.map((o: { id: string }) => o.id).sort()).toEqual([node.orgA.id, node.orgB.id].sort());
    const groups = await action('group_list');
    expect(groups.body.result).toContain('employment');
    const group = await action('group_show', 'id=employment');
    expect(group.body.result).toMatchObject({ name: 'employment', title: '社保就业' });
    const tags = await action('tag_list', `query=${encodeURIComponent('社')}`);
    expect(tags.body.result).toEqual(['社保']);
  });

  it('pages a table through datastore_search by offset, masked, with filters and sort', async () => {
    const first = await action(
      'datastore_search',
      `resource_id=${resourceId}&limit=50&sort=${encodeURIComponent('性别 asc')}`,
    );
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({
      resource_id: resourceId,
      total: ROWS,
      limit: 50,
      offset: 0,
      fields: [
        { id: '姓名', type: 'text' },
        { id: '性别', type: 'text' },
      ],
    });
    expect(first.body.result.records[0]['姓名']).toMatch(/^张\*+$/);
    const all: unknown[] = [];
    for (let offset = 0; offset < ROWS; offset += 50) {
      const page = await action('datastore_search', `resource_id=${resourceId}&limit=50&offset=${offset}`);
      all.push(...page.body.result.records);
    }
    expect(all).toHaveLength(ROWS);
    const women = await action(
      'datastore_search',
      `resource_id=${resourceId}&filters=${encodeURIComponent('{"性别":"女"}')}&limit=1000`,
    );
    expect(women.body.result.total).toBe(ROWS / 2);
    const q = await action('datastore_search', `resource_id=${resourceId}&q=${encodeURIComponent('张')}`);
    expect(q.status).toBe(400);
    expect(q.body.error).toMatchObject({ __type: 'Validation Error', q: [expect.stringContaining('(')] });
    const tooMany = await action('datastore_search', `resource_id=${resourceId}&limit=32001`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.limit[0]).toContain('32000');
    const masked = await action(
      'datastore_search',
      `resource_id=${resourceId}&filters=${encodeURIComponent('{"姓名":"张1"}')}`,
    );
    expect(masked.status).toBe(400);
  });

  it("answers errors in CKAN's envelope, naming the field", async () => {
    const unknown = await action('package_show', 'id=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      success: false,
      error: { __type: 'Not Found Error', message: expect.any(String) },
    });
    expect(unknown.body.help).toMatch(/help_show\?name=package_show$/);
    const rows = await action('package_search', 'rows=1001');
    expect(rows.status).toBe(400);
    expect(rows.body).toMatchObject({
      success: false,
      error: { __type: 'Validation Error', rows: [expect.any(String)] },
    });
    const fq = await action('package_search', `fq=${encodeURIComponent('author:x')}`);
    expect(fq.body.error.fq[0]).toMatch(/不支持按 author 筛选/);
    const missing = await action('package_show');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toHaveProperty('id');
    // Whatever is typed is a search, never an error: quotes, backslashes, one character.
    for (const q of ["人口'", 'a\\b', '社', '"社会 保险"']) {
      const typed = await action('package_search', `q=${encodeURIComponent(q)}`);
      expect(typed.status).toBe(200);
    }
    expect((await search(`q=${encodeURIComponent('社')}`)).count).toBeGreaterThan(0);
    const action404 = await action('package_patch');
    expect(action404.status).toBe(400);
    expect(action404.body.error.__type).toBe('Bad request - Action Error');
  });

  it('takes POST with a JSON body, as CKAN clients send it, and answers the npm CKAN client', async () => {
    const posted = await node.api('POST', '/api/3/action/package_search', {
      body: { rows: 5, fq: 'groups:employment', sort: 'metadata_modified desc' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.result.results[0].id).toBe(datasetId);

    const client = new CKAN.Client(node.gateway.httpUrl);
    const call = (name: string, data: unknown) =>
      new Promise<any>((resolve, reject) =>
        client.action(name, data, (err, body) => (err ? reject(err) : resolve(body))),
      );
    const found = await call('package_search', { q: '社保', rows: 10 });
    expect(found.success).toBe(true);
    expect(found.result.results.map((p: { id: string }) => p.id)).toContain(datasetId);
    const shown = await call('package_show', { id: datasetId });
    expect(shown.result.title).toBe(found.result.results.find((p: { id: string }) => p.id === datasetId).title);
    await expect(call('package_show', { id: 'no-such-dataset' })).rejects.toMatch(/HTTP code 404/);
  });

  it('drops an archived dataset from package_search and package_list; package_show says deleted', async () => {
    const [victim] = await node.openSql<{ id: string }>(
      `UPDATE open_dataset SET status = 'archived', archived_at = now(), archived_reason = '目录已停用',
         metadata_modified = now()
       WHERE id = (SELECT id FROM open_dataset WHERE entry_code LIKE 'SYN-%' ORDER BY entry_code LIMIT 1) RETURNING id`,
    );
    const ids = new Set<string>();
    for (let start = 0; ; start += 100) {
      // As ckanext-harvest pages: sorted by id, CKAN's own dataset_type clause.
      const page = await search(
        `rows=100&start=${start}&sort=id+asc&fq=${encodeURIComponent('+dataset_type:dataset')}`,
      );
      if (page.results.length === 0) break;
      for (const p of page.results) ids.add(p['id']);
    }
    expect(ids.size).toBe(SYNTHETIC);
    expect(ids.has(victim!.id)).toBe(false);
    expect((await action('package_list')).body.result).not.toContain(victim!.id);
    const shown = await action('package_show', `id=${victim!.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.result).toMatchObject({ id: victim!.id, state: 'deleted' });
  });
});

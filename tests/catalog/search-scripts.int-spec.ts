import { catalogService } from '@govdata/catalog-feature';
import { withDemoSeed } from '@govdata/demo-seed';
import { gatewayService } from '@govdata/gateway-node';
import type { NodeConfig } from '@govdata/platform-config';
import { startService, type RunningService } from '@govdata/platform-service';
import { dropTestNode, queryNodeDatabase, testNodeConfig, waitFor } from '@govdata/platform-testing';
import { Converter } from 'opencc-js';
import { Client } from 'pg';
import { sampleEntry, startCatalogNode, type CatalogNode } from './catalog-harness.js';

/**
 * 繁简检索 — a person types either script and finds what was entered in either. Traditional forms
 * are derived at run time with OpenCC (the repository's literals are simplified), and compared
 * against what the other script returns on the same node.
 */

interface SearchItem {
  id: string;
  name: string;
  abstract: string;
  highlights: Array<[number, number]>;
}
interface SearchPage {
  items: SearchItem[];
  total?: number;
}

const toSimplified = Converter({ from: 'tw', to: 'cn' });
const toTraditional = Converter({ from: 'cn', to: 'tw' });

describe('searching the demo catalog in either script (Jiangxi)', () => {
  let config: NodeConfig;
  let gateway: RunningService;
  let catalog: RunningService;
  let token: string;

  beforeAll(async () => {
    config = await testNodeConfig({
      node: {
        code: '360000',
        name: '江西省政务数据共享平台',
        level: 'provincial',
        parent: { code: '100000', gateway: 'http://127.0.0.1:8080', federation: '127.0.0.1:19008' },
      },
      outbound: { allow: ['127.0.0.1:5432'] },
    });
    gateway = await startService(withDemoSeed(gatewayService), config);
    catalog = await startService(withDemoSeed(catalogService), config);
    const login = await fetch(`${gateway.httpUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: 'reviewer', password: 'Govdata@2026' }),
    });
    token = ((await login.json()) as { access_token: string }).access_token;
    let last = '';
    await waitFor(
      async () => {
        const [row] = await catalog.dataSource.query(
          `SELECT count(*)::int AS entries, count(*) FILTER (WHERE published_version IS NOT NULL)::int AS published
             FROM catalog_entry`,
        );
        // Done when the counts stop moving (polled every 2 s).
        const now = JSON.stringify(row);
        const done = now === last && row.published >= 40;
        last = now;
        if (!done) await new Promise((resolve) => setTimeout(resolve, 2_000));
        return done || undefined;
      },
      170_000,
      'the demo catalog',
    );
  });

  afterAll(async () => {
    await catalog?.close();
    await gateway?.close();
    if (config) {
      await dropTestNode(config);
      const admin = new Client({ connectionString: config.postgres.adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${config.postgres.database}_sources WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${config.postgres.database}_sources_reader`);
      await admin.end();
    }
  });

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${gateway.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const search = (q: string) => get<SearchPage>(`/api/v1/catalog/search?q=${encodeURIComponent(q)}&limit=20`);

  it('finds the searches of the report typed in simplified characters, as in traditional ones', async () => {
    const rows: Array<{
      entry_id: string;
      name: string;
      abstract: string;
      tags: string[];
      items: Array<{ name: string }>;
    }> = await catalog.dataSource.query(
      `SELECT s.entry_id, s.name, s.abstract, s.tags, v.content->'items' AS items
           FROM entry_search s JOIN catalog_entry_version v ON v.entry_id = s.entry_id AND v.version = s.version
          WHERE s.status = 'published' AND NOT s.restricted`,
    );
    let found = 0;
    for (const typed of ['企业登记', '不动产登记', '医保结算', '公积金']) {
      // Every visible entry whose text holds the words, in whichever script it was entered.
      const holding = rows
        .filter((r) =>
          toSimplified([r.name, r.abstract, ...r.tags, ...r.items.map((i) => i.name)].join('|')).includes(typed),
        )
        .map((r) => r.entry_id);
      const page = await get<SearchPage>(`/api/v1/catalog/search?q=${encodeURIComponent(typed)}&limit=100`);
      expect(
        page.items.map((i) => i.id),
        typed,
      ).toEqual(expect.arrayContaining(holding));
      const traditional = await get<SearchPage>(
        `/api/v1/catalog/search?q=${encodeURIComponent(toTraditional(typed))}&limit=100`,
      );
      expect(traditional.items, typed).toEqual(page.items);
      if (holding.length > 0) found++;
    }
    // 企业登记信息 and 不动产登记信息 are in Jiangxi's demo catalog at least.
    expect(found).toBeGreaterThanOrEqual(2);
  });

  it('returns the same first page for every entry name in simplified and in traditional script', async () => {
    const rows: Array<{ name: string }> = await catalog.dataSource.query(
      `SELECT DISTINCT name FROM entry_search WHERE status = 'published' ORDER BY name`,
    );
    expect(rows.length).toBeGreaterThan(40);
    let differing = 0;
    for (const { name } of rows) {
      const simplified = toSimplified(name);
      const traditional = toTraditional(simplified);
      if (simplified !== traditional) differing++;
      const [a, b] = [await search(simplified), await search(traditional)];
      expect(a.items.length, name).toBeGreaterThan(0);
      expect(b.items, `${simplified} / ${traditional}`).toEqual(a.items);
    }
    // The parity means something: most names differ between the scripts.
    expect(differing).toBeGreaterThan(rows.length / 2);
  });

  it('marks the stored characters that matched, whichever script the query was typed in', async () => {
    for (const query of ['户籍人口', toTraditional('户籍人口')]) {
      const page = await search(query);
      const marked = page.items.flatMap((i) => i.highlights.map(([s, e]) => i.abstract.slice(s, e)));
      expect(marked.length, query).toBeGreaterThan(0);
      // 户籍 also matches its equivalent 户口 (the abbreviation table).
      for (const text of marked) expect(['户籍', '户口', '人口']).toContain(toSimplified(text));
    }
  });

  it('matches abbreviations and their full forms in both scripts', async () => {
    const total = async (q: string) =>
      (await get<SearchPage>(`/api/v1/catalog/search?q=${encodeURIComponent(q)}&limit=1&facets=true`)).total;
    // 社保 and 社会保险, in either script, ask for the same thing: any member of the group matches.
    const abbreviation = await total('社保');
    expect(abbreviation).toBeGreaterThan(0);
    expect(await total('社会保险')).toBe(abbreviation);
    expect(await total(toTraditional('社会保险'))).toBe(abbreviation);
    expect(await total(toTraditional('医保'))).toBe(await total('医疗保险'));
    const simplified = await search('社会保险');
    expect((await search(toTraditional('社会保险'))).items).toEqual(simplified.items);
  });

  it('suggests the same names in either script', async () => {
    for (const typed of ['企业', '不动产', '人口']) {
      const a = await get<{ suggestions: unknown[] }>(`/api/v1/catalog/suggest?q=${encodeURIComponent(typed)}`);
      const b = await get<{ suggestions: unknown[] }>(
        `/api/v1/catalog/suggest?q=${encodeURIComponent(toTraditional(typed))}`,
      );
      expect(a.suggestions.length, typed).toBeGreaterThan(0);
      expect(b.suggestions).toEqual(a.suggestions);
    }
  });
});

/** The previous release's index: lexemes of the text as stored (NFKC, lower case), not folded. */
function previousLexemes(texts: readonly string[]): string {
  const out = new Set<string>();
  for (const text of texts) {
    for (const run of text
      .normalize('NFKC')
      .toLowerCase()
      .match(/\p{Script=Han}+|[\p{L}\p{N}]+/gu) ?? []) {
      const chars = [...run];
      if (!/\p{Script=Han}/u.test(chars[0]!)) {
        out.add(run);
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
      out.add(chars[chars.length - 1]!);
    }
  }
  return [...out].map((l) => `'${l.replace(/'/g, "''")}'`).join(' ');
}

describe('upgrading a node with data to the folded index', () => {
  let node: CatalogNode;
  let upgraded: RunningService | undefined;

  beforeAll(async () => {
    node = await startCatalogNode();
  });

  afterAll(async () => {
    await upgraded?.close();
    await node?.close();
  });

  it('re-indexes existing entries, so they are found in both scripts after the upgrade', async () => {
    const editor = await node.token(node.orgA, ['catalog-editor']);
    const entered = {
      simplified: '赣江新区企业登记信息汇总',
      traditional: toTraditional('赣州市不动产登记信息明细'),
    };
    expect(entered.traditional).not.toBe(toSimplified(entered.traditional));
    const ids: Record<string, string> = {};
    for (const [script, name] of Object.entries(entered)) {
      const created = await node.api<{ id: string }>('POST', '/api/v1/catalog/entries', {
        token: editor,
        body: { content: sampleEntry({ name, tags: [name.slice(0, 4)] }) },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids[script] = created.body.id;
    }
    const found = async (q: string) => {
      const res = await node.api<SearchPage>('GET', `/api/v1/catalog/search?q=${encodeURIComponent(q)}&status=draft`, {
        token: editor,
      });
      expect(res.status).toBe(200);
      return res.body.items.map((i) => i.id);
    };
    const queries = (name: string) => [toSimplified(name), toTraditional(toSimplified(name))];

    // The index as the previous release left it: lexemes and keys of the stored text, unfolded.
    const rows = await node.sql<{
      entry_id: string;
      name: string;
      code: string;
      tags: string[];
      abstract: string;
      items: Array<{ name: string }>;
    }>(
      `SELECT s.entry_id, s.name, s.code, s.tags, s.abstract, v.content->'items' AS items
         FROM entry_search s JOIN catalog_entry_version v ON v.entry_id = s.entry_id AND v.version = s.version`,
    );
    for (const r of rows) {
      const items = r.items.map((i) => i.name);
      await node.sql(
        `UPDATE entry_search SET name_key = $2, name_vector = $3::tsvector, title_vector = $4::tsvector,
                item_vector = $5::tsvector, document = $6::tsvector WHERE entry_id = $1`,
        [
          r.entry_id,
          r.name.normalize('NFKC').toLowerCase().replace(/\s+/g, ''),
          previousLexemes([r.name, r.code]),
          previousLexemes([r.name, r.code, ...r.tags]),
          previousLexemes(items),
          previousLexemes([r.name, r.code, ...r.tags, ...items, r.abstract]),
        ],
      );
    }
    await node.sql(`UPDATE entry_search_tag SET tag_key = lower(replace(tag, ' ', ''))`);
    await node.sql(`DELETE FROM schema_migrations WHERE name = 'FoldScripts1767300000000'`);
    await node.sql('ALTER TABLE source_fingerprint DROP COLUMN name_key');
    await node.sql('ALTER TABLE data_element DROP COLUMN name_key');
    // Before the upgrade the traditional entry is found in neither script (queries are folded, its
    // lexemes are not): the test can fail.
    for (const q of queries(entered.traditional)) expect(await found(q), q).not.toContain(ids['traditional']);

    // Upgrade: the catalog starts again and runs its pending migration.
    await node.catalog.close();
    upgraded = await startService(catalogService, node.config);
    const catalogAfter = upgraded;
    await waitFor(async () => (await catalogAfter.readiness.evaluate()).ready || undefined, 60_000, 'catalog ready');

    for (const [script, name] of Object.entries(entered)) {
      const [simplified, traditional] = queries(name);
      expect(await found(simplified!), `${script}: ${simplified}`).toContain(ids[script]);
      expect(await found(traditional!), `${script}: ${traditional}`).toEqual(await found(simplified!));
    }
    const [key] = await node.sql<{ name_key: string; name: string }>(
      'SELECT name_key, name FROM entry_search WHERE entry_id = $1',
      [ids['traditional']],
    );
    // Keys are folded; the provider's text is kept as entered.
    expect(key).toEqual({ name_key: toSimplified(entered.traditional), name: entered.traditional });
    const [version] = await queryNodeDatabase<{ name: string }>(
      node.config,
      'catalog',
      `SELECT content->>'name' AS name FROM catalog_entry_version WHERE entry_id = $1`,
      [ids['traditional']],
    );
    expect(version!.name).toBe(entered.traditional);
  });
});

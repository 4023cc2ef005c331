import type { Page } from 'playwright-core';
import { startOpenDataNode, type OpenDataNode } from '../open-data/open-data-harness.js';
import { checkPage, ensureOpenPortalBuilt, openBrowser, type PersonBrowser } from './portal-harness.js';

const TEST = 'open-portal';

/** The names of the datasets a results list shows, in order. */
async function resultNames(page: Page): Promise<string[]> {
  const results = page.getByRole('region', { name: '搜索结果' });
  return (await results.locator('article').getByRole('heading').allTextContents()).map((s) => s.trim());
}

// 开放门户 — what a visitor from the internet sees on a node's open-portal port: datasets opened
// through the real lifecycle (published in the catalog, opened in the authority's review), found by
// domain, previewed masked, downloaded, and nothing else of the node reachable there.
describe('open portal: the public open-data portal on its own port, in Chromium', () => {
  let node: OpenDataNode;
  let browser: PersonBrowser;
  let openUrl: string;
  let people: string;
  let buses: string;
  let households: string;

  beforeAll(async () => {
    node = await startOpenDataNode({ http: { openPortalDir: ensureOpenPortalBuilt() } });
    openUrl = `http://127.0.0.1:${node.config.services.gateway.openPortal}`;
    const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
    await node.source.sql('CREATE SCHEMA op');
    await node.source.sql('CREATE TABLE op.person (xm varchar(50), sfzh char(18), xb varchar(1), csrq date)');
    for (let i = 0; i < 25; i++) {
      await node.source.sql('INSERT INTO op.person VALUES ($1, $2, $3, $4)', [
        `张${'三四五六七'[i % 5]}${i}`,
        `36010219900101${1234 + i}`,
        i % 2 === 0 ? '男' : '女',
        '1990-01-01',
      ]);
    }
    await node.source.sql('CREATE TABLE op.bus_line (xl varchar(20), zds integer)');
    await node.source.sql(`INSERT INTO op.bus_line VALUES ('1路', 24), ('2路', 31)`);
    await node.source.sql('CREATE TABLE op.household (hh varchar(20), rs integer)');
    await node.source.sql(`INSERT INTO op.household VALUES ('H001', 3)`);
    await node.source.sql(`GRANT USAGE ON SCHEMA op TO "${node.source.role}"`);
    await node.source.sql(`GRANT SELECT ON ALL TABLES IN SCHEMA op TO "${node.source.role}"`);

    /** The authority's opening review: every column decided as given, filed under `domain`. */
    const open = async (datasetId: string, domain: string, decisions: Record<string, object>) => {
      const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
      const mountId = review.body.review.columns[0].mountId as string;
      const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
        token: authority,
        body: {
          decision: 'open',
          domain,
          licence: 'cc-by',
          confidentialityChecked: true,
          personalInformationChecked: true,
          columns: Object.entries(decisions).map(([column, decision]) => ({ mountId, column, ...decision })),
        },
      });
      if (opened.status !== 200) throw new Error(`opening ${datasetId} failed: ${JSON.stringify(opened.body)}`);
    };

    ({ datasetId: people } = await node.publishWithTable(node.orgA, {
      schema: 'op',
      table: 'person',
      columnMapping: [
        { column: 'xm', item: '姓名' },
        { column: 'sfzh', item: '公民身份号码' },
        { column: 'xb', item: '性别' },
        { column: 'csrq', item: '出生日期' },
      ],
    }));
    await open(people, 'livelihood', {
      xm: { decision: 'mask', mask: 'name-keep-surname' },
      sfzh: { decision: 'mask', mask: 'id-card-keep-6-4' },
      xb: { decision: 'open' },
      csrq: { decision: 'withhold' },
    });
    ({ datasetId: buses } = await node.publishWithTable(
      node.orgA,
      {
        schema: 'op',
        table: 'bus_line',
        columnMapping: [
          { column: 'xl', item: '线路' },
          { column: 'zds', item: '站点数' },
        ],
      },
      {
        name: '公交线路站点',
        abstract: '全市公交线路及其站点数量。',
        items: [
          { name: '线路', dataType: 'C', length: 20 },
          { name: '站点数', dataType: 'N', length: 4 },
        ],
        tags: ['交通'],
      },
    ));
    await open(buses, 'transport', { xl: { decision: 'open' }, zds: { decision: 'open' } });
    ({ datasetId: households } = await node.publishWithTable(
      node.orgA,
      {
        schema: 'op',
        table: 'household',
        columnMapping: [
          { column: 'hh', item: '户号' },
          { column: 'rs', item: '人数' },
        ],
      },
      {
        name: '户籍户数统计',
        abstract: '按户统计的户籍人数。',
        open: { type: 'conditional', conditions: '仅用于科研' },
        items: [
          { name: '户号', dataType: 'C', length: 20 },
          { name: '人数', dataType: 'N', length: 4 },
        ],
      },
    ));
    await open(households, 'livelihood', { hh: { decision: 'open' }, rs: { decision: 'open' } });
    browser = await openBrowser();
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('answers on its own port with the portal, the sitemap and the open-data API only', async () => {
    for (const path of ['/api/v1/catalog/entries', '/login', '/api/v1/auth/token', '/healthz', '/api/docs']) {
      expect((await fetch(`${openUrl}${path}`)).status, path).toBe(404);
    }
    const page = await fetch(`${openUrl}/datasets/${people}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('<div id="app">');
    const list = await fetch(`${openUrl}/api/v1/open-data/datasets`);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(3);
    const sitemap = await fetch(`${openUrl}/sitemap.xml`);
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const xml = await sitemap.text();
    for (const id of [people, buses, households]) expect(xml).toContain(`<loc>${openUrl}/datasets/${id}</loc>`);
    // The staff API stays on the gateway's main port.
    expect((await node.api('GET', '/api/v1/catalog/entries')).status).toBe(401);
  });

  it('shows the home page: the domains with their counts, the newest datasets and the figures', async () => {
    const { page } = browser;
    await page.goto(`${openUrl}/`);
    await page.getByRole('heading', { name: '公共数据开放', level: 1 }).waitFor();
    const domains = page.getByRole('region', { name: '主题领域' });
    await expect.poll(() => domains.getByRole('link', { name: /社会民生/ }).textContent()).toMatch(/2 个数据集/);
    await expect.poll(() => domains.getByRole('link', { name: /道路交通/ }).textContent()).toMatch(/1 个数据集/);
    const newest = page.getByRole('region', { name: '最新开放' });
    expect(await newest.getByRole('heading').allTextContents()).toEqual(
      expect.arrayContaining(['人口基本信息', '公交线路站点', '户籍户数统计']),
    );
    expect(await page.getByRole('region', { name: '数据概况' }).textContent()).toMatch(/3\s*开放数据集/);
    expect(await page.title()).toBe('公共数据开放门户');
    await checkPage(browser, TEST, 'home');
    // By keyboard: the skip link first, then a search typed and sent with Enter.
    await page.goto(`${openUrl}/`);
    await page.keyboard.press('Tab');
    const focused = () =>
      (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document
        .activeElement?.textContent;
    expect((await page.evaluate(focused))?.trim()).toBe('跳到主要内容');
    await page.getByLabel('搜索开放数据').focus();
    await page.keyboard.type('公交');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/datasets' && url.searchParams.get('q') === '公交');
    await expect.poll(() => resultNames(page)).toEqual(['公交线路站点']);
  });

  it('narrows the catalog by a domain, and the URL carries the search', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: '数据目录' }).first().click();
    await page.waitForURL((url) => url.pathname === '/datasets');
    await expect.poll(() => resultNames(page)).toHaveLength(3);
    await page.getByRole('group', { name: '主题领域' }).locator('label', { hasText: '道路交通' }).click();
    await page.waitForURL((url) => url.searchParams.get('domain') === 'transport');
    await expect.poll(() => resultNames(page)).toEqual(['公交线路站点']);
    await checkPage(browser, TEST, 'search');
    // The address, opened afresh (shared), shows the same search.
    const shared = page.url();
    await page.goto(`${openUrl}/`);
    await page.goto(shared);
    await expect.poll(() => resultNames(page)).toEqual(['公交线路站点']);
    await page.getByLabel('关键词').fill('人口');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('q') === '人口' && url.searchParams.get('domain') === 'transport',
    );
    await expect.poll(() => resultNames(page)).toEqual([]);
  });

  it('shows a dataset: its metadata, the preview masked, page by page, and a CSV download with a BOM', async () => {
    const { page } = browser;
    await page.goto(`${openUrl}/datasets/${people}`);
    await page.getByRole('heading', { name: '人口基本信息', level: 1 }).waitFor();
    expect(await page.title()).toBe('人口基本信息 - 公共数据开放门户');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toContain('江西省公安厅');
    const facts = await page.getByRole('region', { name: '基本信息' }).textContent();
    expect(facts).toContain('江西省公安厅');
    expect(facts).toContain('社会民生');
    expect(facts).toContain('无条件开放');
    expect(await page.getByRole('link', { name: '知识共享署名 4.0' }).getAttribute('href')).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    const preview = page.getByRole('region', { name: /数据预览/ });
    await preview.getByRole('cell', { name: '360102********1234' }).waitFor();
    expect(await preview.getByRole('columnheader').allTextContents()).toEqual([
      expect.stringMatching(/姓名\s*已脱敏/),
      expect.stringMatching(/公民身份号码\s*已脱敏/),
      expect.stringMatching(/^\s*性别\s*$/),
    ]);
    expect(await preview.locator('tbody tr').count()).toBe(20);
    expect(await preview.textContent()).not.toContain('199001011234');
    await page.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(5);
    await page.getByRole('button', { name: '上一页' }).click();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(20);
    // Filtered on an unmasked column (the masked ones are not offered): the women only.
    // By keyboard (the select's placeholder covers its input): focus it, Enter opens the options.
    await page.getByLabel('筛选字段').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('option').allTextContents()).toEqual(['性别']);
    await page.getByRole('option', { name: '性别' }).click();
    await page.getByLabel('筛选值').fill('女');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(12);
    expect(new Set(await preview.locator('tbody td:nth-child(3)').allTextContents())).toEqual(new Set(['女']));
    await page.getByRole('button', { name: '重置' }).click();
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(20);
    await checkPage(browser, TEST, 'dataset');

    const csvLink = page.getByRole('link', { name: '下载 CSV' });
    const href = await csvLink.getAttribute('href');
    const csv = await fetch(new URL(href!, openUrl));
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\n')[0]).toBe('姓名,公民身份号码,性别');
    const api = await page.getByRole('region', { name: '接口调用' }).textContent();
    expect(api).toContain(`${openUrl}/api/v1/open-data/datasets/${people}/resources/`);
    expect(api).toContain(`${openUrl}/api/3/action/package_show?id=${people}`);
  });

  it('says a 有条件开放 dataset is served on application, without a preview or downloads', async () => {
    const { page } = browser;
    await page.goto(`${openUrl}/datasets/${households}`);
    await page.getByRole('heading', { name: '户籍户数统计', level: 1 }).waitFor();
    await page.getByText('数据须经申请获批后提供').first().waitFor();
    expect(await page.getByText('开放条件：仅用于科研').count()).toBe(1);
    expect(await page.getByRole('link', { name: /下载/ }).count()).toBe(0);
    expect(await page.getByRole('table', { name: /数据预览/ }).count()).toBe(0);
    await checkPage(browser, TEST, 'conditional');
  });
});

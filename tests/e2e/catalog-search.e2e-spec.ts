import { waitFor } from '@govdata/platform-testing';
import { Converter } from 'opencc-js';
import type { Page } from 'playwright-core';
import { publishEntry, SEARCH_ENTRIES } from './catalog-entries.js';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

/** The traditional form of a simplified text, made at run time (the repository holds simplified only). */
const toTraditional = Converter({ from: 'cn', to: 'tw' });

/** What a person sees of a search: the result count line, and each result's name and highlighted words. */
async function searchFor(page: Page, words: string) {
  const box = page.getByLabel('检索词');
  await box.fill(words);
  await page.getByRole('button', { name: '检索', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === words);
  await page.keyboard.press('Escape');
  const results = page.getByRole('region', { name: '检索结果' });
  await expect.poll(() => results.getAttribute('aria-busy')).toBe('false');
  const articles = await results.locator('article').all();
  return {
    total: await results.getByRole('status').textContent(),
    results: await Promise.all(
      articles.map(async (article) => ({
        name: await article.getByRole('heading').textContent(),
        marked: await article.locator('mark').allTextContents(),
      })),
    ),
  };
}

// 目录检索 — published entries found by words in either script, with the matches highlighted, and
// an entry's page opened from its result: the 13 elements and the items.
describe('portal: catalog search in both scripts, in Chromium', () => {
  let node: PortalNode;
  let browser: PersonBrowser;
  let reader: PortalUser;

  beforeAll(async () => {
    node = await startPortalNode();
    const bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省市场监督管理局', '11360000MB17195879', true);
    await node.catalogKnows(bureau, authority);
    const editor = await node.user(bureau, '张伟', ['catalog-editor']);
    const reviewer = await node.user(authority, '李娜', ['catalog-reviewer']);
    reader = await node.user(bureau, '王芳', []);
    for (const content of SEARCH_ENTRIES) await publishEntry(node, editor, reviewer, content);
    // Published entries reach the search index through the catalog's events.
    const token = await reader.token();
    await waitFor(
      async () =>
        (await node.api('GET', '/api/v1/catalog/search?q=%E4%BA%BA%E5%8F%A3', { token })).body.items?.length === 2 ||
        undefined,
      30_000,
      'the published entries in the search index',
    );
    browser = await openBrowser();
    await signIn(browser.page, node.baseUrl, reader, '/catalog/search');
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it.each(['人口', '户籍'])(
    'finds the same entries, highlighted, for %s in simplified and traditional script',
    async (words) => {
      const traditional = toTraditional(words);
      const simplifiedSearch = await searchFor(browser.page, words);
      await checkPage(browser, 'catalog-search', `search-${words}`);
      const traditionalSearch = await searchFor(browser.page, traditional);
      expect(simplifiedSearch.total).toBe('共 2 条结果');
      expect(simplifiedSearch.results.map((r) => r.name).sort()).toEqual(['人口基本信息', '流动人口登记信息'].sort());
      // The matches are marked in the entries' own (simplified) text, whichever script was typed.
      expect(new Set(simplifiedSearch.results.flatMap((r) => r.marked))).toEqual(new Set([words]));
      expect(traditionalSearch).toEqual(simplifiedSearch);
    },
  );

  it('searches in traditional script for words that are written differently there', () => {
    // 人口 is written alike in both scripts; 户籍 is not, so the test above did search in both.
    expect(toTraditional('户籍')).not.toBe('户籍');
  });

  it('opens an entry from its result: the elements, then the items', async () => {
    const { page } = browser;
    await searchFor(page, '人口');
    await page.getByRole('link', { name: '人口基本信息' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/catalog/entries/'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('人口基本信息');
    const elements = page.locator('.entry-elements');
    await expect.poll(() => elements.textContent()).toContain(String(SEARCH_ENTRIES[0]!['abstract']));
    expect(await elements.textContent()).toContain('江西省公安厅');
    await checkPage(browser, 'catalog-search', 'entry-elements');

    await page.getByRole('tab', { name: '信息项' }).click();
    const items = page.getByRole('tabpanel', { name: '信息项' });
    await expect.poll(() => items.locator('tbody tr').count()).toBe(5);
    expect(await items.textContent()).toContain('公民身份号码');
    await checkPage(browser, 'catalog-search', 'entry-items');
  });
});

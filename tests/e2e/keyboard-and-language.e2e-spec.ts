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

/** The element that has the keyboard focus: its id and text (the tests run without the DOM types). */
interface Focus {
  id: string;
  text: string;
}
const focus = (page: Page): Promise<Focus> =>
  page.evaluate(() => {
    const { activeElement } = (
      globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }
    ).document;
    return { id: activeElement?.id ?? '', text: activeElement?.textContent?.trim() ?? '' };
  });
const focused = async (page: Page) => (await focus(page)).text;

/** Presses Tab until the focus reaches an element with this text; fails after `limit` presses. */
async function tabTo(page: Page, text: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === text) return;
  }
  throw new Error(`${limit} presses of Tab did not reach “${text}”`);
}

// 键盘操作与界面语言 — the portal used with the keyboard alone (skip link, menu, search), and in
// English, the switchable second language, which the page's language attribute follows.
describe('portal: keyboard only, and in English, in Chromium', () => {
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
    await publishEntry(node, editor, reviewer, SEARCH_ENTRIES[0]!);
    reader = await node.user(bureau, '王芳', []);
    browser = await openBrowser();
    await signIn(browser.page, node.baseUrl, reader);
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('skips to the main content, opens the search from the menu and searches, with the keyboard alone', async () => {
    const { page } = browser;
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect((await focus(page)).id).toBe('main');

    await tabTo(page, '目录检索');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/catalog/search');
    await tabTo(page, '');
    expect((await focus(page)).id).toBe('catalog-search-q');
    await page.keyboard.type('人口');
    // Enter in the search box searches, as in any search form (Escape first closes the suggestions).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === '人口');
    const results = page.getByRole('region', { name: '检索结果' });
    await expect.poll(() => results.locator('article').count()).toBe(1);
    expect(await results.locator('article h2').textContent()).toBe('人口基本信息');
  });

  it('switches to English and back: the texts and the page’s language attribute follow', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Catalog search');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await checkPage(browser, 'keyboard-and-language', 'search-english');
    // The choice is remembered across a reload.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Catalog search');

    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('目录检索');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
  });
});

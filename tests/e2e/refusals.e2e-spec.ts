import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

// 权限与故障 — a page the person's roles do not open says which roles would; a service of the node
// that is down is named where its content would be, and the rest of the portal keeps working.
describe('portal: refusals and a stopped service, in Chromium', () => {
  let node: PortalNode;
  let browser: PersonBrowser;
  let reader: PortalUser;

  beforeAll(async () => {
    node = await startPortalNode();
    const bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    reader = await node.user(bureau, '王芳', []);
    browser = await openBrowser();
    await signIn(browser.page, node.baseUrl, reader, '/catalog/review');
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('tells a person without the role which roles open the review queue and the editor', async () => {
    const { page } = browser;
    const main = page.getByRole('main');
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent()).toBe('没有权限');
    expect(await main.textContent()).toContain(
      '具有该权限的角色：目录审核员（数据主管部门）、数据管理员（数据主管部门）。',
    );
    // The menu offers only what the person can open.
    expect(await page.getByRole('navigation', { name: '功能导航' }).textContent()).not.toContain('待审核');
    await checkPage(browser, 'refusals', 'forbidden-review');

    await page.goto(`${node.baseUrl}/catalog/new`);
    await expect.poll(() => main.getByRole('heading', { level: 1 }).textContent()).toBe('没有权限');
    expect(await main.textContent()).toContain('具有该权限的角色：目录编目员。');
  });

  it('names the stopped catalog service on its pages while the home page keeps working', async () => {
    const { page } = browser;
    await node.service('catalog').close();
    await page.goto(`${node.baseUrl}/catalog/search?q=${encodeURIComponent('人口')}`);
    const alert = page.getByRole('main').getByRole('alert');
    await expect.poll(() => alert.first().textContent()).toContain('目录服务暂不可用');
    await checkPage(browser, 'refusals', 'catalog-down');

    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '首页' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('首页');
    expect(await page.locator('.portal-person__name').textContent()).toBe('王芳');
    await checkPage(browser, 'refusals', 'home-catalog-down');
  });
});

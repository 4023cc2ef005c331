import {
  checkPage,
  openBrowser,
  signIn,
  signInHere,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

// 登录与退出 — a person signs in at the gateway's own page, sees who and where they are in the
// portal, and signing out ends the session on the server: the same browser is sent back to sign in.
describe('portal: sign in and sign out in Chromium', () => {
  let node: PortalNode;
  let browser: PersonBrowser;
  let editor: PortalUser;

  beforeAll(async () => {
    node = await startPortalNode();
    const bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    editor = await node.user(bureau, '张伟', ['catalog-editor']);
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await node?.close();
  });

  it('sends a visitor to the sign-in page, then shows the home page with the person, organisation and node', async () => {
    const { page } = browser;
    await page.goto(`${node.baseUrl}/catalog/search`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/catalog/search');
    expect(await page.title()).toBe(`登录 · ${node.config.node.name}`);
    await checkPage(browser, 'sign-in', 'login');

    await signIn(page, node.baseUrl, editor);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('首页');
    expect(await page.locator('.portal-person__organisation').textContent()).toBe('江西省公安厅');
    expect(await page.locator('.portal-brand__node').textContent()).toBe(node.config.node.name);
    expect(await page.title()).toBe(`首页 - ${node.config.node.name} - 政务数据共享门户`);
    await checkPage(browser, 'sign-in', 'home');
  });

  it('signs out: the session ends on the server, and reloading goes to the sign-in page', async () => {
    const { page, context } = browser;
    const [cookie] = (await context.cookies(node.baseUrl)).filter((c) => c.name === 'govdata_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await context.cookies(node.baseUrl)).filter((c) => c.name === 'govdata_session')).toEqual([]);
    // The old cookie, replayed, no longer opens anything: the server ended the session.
    const replayed = await fetch(`${node.baseUrl}/api/v1/me`, {
      headers: { cookie: `govdata_session=${cookie!.value}` },
    });
    expect(replayed.status).toBe(401);

    await page.goto(`${node.baseUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByLabel('用户名').inputValue()).toBe('');
  });

  it('sends a person whose session was ended elsewhere back to sign in, then to the page they were going to', async () => {
    const { page } = browser;
    await signIn(page, node.baseUrl, editor);
    // The home page's own calls finish first, or the first refused one is theirs (next=/).
    await page.waitForLoadState('networkidle');
    const ended = await node.api('POST', `/api/v1/users/${editor.id}/revoke-sessions`, { token: node.adminToken });
    expect(ended.status).toBe(204);

    // The next call the portal makes is refused (401): the browser goes to the sign-in page.
    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '目录检索' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/catalog/search');
    await signInHere(page, editor, '/catalog/search');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('目录检索');
  });
});

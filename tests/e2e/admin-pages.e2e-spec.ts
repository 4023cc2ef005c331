import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

const AUTHORITY = '江西省政务服务数据管理局';
const AUTHORITY_USCC = '11360000014500067C';

/** The dialog open now, by its title. */
const dialogNamed = (page: Page, name: string): Locator => page.getByRole('dialog', { name });

/** Chooses an option of an Element Plus select (its options are rendered at the end of the page). */
async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Confirms the Element Plus pop-up confirmation that is open. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.el-popconfirm').getByRole('button', { name: '确定' }).click();
}

/** A person the test makes up and then creates through the portal (not through the API). */
function newPerson(displayName: string): { username: string; password: string; displayName: string } {
  return {
    username: `u${randomBytes(5).toString('hex')}`,
    password: `Portal-${randomBytes(9).toString('base64url')}-2026!`,
    displayName,
  };
}

// 用户与机构 (分域管理) — the node-admin creates an organisation (a 数据主管部门) and its data-admin in
// the browser; that data-admin, in their own browser, creates a catalog-editor of their organisation,
// is refused a role only a node-admin grants, creates a service account whose secret is shown once,
// and deactivates the editor, whose own browser is then sent to the sign-in page.
describe('portal: users, organisations and service accounts (分域), in Chromium', () => {
  let node: PortalNode;
  let nodeAdmin: PortalUser;
  let adminBrowser: PersonBrowser;
  let dataAdminBrowser: PersonBrowser;
  let editorBrowser: PersonBrowser;
  const dataAdmin = newPerson('周敏');
  const editor = newPerson('吴涛');
  let dataAdminUser: PortalUser;
  let editorUser: PortalUser;

  beforeAll(async () => {
    node = await startPortalNode();
    const me = await node.api<{ organisation: { id: string; name: string } }>('GET', '/api/v1/me', {
      token: node.adminToken,
    });
    nodeAdmin = await node.user(me.body.organisation, '钱平', ['node-admin']);
    adminBrowser = await openBrowser();
    dataAdminBrowser = await openBrowser();
    editorBrowser = await openBrowser();
  });

  afterAll(async () => {
    await adminBrowser?.close();
    await dataAdminBrowser?.close();
    await editorBrowser?.close();
    await node?.close();
  });

  it('lets the node-admin create an organisation marked 数据主管部门, and a data-admin for it', async () => {
    const { page } = adminBrowser;
    await signIn(page, node.baseUrl, nodeAdmin, '/admin/organisations');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('机构管理');
    await page.getByRole('button', { name: '新建机构' }).click();
    let dialog = dialogNamed(page, '新建机构');
    await dialog.waitFor();
    await dialog.getByLabel('机构名称').fill(AUTHORITY);
    await dialog.getByLabel('统一社会信用代码').fill(AUTHORITY_USCC);
    expect(await dialog.getByLabel('行政区划代码').inputValue()).toBe(node.config.node.code);
    await dialog.getByText('数据主管部门', { exact: true }).click();
    await checkPage(adminBrowser, 'admin-pages', 'organisation-new');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`已新建机构“${AUTHORITY}”`);
    const row = page.getByRole('row').filter({ hasText: AUTHORITY });
    await expect.poll(() => row.textContent()).toContain(AUTHORITY_USCC);
    expect(await row.textContent()).toContain('数据主管部门');
    await checkPage(adminBrowser, 'admin-pages', 'organisations');
    // The organisation is on the node as typed: the API says so to anyone.
    const listed = await node.api<{ items: Array<{ id: string; name: string; authority: boolean }> }>(
      'GET',
      '/api/v1/organisations?limit=200',
      { token: node.adminToken },
    );
    const organisation = listed.body.items.find((o) => o.name === AUTHORITY)!;
    expect(organisation.authority).toBe(true);

    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '用户管理' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('用户管理');
    await page.getByRole('button', { name: '新建用户' }).click();
    dialog = dialogNamed(page, '新建用户');
    await dialog.waitFor();
    await choose(page, dialog.getByLabel('所属机构'), AUTHORITY);
    await dialog.getByLabel('用户名').fill(dataAdmin.username);
    await dialog.getByLabel('姓名').fill(dataAdmin.displayName);
    await dialog.getByLabel('初始密码').fill(dataAdmin.password);
    await dialog.getByText('数据管理员', { exact: true }).click();
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`已创建用户 ${dataAdmin.displayName}（${dataAdmin.username}）。`);
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: dataAdmin.username }).textContent())
      .toContain('数据管理员');
    await checkPage(adminBrowser, 'admin-pages', 'users-node-admin');
    const users = await node.api<{
      items: Array<{ id: string; username: string; roles: string[]; organisationId: string }>;
    }>('GET', '/api/v1/users?limit=200', { token: node.adminToken });
    const created = users.body.items.find((u) => u.username === dataAdmin.username)!;
    expect(created).toMatchObject({ roles: ['data-admin'], organisationId: organisation.id });
    dataAdminUser = {
      ...dataAdmin,
      id: created.id,
      organisation: { id: organisation.id, name: AUTHORITY },
      roles: ['data-admin'],
      token: () => Promise.reject(new Error('not needed')),
    };
  });

  it('lets the data-admin create a catalog-editor of their organisation, and shows the refusal of a node-level role', async () => {
    const { page } = dataAdminBrowser;
    await signIn(page, node.baseUrl, dataAdminUser, '/admin/users');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('用户管理');
    // 分域: the data-admin sees the people of their own organisation only.
    await expect.poll(() => page.getByRole('row').filter({ hasText: dataAdmin.username }).count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: nodeAdmin.username }).count()).toBe(0);
    // No organisation filter: there is nothing else to choose.
    expect(await page.getByRole('combobox', { name: '所属机构' }).count()).toBe(0);

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = dialogNamed(page, '新建用户');
    await dialog.waitFor();
    // Only organisation-level roles are offered to a data-admin.
    expect(await dialog.getByText('平台管理员', { exact: true }).count()).toBe(0);
    expect(await dialog.getByText('运维人员', { exact: true }).count()).toBe(0);
    await dialog.getByLabel('用户名').fill(editor.username);
    await dialog.getByLabel('姓名').fill(editor.displayName);
    await dialog.getByLabel('初始密码').fill(editor.password);
    // data-admin in a 数据主管部门 is a node-level role: only a node-admin grants it. The API refuses.
    await dialog.getByText('数据管理员', { exact: true }).click();
    await dialog.getByRole('button', { name: '创建用户' }).click();
    const refusal = dialog.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain('没有权限');
    expect(await refusal.textContent()).toContain('node-admin');
    await checkPage(dataAdminBrowser, 'admin-pages', 'user-refused-role');

    await dialog.getByText('数据管理员', { exact: true }).click();
    await dialog.getByText('目录编目员', { exact: true }).click();
    await dialog.getByRole('button', { name: '创建用户' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`已创建用户 ${editor.displayName}（${editor.username}）。`);
    const row = page.getByRole('row').filter({ hasText: editor.username });
    await expect.poll(() => row.textContent()).toContain('目录编目员');
    expect(await row.textContent()).toContain(AUTHORITY);
    await checkPage(dataAdminBrowser, 'admin-pages', 'users-data-admin');
    const users = await node.api<{ items: Array<{ id: string; username: string; roles: string[] }> }>(
      'GET',
      '/api/v1/users?limit=200',
      { token: node.adminToken },
    );
    const created = users.body.items.find((u) => u.username === editor.username)!;
    expect(created.roles).toEqual(['catalog-editor']);
    editorUser = {
      ...editor,
      id: created.id,
      organisation: dataAdminUser.organisation,
      roles: created.roles,
      token: dataAdminUser.token,
    };
  });

  it('shows a new service account’s secret once, and never again', async () => {
    const { page } = dataAdminBrowser;
    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '服务账号' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('服务账号');
    await page.getByRole('button', { name: '新建服务账号' }).click();
    const dialog = dialogNamed(page, '新建服务账号');
    await dialog.waitFor();
    await dialog.getByLabel('账号名称').fill('数据局前置机');
    await dialog.getByText('接口调用方', { exact: true }).click();
    await dialog.getByRole('button', { name: '创建' }).click();

    const secretDialog = dialogNamed(page, '“数据局前置机”的客户端凭据');
    await secretDialog.waitFor();
    expect(await secretDialog.textContent()).toContain('密钥只显示这一次');
    const secret = (await secretDialog.locator('[data-secret]').textContent())!.trim();
    const clientId = (await secretDialog.locator('.secret-once__value').first().textContent())!.trim();
    expect(secret.length).toBeGreaterThan(30);
    await checkPage(dataAdminBrowser, 'admin-pages', 'service-account-secret');
    // The secret shown is the account's: the token endpoint accepts it.
    const token = await node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
    expect(token.status).toBe(200);

    await secretDialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    const row = page.getByRole('row').filter({ hasText: '数据局前置机' });
    await expect.poll(() => row.textContent()).toContain(clientId);
    // Nothing the portal can fetch holds it any more: the list answers the account without a secret.
    const listed = await page.evaluate(async () => {
      const answer = await fetch('/api/v1/service-accounts', { headers: { 'X-Requested-With': 'govdata-portal' } });
      return answer.text();
    });
    expect(listed).toContain(clientId);
    expect(listed).not.toContain(secret);
    await page.reload();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '数据局前置机' }).count()).toBe(1);
    expect(await page.content()).not.toContain(secret);
    await checkPage(dataAdminBrowser, 'admin-pages', 'service-accounts');
  });

  it("ends a deactivated person's portal session: their next step goes to the sign-in page", async () => {
    const editorPage = editorBrowser.page;
    await signIn(editorPage, node.baseUrl, editorUser, '/');
    await editorPage.waitForLoadState('networkidle');

    const { page } = dataAdminBrowser;
    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '用户管理' }).click();
    const row = page.getByRole('row').filter({ hasText: editor.username });
    await row.getByRole('button', { name: `停用 ${editor.displayName}` }).click();
    await confirm(page);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`已停用 ${editor.displayName}，其会话已结束。`);
    await expect.poll(() => row.textContent()).toContain('已停用');
    await checkPage(dataAdminBrowser, 'admin-pages', 'user-deactivated');

    await editorPage.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '目录检索' }).click();
    await editorPage.waitForURL((url) => url.pathname === '/login');
  });
});

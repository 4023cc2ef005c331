import { fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import type { Page } from 'playwright-core';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { publishEntry } from './catalog-entries.js';
import { rootOrganisation, startParentAndChild, type ParentAndChild } from './federation-fixtures.js';
import { checkPage, openBrowser, signIn, type PersonBrowser, type PortalUser } from './portal-harness.js';

const CHILD_NAME = '江西省政务数据共享平台';
const CHILD_CODE = '360000';

/** Confirms the Element Plus pop-up confirmation that is open. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.el-popconfirm').getByRole('button', { name: '确定' }).click();
}

/** Reloads the page until `ready` holds (the links report on their own schedule). */
async function reloadUntil(page: Page, ready: () => Promise<boolean>, what: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(1_500);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}

// 级联 — the parent's node-admin issues an enrolment token in the portal (shown once); the child's
// operator enrols with it (as `govdata node enrol` does); the parent's operator approves it in the
// portal and sees the child active with last seen and lag; the child's operator runs anti-entropy
// and renews from their node's page; the parent sees the run on the child's page, then revokes it.
describe('portal: the federation pages across a parent and a child node, in Chromium', () => {
  let tree: ParentAndChild;
  let parentAdmin: PortalUser;
  let parentOperator: PortalUser;
  let childOperator: PortalUser;
  let adminBrowser: PersonBrowser;
  let operatorBrowser: PersonBrowser;
  let childBrowser: PersonBrowser;
  let token = '';

  beforeAll(async () => {
    tree = await startParentAndChild();
    const parentRoot = await rootOrganisation(tree.parent);
    parentAdmin = await tree.parent.user(parentRoot, '钱平', ['node-admin']);
    parentOperator = await tree.parent.user(parentRoot, '孙伟', ['operator']);
    childOperator = await tree.child.user(await rootOrganisation(tree.child), '李强', ['operator']);
    adminBrowser = await openBrowser();
    operatorBrowser = await openBrowser();
    childBrowser = await openBrowser();
  });

  afterAll(async () => {
    await adminBrowser?.close();
    await operatorBrowser?.close();
    await childBrowser?.close();
    await tree?.close();
  });

  it("issues an enrolment token in the parent's portal and shows it once", async () => {
    const { page } = adminBrowser;
    await signIn(page, tree.parent.baseUrl, parentAdmin, '/federation/enrolments');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('节点入网');
    await page.getByRole('button', { name: '签发入网令牌' }).click();
    const dialog = page.getByRole('dialog', { name: '签发入网令牌' });
    await dialog.waitFor();
    await dialog.getByLabel('下级节点编码（行政区划代码或统一社会信用代码）').fill(CHILD_CODE);
    await dialog.getByLabel('下级节点名称').fill(CHILD_NAME);
    // A select that cannot be typed into is opened by its box, as a person clicks it.
    await dialog.locator('.el-form-item').filter({ hasText: '层级' }).locator('.el-select__wrapper').click();
    await page.getByRole('option', { name: '省级', exact: true }).click();
    await dialog.getByRole('button', { name: '签发', exact: true }).click();
    const shown = dialog.locator('[data-token]');
    await shown.waitFor();
    token = (await shown.textContent())!.trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(await dialog.textContent()).toContain('入网令牌只显示这一次');
    await checkPage(adminBrowser, 'federation-pages', 'enrolment-token');
    await dialog.getByRole('button', { name: '我已保存，关闭' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.content()).not.toContain(token);
  });

  it("lets the parent's operator approve the child's request, and see the child active", async () => {
    // The child's operator enrols with the token, as `govdata node init` and `node enrol` do.
    await initNodeKey(tree.child.config);
    const request = await requestEnrolment(tree.child.config, token);
    expect(request.id).toBeTruthy();

    const { page } = operatorBrowser;
    await signIn(page, tree.parent.baseUrl, parentOperator, '/federation/enrolments');
    const row = page.getByRole('row').filter({ hasText: CHILD_NAME });
    await expect.poll(() => row.textContent()).toContain('待审批');
    await checkPage(operatorBrowser, 'federation-pages', 'enrolments-pending');
    await row.getByRole('button', { name: `批准 ${CHILD_NAME}` }).click();
    await confirm(page);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe(`已批准 ${CHILD_NAME}（${CHILD_CODE}）入网，节点证书已签发。`);
    await page.getByRole('tab', { name: '已批准' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: CHILD_NAME }).textContent()).toContain('已批准');
    // The child fetches its certificate and opens its link to the parent.
    const fetched = await fetchEnrolment(tree.child.config);
    expect(fetched).toMatchObject({ status: 'approved', installed: { issuerCode: '100000' } });

    await page.getByRole('navigation', { name: '功能导航' }).getByRole('link', { name: '下级节点' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('下级节点');
    // The registry's row (the links figure above lists the child too, without its code and level).
    const child = page.getByRole('row').filter({ hasText: `${CHILD_CODE} · 省级` });
    await reloadUntil(
      page,
      async () => {
        const text = (await child.textContent()) ?? '';
        return text.includes('正常') && /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text);
      },
      'the child active and seen over its link',
    );
    await checkPage(operatorBrowser, 'federation-pages', 'children');
    await child.getByRole('link', { name: CHILD_NAME }).click();
    await page.waitForURL((url) => url.pathname === `/federation/children/${CHILD_CODE}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(CHILD_NAME);
    const facts = page.locator('.federation-facts');
    await expect.poll(() => facts.textContent()).toContain('正常');
    expect(await facts.textContent()).toMatch(/同步延迟(\d+ 秒|—)/);
    await checkPage(operatorBrowser, 'federation-pages', 'child');
  });

  it("lets the child's operator run anti-entropy and renew; the parent sees the run on the child's page", async () => {
    // Something to compare: an entry published on the child, which its link sends up.
    const child = tree.child;
    const department = await child.organisation('江西省公安厅', '11360000014500002N');
    const authority = await child.organisation('江西省政务服务数据管理局', '11360000014500067C', true);
    await child.catalogKnows(department, authority);
    const editor = await child.user(department, '赵磊', ['catalog-editor']);
    const reviewer = await child.user(authority, '孙丽', ['catalog-reviewer']);
    await publishEntry(child, editor, reviewer, sampleEntry({ name: '城乡居民户籍信息' }));

    const { page } = childBrowser;
    await signIn(page, child.baseUrl, childOperator, '/federation/node');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('本节点');
    const link = page.getByRole('region', { name: '与上级节点的链路' });
    await reloadUntil(
      page,
      async () => ((await link.textContent()) ?? '').includes('已连接') && (await link.getByRole('row').count()) > 1,
      'the link up and the entry sent up',
    );
    expect(await page.getByRole('region', { name: '节点身份' }).textContent()).toContain('100000');

    await page.getByRole('button', { name: '立即反熵校验' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('校验完成');
    await checkPage(childBrowser, 'federation-pages', 'node-anti-entropy');

    const serialBefore = await page.getByRole('region', { name: '节点身份' }).locator('code').first().textContent();
    await page.getByRole('button', { name: '立即续期' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('证书已续期');
    await expect
      .poll(() => page.getByRole('region', { name: '节点身份' }).locator('code').first().textContent())
      .not.toBe(serialBefore);
    await checkPage(childBrowser, 'federation-pages', 'node-renewed');

    const parentPage = operatorBrowser.page;
    await parentPage.getByRole('button', { name: '刷新' }).click();
    const antiEntropy = parentPage.getByRole('region', { name: '反熵校验' });
    await expect.poll(() => antiEntropy.getByRole('row').filter({ hasText: '已核验一致' }).count()).toBeGreaterThan(0);
    await checkPage(operatorBrowser, 'federation-pages', 'child-anti-entropy');
  });

  it('revokes the child once its code is typed: the registry shows it revoked', async () => {
    const { page } = adminBrowser;
    await page.goto(`${tree.parent.baseUrl}/federation/children/${CHILD_CODE}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(CHILD_NAME);
    await page.getByRole('button', { name: '吊销节点' }).click();
    const dialog = page.getByRole('dialog', { name: `吊销下级节点：${CHILD_NAME}` });
    await dialog.waitFor();
    expect(await dialog.getByRole('button', { name: '确认吊销' }).isDisabled()).toBe(true);
    await dialog.getByLabel(`请输入节点编码 ${CHILD_CODE} 以确认`).fill(CHILD_CODE);
    await checkPage(adminBrowser, 'federation-pages', 'revoke-child');
    await dialog.getByRole('button', { name: '确认吊销' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已吊销下级节点“${CHILD_NAME}”。`);
    await expect.poll(() => page.locator('.federation-facts').textContent()).toContain('已吊销');
    const children = await tree.parent.api<{ items: Array<{ code: string; status: string }> }>(
      'GET',
      '/api/v1/federation/children',
      { token: tree.parent.adminToken },
    );
    expect(children.body.items.find((c) => c.code === CHILD_CODE)?.status).toBe('revoked');
  });
});

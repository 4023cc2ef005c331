import { demandService } from '@govdata/demand-feature';
import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import { queryNodeDatabase, waitFor } from '@govdata/platform-testing';
import type { Locator, Page } from 'playwright-core';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { publishEntry } from './catalog-entries.js';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

const NAME = '城乡居民户籍信息';

/** The form item whose label is this text (Element Plus shows a field's error inside it). */
const formItem = (page: Page, label: string): Locator =>
  page
    .locator('.el-form-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .last();

// 供需对接 — an applicant applies for a published entry from its page; the department's approver and
// the provider's reviewer each approve it in their own browser; the applicant sees it granted with
// the shared timeline.
describe('portal: a data demand application from the entry page to granted, in Chromium', () => {
  let node: PortalNode;
  let applicant: PortalUser;
  let approver: PortalUser;
  let provider: PortalUser;
  let applicantBrowser: PersonBrowser;
  let approverBrowser: PersonBrowser;
  let providerBrowser: PersonBrowser;
  let entry: { id: string; code: string };

  beforeAll(async () => {
    node = await startPortalNode({ services: [gatewayService, catalogService, demandService] });
    const civil = await node.organisation('江西省民政厅', '11360000014500059H');
    const police = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省政务服务数据管理局', '11360000014500067C', true);
    await node.catalogKnows(civil, police, authority);
    const sql = <T>(text: string, params?: unknown[]) => queryNodeDatabase<T>(node.config, 'demand', text, params);
    await waitFor(
      async () =>
        (await sql('SELECT id FROM organisation_ref WHERE id = ANY($1::uuid[])', [[civil.id, police.id]])).length === 2
          ? true
          : undefined,
      30_000,
      'organisations projected into the demand service',
    );
    applicant = await node.user(civil, '王芳', ['demand-applicant']);
    approver = await node.user(civil, '刘洋', ['demand-approver']);
    provider = await node.user(police, '陈静', ['provider-reviewer']);
    const editor = await node.user(police, '赵磊', ['catalog-editor']);
    const reviewer = await node.user(authority, '孙丽', ['catalog-reviewer']);
    entry = await publishEntry(node, editor, reviewer, sampleEntry({ name: NAME }));
    await waitFor(
      async () => ((await sql('SELECT 1 FROM entry_ref WHERE entry_id = $1', [entry.id])).length ? true : undefined),
      30_000,
      'the entry known to the demand service',
    );
    applicantBrowser = await openBrowser();
    approverBrowser = await openBrowser();
    providerBrowser = await openBrowser();
  });

  afterAll(async () => {
    await applicantBrowser?.close();
    await approverBrowser?.close();
    await providerBrowser?.close();
    await node?.close();
  });

  it("shows the API's field errors in the application form, then files the application", async () => {
    const { page } = applicantBrowser;
    await signIn(page, node.baseUrl, applicant, `/catalog/entries/${entry.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(NAME);
    await page.getByRole('button', { name: '申请使用' }).click();
    const dialog = page.getByRole('dialog', { name: `申请使用：${NAME}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    // Nothing typed yet: the API names the purpose, and it is shown beside that field.
    await expect.poll(() => formItem(page, '用途').locator('.el-form-item__error').textContent()).toBeTruthy();
    await checkPage(applicantBrowser, 'demand-application', 'apply-field-error');

    await dialog.getByLabel('用途').fill('核验最低生活保障申请人的户籍信息');
    await dialog.getByLabel('依法履职依据').fill('《社会救助暂行办法》第十一条');
    await dialog.getByLabel('应用场景').fill('低保审批时实时核验');
    // A year from now: within the longest validity the node allows.
    const validUntil = `${new Date().getUTCFullYear() + 1}-06-30`;
    await dialog.getByLabel('使用期限（至）').fill(validUntil);
    await dialog.getByLabel('使用期限（至）').press('Enter');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL((url) => /^\/demand\/applications\/[^/]+$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('申请详情');
    await expect.poll(() => page.locator('main').textContent()).toContain('部门审核中');
    await checkPage(applicantBrowser, 'demand-application', 'application-filed');

    await page.getByRole('link', { name: '我的申请' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: NAME }).count()).toBe(1);
  });

  it("lets the department's approver and then the provider's reviewer approve it from their queues", async () => {
    for (const [person, browser, tab] of [
      [approver, approverBrowser, '部门审核'],
      [provider, providerBrowser, '提供方审核'],
    ] as const) {
      const { page } = browser;
      await signIn(page, node.baseUrl, person, '/demand/queue');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('待我审批');
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.getByRole('row').filter({ hasText: NAME }).getByRole('link', { name: NAME }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/demand/applications/'));
      await checkPage(browser, 'demand-application', `${tab}-application`);
      await page.getByRole('button', { name: '审核通过' }).click();
      const dialog = page.getByRole('dialog', { name: '审核通过' });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '审核通过' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('已审核通过。');
    }
    await expect.poll(() => providerBrowser.page.locator('main').textContent()).toContain('已授权');
  });

  it('shows the applicant the grant and the shared timeline', async () => {
    const { page } = applicantBrowser;
    await page.goBack();
    await page.reload();
    await expect.poll(() => page.locator('main').textContent()).toContain('已授权');
    const timeline = page.locator('.application-timeline');
    await expect.poll(() => timeline.textContent()).toContain('部门审核');
    await expect.poll(() => timeline.textContent()).toContain('提供方审核');
    await expect.poll(() => timeline.textContent()).toContain('已授权');
    await checkPage(applicantBrowser, 'demand-application', 'application-granted');
  });
});

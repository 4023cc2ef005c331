import { catalogService } from '@govdata/catalog-feature';
import { demandService } from '@govdata/demand-feature';
import { exchangeService } from '@govdata/exchange-feature';
import { gatewayService } from '@govdata/gateway-node';
import { queryNodeDatabase, waitFor } from '@govdata/platform-testing';
import type { Locator, Page } from 'playwright-core';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { PERSON_ITEMS, PERSON_MAPPING, PersonsUpstream } from '../exchange/exchange-harness.js';
import { publishEntry } from './catalog-entries.js';
import { consumerAccount, grantThroughDemand, openApiFile } from './exchange-fixtures.js';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

const NAME = '人口基本信息（接口）';
const API_KEY = 'e2e-upstream-key-5d1f';
const TEST = 'exchange-pages';

/** The form item whose label is this text (Element Plus shows a field's error inside it). */
const formItem = (page: Page, label: string): Locator =>
  page
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: label }) })
    .first();

/** Chooses an option of an Element Plus select (its options are rendered at the end of the page). */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).first().click();
}

// 共享交换 — the provider's data-admin registers the API of a published entry by uploading its OpenAPI
// document and mapping its fields; once an application is granted and the consumer's service
// account has called, both sides see the grant, metering counts the call, and the provider checks
// the call's inclusion proof against the signed checkpoint in the browser.
describe('portal: the exchange pages in Chromium', () => {
  let node: PortalNode;
  let upstream: PersonsUpstream;
  let dataAdmin: PortalUser;
  let consumerAdmin: PortalUser;
  let providerBrowser: PersonBrowser;
  let consumerBrowser: PersonBrowser;
  let entry: { id: string; code: string };

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: API_KEY, bearer: 'unused-bearer' }).start();
    node = await startPortalNode({ services: [gatewayService, catalogService, demandService, exchangeService] });
    const civil = await node.organisation('江西省民政厅', '11360000014500059H');
    const police = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省政务服务数据管理局', '11360000014500067C', true);
    await node.catalogKnows(civil, police, authority);
    dataAdmin = await node.user(police, '周强', ['data-admin']);
    consumerAdmin = await node.user(civil, '吴敏', ['data-admin']);
    const editor = await node.user(police, '赵磊', ['catalog-editor']);
    const reviewer = await node.user(authority, '孙丽', ['catalog-reviewer']);
    entry = await publishEntry(node, editor, reviewer, sampleEntry({ name: NAME, items: PERSON_ITEMS }));
    // The demand and exchange services learn the entry from the catalog's events (their own tables).
    for (const [service, column] of [
      ['demand', 'entry_id'],
      ['exchange', 'id'],
    ] as const) {
      await waitFor(
        async () =>
          (await queryNodeDatabase(node.config, service, `SELECT 1 FROM entry_ref WHERE ${column} = $1`, [entry.id]))
            .length > 0 || undefined,
        30_000,
        `the entry known to the ${service} service`,
      );
    }
    providerBrowser = await openBrowser();
    consumerBrowser = await openBrowser();
  });

  afterAll(async () => {
    await providerBrowser?.close();
    await consumerBrowser?.close();
    await node?.close();
    await upstream?.stop();
  });

  it("registers an API resource from an uploaded OpenAPI file, showing the API's field error beside the field", async () => {
    const { page } = providerBrowser;
    await signIn(page, node.baseUrl, dataAdmin, '/exchange/resources');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('接口资源');
    await checkPage(providerBrowser, TEST, 'resources-empty');
    await page.getByRole('button', { name: '登记接口资源' }).click();
    await page.waitForURL((url) => url.pathname === '/exchange/resources/new');

    await choose(page, formItem(page, '目录条目').locator('.el-select'), new RegExp(NAME.replace(/[()（）]/g, '.')));
    await page.locator('#register-openapi-file').setInputFiles(openApiFile());
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('人口基本信息查询');
    // Element Plus draws its own box over the native checkbox and radio: people click the label.
    await page
      .locator('label.el-checkbox')
      .filter({ has: page.getByText('GET /persons', { exact: true }) })
      .click();
    await expect.poll(() => page.getByRole('checkbox', { name: /^GET \/persons(?!\/)/ }).isChecked()).toBe(true);
    await page.getByLabel('基础地址').fill('ftp://upstream.example.cn');
    await page.getByLabel('记录所在位置').fill('data.list');
    for (const { item, field } of PERSON_MAPPING) {
      // Typed and taken with Enter, as a person does in a filterable select.
      const select = page.getByRole('combobox', { name: `“${item}”对应的返回字段` });
      await select.click();
      await select.fill(field);
      await select.press('Enter');
    }
    await page.locator('label.el-radio', { hasText: 'API 密钥' }).click();
    await page.getByLabel('密钥名称').fill('X-Api-Key');
    await page.getByLabel('密钥', { exact: true }).fill(API_KEY);

    // A base URL that is not http(s): the API names the field, and the page shows it there.
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect
      .poll(() => formItem(page, '基础地址').locator('.el-form-item__error').textContent())
      .toContain('http(s) URL');
    await checkPage(providerBrowser, TEST, 'register-field-error');

    await page.getByLabel('基础地址').fill(upstream.url);
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL((url) => /^\/exchange\/resources\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('接口资源详情');
    await expect.poll(() => page.getByRole('row').filter({ hasText: '公民身份号码' }).textContent()).toContain('sfzh');
    await expect.poll(() => page.locator('main').textContent()).toContain('密钥已加密保存');
    await checkPage(providerBrowser, TEST, 'resource');
  });

  it('shows the grant on 我方使用 to the consumer and on 我方提供 to the provider, after a real call', async () => {
    const civil = consumerAdmin.organisation;
    const applicant = await node.user(civil, '王芳', ['demand-applicant']);
    const approver = await node.user(civil, '刘洋', ['demand-approver']);
    const providerReviewer = await node.user(dataAdmin.organisation, '陈静', ['provider-reviewer']);
    const grant = await grantThroughDemand(
      node,
      { applicant, approver, providerReviewer, reader: consumerAdmin },
      entry.id,
      ['姓名', '公民身份号码'],
    );
    const account = await consumerAccount(node, civil);
    const call = await node.api<{ data: { list: Array<Record<string, unknown>> } }>(
      'GET',
      `/api/v1/exchange/calls/${grant.id}/persons`,
      { token: account },
    );
    expect(call.status).toBe(200);
    expect(Object.keys(call.body.data.list[0]!).sort()).toEqual(['sfzh', 'xm']);
    expect(upstream.count('GET', '/persons')).toBe(1);

    const { page } = consumerBrowser;
    await signIn(page, node.baseUrl, consumerAdmin, '/exchange/grants?side=consumer');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('授权');
    const row = page.getByRole('row').filter({ hasText: '江西省公安厅' });
    await expect.poll(() => row.textContent()).toContain('姓名、公民身份号码');
    await expect.poll(() => row.textContent()).toContain('有效');
    await checkPage(consumerBrowser, TEST, 'grants-consumer');
    await page.getByRole('tab', { name: '我方提供' }).click();
    await page.waitForURL((url) => url.searchParams.get('side') === 'provider');
    await expect.poll(() => page.getByRole('row').filter({ hasText: '江西省公安厅' }).count()).toBe(0);

    const provider = providerBrowser.page;
    await provider.getByRole('link', { name: '授权', exact: true }).click();
    await provider.waitForURL((url) => url.pathname === '/exchange/grants');
    const provided = provider.getByRole('row').filter({ hasText: '江西省民政厅' });
    await expect.poll(() => provided.textContent()).toContain('姓名、公民身份号码');
    await provided.getByRole('link').first().click();
    await provider.waitForURL((url) => url.pathname === `/exchange/grants/${grant.id}`);
    await expect.poll(() => provider.locator('main').textContent()).toContain('姓名');
    await expect
      .poll(() => provider.getByRole('link', { name: '查看共享申请' }).getAttribute('href'))
      .toBe(`/demand/applications/${grant.applicationId}`);
    await checkPage(providerBrowser, TEST, 'grant-provider');
  });

  it('counts the call on the metering page, in the chart and in the table', async () => {
    const { page } = providerBrowser;
    await page.getByRole('link', { name: '调用计量' }).click();
    await page.waitForURL((url) => url.pathname === '/exchange/metering');
    const row = page.locator('.metering-table').getByRole('row').filter({ hasText: '江西省民政厅' });
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('1');
    await expect.poll(() => page.getByRole('img', { name: /江西省民政厅 1 次/ }).count()).toBeGreaterThan(0);
    await checkPage(providerBrowser, TEST, 'metering');
    await page.getByRole('radio', { name: '按授权' }).click({ force: true });
    const byGrant = page.locator('.metering-table').getByRole('row').filter({ hasText: entry.code });
    await expect.poll(() => byGrant.locator('td').nth(1).textContent()).toBe('1');
  });

  it("verifies the call's inclusion proof against the signed checkpoint in the browser", async () => {
    const { page } = providerBrowser;
    await page.getByRole('link', { name: '审计记录' }).click();
    await page.waitForURL((url) => url.pathname === '/exchange/audit');
    const row = page.getByRole('row').filter({ hasText: '江西省民政厅' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: /^验证账本第 \d+ 条记录$/ }).click();
    const result = page.locator('.verification');
    await expect.poll(() => result.locator('h2').textContent()).toBe('验证通过：该调用已记入经签名的审计账本。');
    const steps = result.getByRole('listitem');
    await expect.poll(() => steps.allTextContents()).toHaveLength(4);
    for (const [i, step] of ['叶子哈希', '根哈希一致', '签名有效', '树大小'].entries()) {
      expect(await steps.nth(i).textContent()).toContain(step);
      expect(await steps.nth(i).getAttribute('class')).toBe('verification__step--passed');
    }
    await checkPage(providerBrowser, TEST, 'audit-verified');
  });
});

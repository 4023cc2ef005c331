import { waitFor } from '@govdata/platform-testing';
import type { Locator, Page } from 'playwright-core';
import { sampleEntry } from '../catalog/catalog-harness.js';
import {
  PERSON_ITEMS,
  PERSON_MAPPING,
  PERSONS,
  PERSONS_OPENAPI,
  PersonsUpstream,
} from '../exchange/exchange-harness.js';
import { publishEntry } from './catalog-entries.js';
import { consumerAccount } from './exchange-fixtures.js';
import { checkPage, openBrowser, signIn, type PersonBrowser, type PortalUser } from './portal-harness.js';
import { startPortalTree, type PortalTree } from './portal-tree.js';

const DRAFTED = '机动车驾驶人信息';
const APPLIED_FOR = '南昌市常住人口基本信息';
const TEST = 'across-the-tree';
const UPSTREAM_KEY = 'e2e-upstream-key';

/** The form item whose label is this text (Element Plus shows a field's error inside it). */
const formItem = (page: Page, label: string): Locator =>
  page
    .locator('.el-form-item')
    .filter({ has: page.getByText(label, { exact: true }) })
    .last();

/** The row of a table that names the entry. */
const rowOf = (page: Page, name: string): Locator => page.getByRole('row').filter({ hasText: name });

/** Confirms the Element Plus pop-up confirmation that is open. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.el-popconfirm').getByRole('button', { name: '确定' }).click();
}

// The people of two nodes, each in their own browser at their own node's portal: 南昌 (city) below
// 江西 (province). A 南昌 editor and reviewer take an entry from draft to published and it shows in
// 江西's 一本账; a 江西 applicant applies for a 南昌 entry, and three approvers on two nodes — the
// applicant's department in 江西, the provider and the data authority in 南昌 — grant it.
describe('portal: catalog and demand across two nodes (南昌 below 江西), in Chromium', () => {
  let tree: PortalTree;
  const people: Record<string, PortalUser> = {};
  const browsers: Record<string, PersonBrowser> = {};
  let applied: { id: string; code: string };
  let applicationId: string;
  let upstream: PersonsUpstream;

  beforeAll(async () => {
    upstream = await new PersonsUpstream({ apiKey: UPSTREAM_KEY, bearer: 'unused' }).start();
    tree = await startPortalTree();
    const { jiangxi, nanchang } = tree;
    const police = await nanchang.organisation('南昌市公安局', '113601000146010264', false, '360100');
    const cityAuthority = await nanchang.organisation('南昌市数据局', '113601000146010189', true, '360100');
    const civil = await jiangxi.organisation('江西省民政厅', '11360000014500059H');
    await jiangxi.organisation('江西省政务服务数据管理局', '11360000014500067C', true);
    await nanchang.catalogKnows(police, cityAuthority);
    people.editor = await nanchang.user(police, '张伟', ['catalog-editor']);
    people.reviewer = await nanchang.user(cityAuthority, '李娜', ['catalog-reviewer']);
    people.provider = await nanchang.user(police, '陈静', ['provider-reviewer']);
    people.authority = await nanchang.user(cityAuthority, '周敏', ['data-admin']);
    people.providerAdmin = await nanchang.user(police, '吴刚', ['data-admin']);
    people.applicant = await jiangxi.user(civil, '王芳', ['demand-applicant']);
    people.approver = await jiangxi.user(civil, '刘洋', ['demand-approver']);
    applied = await publishEntry(
      nanchang,
      people.editor,
      people.reviewer,
      sampleEntry({ name: APPLIED_FOR, items: PERSON_ITEMS, regionCode: '360100' }),
    );
    // The police's data-admin registers the upstream API behind the entry (the exchange pages' own
    // test registers one in the browser).
    const registered = await nanchang.api('POST', '/api/v1/exchange/resources', {
      token: await people.providerAdmin.token(),
      body: {
        entryId: applied.id,
        baseUrl: upstream.url,
        openapi: PERSONS_OPENAPI,
        operations: [{ operationId: 'getPerson', recordsAt: '' }],
        responseItems: PERSON_MAPPING,
        credentials: { kind: 'api-key', in: 'header', name: 'X-Api-Key', value: UPSTREAM_KEY },
      },
    });
    if (registered.status !== 201) throw new Error(`registering the API: ${JSON.stringify(registered.body)}`);
    for (const name of Object.keys(people)) browsers[name] = await openBrowser();
  }, 600_000);

  afterAll(async () => {
    for (const browser of Object.values(browsers)) await browser.close();
    await tree?.close();
    await upstream?.stop();
  });

  it('lets the 南昌 editor draft and submit an entry, the API’s field error shown beside the field', async () => {
    const { page } = browsers.editor!;
    await signIn(page, tree.nanchang.baseUrl, people.editor!, '/catalog/new');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新建目录');
    await page.getByLabel('信息资源名称').fill(DRAFTED);
    await page.getByLabel('信息资源摘要').fill('本市机动车驾驶人的基本信息和准驾车型，用于交通管理和身份核验。');
    await page.getByLabel('信息资源分类').fill('101001');
    await page.getByLabel('第 1 项：信息项名称').fill('姓名');
    await page.getByRole('button', { name: '保存草稿' }).click();
    // The region code was left out: the API's refusal appears beside that field, not as a banner.
    const region = formItem(page, '行政区划代码');
    await expect.poll(() => region.locator('.el-form-item__error').textContent()).toBeTruthy();
    await checkPage(browsers.editor!, TEST, 'editor-field-error');

    await page.getByLabel('行政区划代码').fill('360100');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.waitForURL((url) => /^\/catalog\/entries\/[^/]+$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(DRAFTED);
    await expect.poll(() => page.locator('main').textContent()).toContain('待审核');
    await checkPage(browsers.editor!, TEST, 'entry-submitted');
  });

  it('lets the 南昌 reviewer return it with a reason on a field, which the editor sees on the entry', async () => {
    const { page } = browsers.reviewer!;
    await signIn(page, tree.nanchang.baseUrl, people.reviewer!, '/catalog/review');
    const row = rowOf(page, DRAFTED);
    await row.waitFor();
    await checkPage(browsers.reviewer!, TEST, 'review-queue');

    await row.getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog', { name: `退回修改：${DRAFTED}` });
    await dialog.waitFor();
    await formItem(page, '第 1 项：字段').locator('.el-select').click();
    await page.getByRole('option', { name: '信息项', exact: true }).click();
    await dialog.getByLabel('第 1 项：原因').fill('缺少准驾车型');
    await checkPage(browsers.reviewer!, TEST, 'return-dialog');
    await dialog.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已退回修改：${DRAFTED}`);

    const editorPage = browsers.editor!.page;
    await editorPage.reload();
    const reasons = editorPage.getByRole('alert').filter({ hasText: '退回修改的原因' });
    await expect.poll(() => reasons.textContent()).toContain('缺少准驾车型');
    await checkPage(browsers.editor!, TEST, 'entry-returned');
  });

  it('lets the editor fix and resubmit, and the reviewer approve and publish', async () => {
    const editorPage = browsers.editor!.page;
    await editorPage.getByRole('button', { name: '编辑' }).click();
    await editorPage.waitForURL((url) => url.pathname.endsWith('/edit'));
    await expect.poll(() => editorPage.getByLabel('信息资源名称').inputValue()).toBe(DRAFTED);
    await editorPage.getByRole('button', { name: '增加信息项' }).click();
    await editorPage.getByLabel('第 2 项：信息项名称').fill('准驾车型');
    await checkPage(browsers.editor!, TEST, 'editor-fix');
    await editorPage.getByRole('button', { name: '保存并提交审核' }).click();
    await editorPage.waitForURL((url) => !url.pathname.endsWith('/edit'));
    await expect.poll(() => editorPage.locator('main').textContent()).toContain('待审核');

    const { page } = browsers.reviewer!;
    await page.reload();
    await rowOf(page, DRAFTED).getByRole('button', { name: '审核通过' }).click();
    await confirm(page);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已审核通过：${DRAFTED}`);
    await page.getByRole('tab', { name: /^待发布/ }).click();
    await rowOf(page, DRAFTED).getByRole('button', { name: '发布' }).click();
    await confirm(page);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已发布：${DRAFTED}`);
    await checkPage(browsers.reviewer!, TEST, 'review-published');

    await editorPage.reload();
    await expect.poll(() => editorPage.locator('main').textContent()).toContain('已发布');
    await editorPage.getByRole('tab', { name: '信息项' }).click();
    await expect.poll(() => editorPage.getByRole('tabpanel', { name: '信息项' }).textContent()).toContain('准驾车型');
    await checkPage(browsers.editor!, TEST, 'entry-published');
  });

  it('shows the published 南昌 entry at 江西’s portal, as a replica with where it came from', async () => {
    const { page } = browsers.applicant!;
    await signIn(page, tree.jiangxi.baseUrl, people.applicant!, '/');
    // Replication runs over the link in the background; a person would search again until it shows.
    const search = `/catalog/search?q=${encodeURIComponent(DRAFTED)}&scope=subtree`;
    const result = page.getByRole('link', { name: DRAFTED });
    await waitFor(
      async () => {
        await page.goto(`${tree.jiangxi.baseUrl}${search}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        return (await result.count().catch(() => 0)) > 0 || undefined;
      },
      60_000,
      'the 南昌 entry in 江西’s search',
    );
    await expect.poll(() => page.locator('main').textContent()).toContain('360100');
    await checkPage(browsers.applicant!, TEST, 'parent-search');
    await result.first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/catalog/replicas/360100/'));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(DRAFTED);
    await expect.poll(() => page.locator('main').textContent()).toContain('360100');
    await expect.poll(() => page.locator('main').textContent()).toContain('准驾车型');
    await checkPage(browsers.applicant!, TEST, 'parent-replica');
  });

  it('lets the 江西 applicant apply for the 南昌 entry from its replica page', async () => {
    const { page } = browsers.applicant!;
    await waitFor(
      async () => {
        await page.goto(`${tree.jiangxi.baseUrl}/catalog/replicas/360100/${applied.id}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        return (await page.getByRole('button', { name: '申请使用' }).count()) > 0 || undefined;
      },
      60_000,
      'the applied-for entry at 江西',
    );
    await page.getByRole('button', { name: '申请使用' }).click();
    const dialog = page.getByRole('dialog', { name: `申请使用：${APPLIED_FOR}` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    // Nothing typed yet: the API names the purpose, and it is shown beside that field.
    await expect.poll(() => formItem(page, '用途').locator('.el-form-item__error').textContent()).toBeTruthy();
    await dialog.getByLabel('用途').fill('核验最低生活保障申请人的户籍信息');
    await dialog.getByLabel('依法履职依据').fill('《社会救助暂行办法》第十一条');
    await dialog.getByLabel('应用场景').fill('低保审批时实时核验');
    const validUntil = `${new Date().getUTCFullYear() + 1}-06-30`;
    await dialog.getByLabel('使用期限（至）').fill(validUntil);
    await dialog.getByLabel('使用期限（至）').press('Enter');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL((url) => /^\/demand\/applications\/[^/]+$/.test(url.pathname));
    applicationId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.locator('main').textContent()).toContain('部门审核中');
    await checkPage(browsers.applicant!, TEST, 'application-filed');
    const filed = page.url();

    await page.getByRole('link', { name: '我的申请' }).click();
    await expect.poll(() => rowOf(page, APPLIED_FOR).count()).toBe(1);
    await page.goto(filed);
  });

  it('is approved by the 江西 department, then the 南昌 provider (referring it) and the 南昌 data authority', async () => {
    const steps = [
      { who: 'approver', node: tree.jiangxi, tab: '部门审核', refer: false },
      { who: 'provider', node: tree.nanchang, tab: '提供方审核', refer: true },
      { who: 'authority', node: tree.nanchang, tab: '主管部门审核', refer: false },
    ] as const;
    for (const step of steps) {
      const browser = browsers[step.who]!;
      const { page } = browser;
      await signIn(page, step.node.baseUrl, people[step.who]!, '/demand/queue');
      // The application reaches 南昌 over the link; the reviewer's queue shows it once it has.
      await waitFor(
        async () => {
          await page.reload();
          await page.getByRole('tab', { name: new RegExp(`^${step.tab}`) }).click();
          return (await rowOf(page, APPLIED_FOR).count()) > 0 || undefined;
        },
        60_000,
        `the application in the ${step.tab} queue`,
      );
      await rowOf(page, APPLIED_FOR).getByRole('link', { name: APPLIED_FOR }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/demand/applications/'));
      await checkPage(browser, TEST, `${step.tab}-application`);
      await page.getByRole('button', { name: '审核通过' }).click();
      const dialog = page.getByRole('dialog', { name: '审核通过' });
      await dialog.waitFor();
      if (step.refer) await dialog.getByText('提请数据主管部门审核').click();
      await dialog.getByRole('button', { name: '审核通过' }).click();
      await expect.poll(() => page.getByRole('status').first().textContent()).toBe('已审核通过。');
    }
    await expect.poll(() => browsers.authority!.page.locator('main').textContent()).toContain('已授权');
  });

  it('shows the 江西 applicant the grant and the timeline of all three reviews', async () => {
    const { page } = browsers.applicant!;
    const timeline = page.locator('.application-timeline');
    await waitFor(
      async () => {
        await page.reload();
        await timeline.waitFor();
        return (await page.locator('main').textContent())?.includes('已授权') || undefined;
      },
      60_000,
      'the grant back at 江西',
    );
    for (const step of ['部门审核', '提供方审核', '主管部门审核', '已授权']) {
      await expect.poll(() => timeline.textContent()).toContain(step);
    }
    await checkPage(browsers.applicant!, TEST, 'application-granted');
  });

  it('lets the 南昌 provider verify, in the browser, the 江西 system’s call in its audit ledger', async () => {
    // 江西民政's system calls through its own node; the call is routed down to 南昌, whose exchange
    // enforces the grant and writes the call into its signed ledger.
    const account = await consumerAccount(tree.jiangxi, people.applicant!.organisation);
    const person = PERSONS[0]!;
    await waitFor(
      async () => {
        const call = await tree.jiangxi.api('GET', `/api/v1/exchange/calls/${applicationId}/persons/${person.sfzh}`, {
          token: account,
        });
        return call.status === 200 || undefined;
      },
      60_000,
      'the call answered through 南昌',
    );

    const browser = browsers.providerAdmin!;
    const { page } = browser;
    await signIn(page, tree.nanchang.baseUrl, people.providerAdmin!, '/exchange/audit');
    const verify = page.getByRole('button', { name: /^验证账本第 \d+ 条记录$/ });
    await expect.poll(() => verify.count()).toBe(1);
    await verify.click();
    const result = page.locator('.verification');
    await expect.poll(() => result.locator('h2').textContent()).toBe('验证通过：该调用已记入经签名的审计账本。');
    await checkPage(browser, TEST, 'provider-audit-verified');
  });
});

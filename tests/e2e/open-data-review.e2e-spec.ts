import { catalogService } from '@govdata/catalog-feature';
import { gatewayService } from '@govdata/gateway-node';
import { openDataService } from '@govdata/open-data-feature';
import { queryNodeDatabase } from '@govdata/platform-testing';
import type { Locator, Page } from 'playwright-core';
import {
  createProviderDatabase,
  PROVIDER_DATABASE_OUTBOUND,
  publishOpenableEntry,
  type ProviderDatabase,
} from './open-data-fixtures.js';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalUser,
} from './portal-harness.js';

const TEST = 'open-data-review';
const NAME = '人口基本信息';

/** The form item whose label is this text (Element Plus shows a field's error inside it). */
const formItem = (page: Page, label: string): Locator =>
  page
    .locator('.el-form-item')
    .filter({ has: page.locator('.el-form-item__label', { hasText: label }) })
    .first();

/** The row of the column table for a source column (its name is unique on the page). */
const columnRow = (page: Page, column: string): Locator =>
  page.locator('.el-table__body tr').filter({ has: page.getByText(column, { exact: true }) });

/**
 * Chooses an option of an Element Plus select (its options are rendered at the end of the page; the
 * rows' rule selects offer the same options, so only the open list's count).
 */
async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await select.click();
  await page.getByRole('option', { name: option }).filter({ visible: true }).first().click();
  // The list fades out; the next select's list is only told apart once this one has gone.
  await expect.poll(() => page.getByRole('option').filter({ visible: true }).count()).toBe(0);
}

// 开放审核 — a department's entry that may be opened, with its table mounted from the department's own
// database, waits in the authority's queue; the authority's data-admin decides each column, is told
// beside the row that 姓名 cannot be opened as it is, masks it and opens the dataset. The providing
// department follows the status and has no decision to take.
describe('portal: the opening review pages in Chromium', () => {
  let node: PortalNode;
  let provider: ProviderDatabase;
  let authorityAdmin: PortalUser;
  let departmentAdmin: PortalUser;
  let authorityBrowser: PersonBrowser;
  let departmentBrowser: PersonBrowser;
  let datasetId: string;

  beforeAll(async () => {
    node = await startPortalNode({
      services: [gatewayService, catalogService, openDataService],
      overrides: { outbound: PROVIDER_DATABASE_OUTBOUND },
    });
    provider = await createProviderDatabase(node);
    const police = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省政务服务数据管理局', '11360000MB1719587X', true);
    await node.catalogKnows(police, authority);
    authorityAdmin = await node.user(authority, '周敏', ['data-admin']);
    departmentAdmin = await node.user(police, '陈静', ['data-admin']);
    const editor = await node.user(police, '张伟', ['catalog-editor']);
    const reviewer = await node.user(authority, '李娜', ['catalog-reviewer']);

    await provider.sql('CREATE SCHEMA rkk');
    await provider.sql('CREATE TABLE rkk.person (xm varchar(50), sfzh char(18), xb varchar(1), csrq date)');
    await provider.sql(`INSERT INTO rkk.person VALUES ('张三', '360102199001011234', '男', '1990-01-01')`);
    await provider.sql(`GRANT USAGE ON SCHEMA rkk TO "${provider.role}"`);
    await provider.sql(`GRANT SELECT ON rkk.person TO "${provider.role}"`);
    ({ datasetId } = await publishOpenableEntry(
      node,
      { editor, reviewer },
      provider,
      {
        schema: 'rkk',
        table: 'person',
        columnMapping: [
          { column: 'xm', item: '姓名' },
          { column: 'sfzh', item: '公民身份号码' },
          { column: 'xb', item: '性别' },
          { column: 'csrq', item: '出生日期' },
        ],
      },
      { name: NAME },
    ));
    authorityBrowser = await openBrowser();
    departmentBrowser = await openBrowser();
  });

  afterAll(async () => {
    await authorityBrowser?.close();
    await departmentBrowser?.close();
    await node?.close();
    await provider?.drop();
  });

  it("shows the providing department its dataset's status and no decision to take", async () => {
    const { page } = departmentBrowser;
    await signIn(page, node.baseUrl, departmentAdmin, '/open-data/reviews');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('开放审核');
    await expect.poll(() => page.locator('.el-table__body').textContent()).toContain(NAME);
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL((url) => url.pathname === `/open-data/reviews/${datasetId}`);
    await expect.poll(() => page.locator('main').textContent()).toContain('等待数据开放主管部门审核');
    expect(await page.locator('main').textContent()).toContain('待审核');
    // The mapped columns are listed, undecided; there is nothing to press.
    await expect.poll(() => columnRow(page, 'xm').textContent()).toContain('姓名');
    expect(await page.getByRole('button', { name: '开放', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '不予开放' }).count()).toBe(0);
    await checkPage(departmentBrowser, TEST, 'department-pending');
  });

  it("opens the dataset once 姓名 is masked, after showing the API's errors beside the fields and rows", async () => {
    const { page } = authorityBrowser;
    await signIn(page, node.baseUrl, authorityAdmin, '/open-data/reviews');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('开放审核');
    const queued = page.locator('.el-table__body tr').filter({ hasText: NAME });
    await expect.poll(() => queued.textContent()).toContain('江西省公安厅');
    expect(await queued.textContent()).toContain('无条件开放');
    expect(await queued.textContent()).toMatch(/\d{4}-\d{2}-\d{2}/);
    await checkPage(authorityBrowser, TEST, 'queue');

    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL((url) => url.pathname === `/open-data/reviews/${datasetId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('开放审核详情');
    await expect.poll(() => page.locator('main').textContent()).toContain('信息资源代码');
    for (const column of ['xm', 'sfzh', 'xb']) {
      await columnRow(page, column).locator('label.el-radio', { hasText: '开放' }).first().click();
    }
    // By keyboard: the radio group takes focus and Space chooses.
    await columnRow(page, 'csrq').getByRole('radio', { name: '不开放' }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => columnRow(page, 'csrq').getByRole('radio', { name: '不开放' }).isChecked()).toBe(true);

    // 姓名 and 公民身份号码 left 开放, nothing else chosen: the API names each field and each row.
    await page.getByRole('button', { name: '开放', exact: true }).click();
    await expect.poll(() => columnRow(page, 'xm').locator('[role=alert]').textContent()).toContain('含个人信息');
    expect(await columnRow(page, 'xb').locator('[role=alert]').count()).toBe(0);
    expect(await formItem(page, '主题领域').locator('.el-form-item__error').textContent()).toContain('主题领域');
    expect(await formItem(page, '开放许可').locator('.el-form-item__error').textContent()).toContain('开放许可');
    await checkPage(authorityBrowser, TEST, 'decision-errors');

    await columnRow(page, 'xm').locator('label.el-radio', { hasText: '脱敏' }).click();
    // The rule select appears with 脱敏, named for its row.
    expect(await page.getByRole('combobox', { name: '字段 xm（姓名）的脱敏规则' }).count()).toBe(1);
    await choose(page, columnRow(page, 'xm').locator('.el-select'), '姓名：只保留姓');
    await columnRow(page, 'sfzh').locator('label.el-radio', { hasText: '脱敏' }).click();
    await choose(page, columnRow(page, 'sfzh').locator('.el-select'), '公民身份号码：保留前 6 位和后 4 位');
    await choose(page, formItem(page, '主题领域').locator('.el-select'), '社会民生');
    await choose(page, formItem(page, '开放许可').locator('.el-select'), '知识共享署名 4.0');
    await page.locator('label.el-checkbox', { hasText: '保密审查已完成' }).click();
    await page.locator('label.el-checkbox', { hasText: '个人信息核查已完成' }).click();
    await page.getByRole('button', { name: '开放', exact: true }).click();

    await expect.poll(() => page.locator('.review-done').textContent()).toContain(`已开放：${NAME}`);
    await expect.poll(() => columnRow(page, 'xm').textContent()).toContain('姓名：只保留姓');
    expect(await columnRow(page, 'csrq').textContent()).toContain('不开放');
    expect(await page.locator('main').textContent()).toContain(`${authorityAdmin.organisation.name}（周敏）`);
    expect(await page.getByRole('button', { name: '开放', exact: true }).count()).toBe(0);
    const stored = await queryNodeDatabase<{ status: string; domain: string; licence: string }>(
      node.config,
      'open-data',
      'SELECT status, domain, licence FROM open_dataset WHERE id = $1',
      [datasetId],
    );
    expect(stored).toEqual([{ status: 'open', domain: 'livelihood', licence: 'cc-by' }]);
    await checkPage(authorityBrowser, TEST, 'opened');
  });

  it('lists the opened dataset under 已开放 for the providing department, with the decision read-only', async () => {
    const { page } = departmentBrowser;
    await page.goto(`${node.baseUrl}/open-data/reviews?status=open`);
    const row = page.locator('.el-table__body tr').filter({ hasText: NAME });
    await expect.poll(() => row.textContent()).toContain('已开放');
    await row.getByRole('link', { name: NAME }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('审核结论');
    // The rule's label comes with the vocabulary, which may arrive after the review itself.
    await expect.poll(() => columnRow(page, 'sfzh').textContent()).toContain('公民身份号码：保留前 6 位和后 4 位');
    expect(await page.getByRole('button', { name: '不予开放' }).count()).toBe(0);
    await checkPage(departmentBrowser, TEST, 'department-opened');
  });
});

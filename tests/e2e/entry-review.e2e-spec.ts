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

const NAME = '机动车驾驶人信息';

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

// 编目与审核 — an editor and a reviewer, each in their own browser: the editor creates and submits,
// the reviewer returns it with a reason on a field, the editor fixes it and submits again, and the
// reviewer approves and publishes it.
describe('portal: an entry from draft to published, editor and reviewer in Chromium', () => {
  let node: PortalNode;
  let editor: PortalUser;
  let reviewer: PortalUser;
  let editorBrowser: PersonBrowser;
  let reviewerBrowser: PersonBrowser;

  beforeAll(async () => {
    node = await startPortalNode();
    const bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省市场监督管理局', '11360000MB17195879', true);
    await node.catalogKnows(bureau, authority);
    editor = await node.user(bureau, '张伟', ['catalog-editor']);
    reviewer = await node.user(authority, '李娜', ['catalog-reviewer']);
    editorBrowser = await openBrowser();
    reviewerBrowser = await openBrowser();
  });

  afterAll(async () => {
    await editorBrowser?.close();
    await reviewerBrowser?.close();
    await node?.close();
  });

  it('shows the API’s field error beside the field, then saves and submits the draft', async () => {
    const { page } = editorBrowser;
    await signIn(page, node.baseUrl, editor, '/catalog/new');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('新建目录');
    await page.getByLabel('信息资源名称').fill(NAME);
    await page.getByLabel('信息资源摘要').fill('本省机动车驾驶人的基本信息和准驾车型，用于交通管理和身份核验。');
    await page.getByLabel('信息资源分类').fill('101001');
    await page.getByLabel('第 1 项：信息项名称').fill('姓名');
    await page.getByRole('button', { name: '保存草稿' }).click();
    // The region code was left out: the API's refusal appears beside that field, not as a banner.
    const region = formItem(page, '行政区划代码');
    await expect.poll(() => region.locator('.el-form-item__error').textContent()).toBeTruthy();
    await checkPage(editorBrowser, 'entry-review', 'editor-field-error');

    await page.getByLabel('行政区划代码').fill('360000');
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.waitForURL((url) => /^\/catalog\/entries\/[^/]+$/.test(url.pathname));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(NAME);
    await expect.poll(() => page.locator('main').textContent()).toContain('待审核');
    await checkPage(editorBrowser, 'entry-review', 'entry-submitted');
  });

  it('lets the reviewer return it with a reason on a field, which the editor sees on the entry', async () => {
    const { page } = reviewerBrowser;
    await signIn(page, node.baseUrl, reviewer, '/catalog/review');
    const row = rowOf(page, NAME);
    await row.waitFor();
    await checkPage(reviewerBrowser, 'entry-review', 'review-queue');

    await row.getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog', { name: `退回修改：${NAME}` });
    await dialog.waitFor();
    await formItem(page, '第 1 项：字段').locator('.el-select').click();
    await page.getByRole('option', { name: '信息项', exact: true }).click();
    await dialog.getByLabel('第 1 项：原因').fill('缺少准驾车型');
    await checkPage(reviewerBrowser, 'entry-review', 'return-dialog');
    await dialog.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已退回修改：${NAME}`);

    const editorPage = editorBrowser.page;
    await editorPage.reload();
    const reasons = editorPage.getByRole('alert').filter({ hasText: '退回修改的原因' });
    await expect.poll(() => reasons.textContent()).toContain('缺少准驾车型');
    await checkPage(editorBrowser, 'entry-review', 'entry-returned');
  });

  it('lets the editor fix and resubmit, and the reviewer approve and publish', async () => {
    const editorPage = editorBrowser.page;
    await editorPage.getByRole('button', { name: '编辑' }).click();
    await editorPage.waitForURL((url) => url.pathname.endsWith('/edit'));
    await expect.poll(() => editorPage.getByLabel('信息资源名称').inputValue()).toBe(NAME);
    await editorPage.getByRole('button', { name: '增加信息项' }).click();
    await editorPage.getByLabel('第 2 项：信息项名称').fill('准驾车型');
    await checkPage(editorBrowser, 'entry-review', 'editor-fix');
    await editorPage.getByRole('button', { name: '保存并提交审核' }).click();
    await editorPage.waitForURL((url) => !url.pathname.endsWith('/edit'));
    await expect.poll(() => editorPage.locator('main').textContent()).toContain('待审核');

    const { page } = reviewerBrowser;
    await page.reload();
    await rowOf(page, NAME).getByRole('button', { name: '审核通过' }).click();
    await confirm(page);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已审核通过：${NAME}`);
    await page.getByRole('tab', { name: /^待发布/ }).click();
    await rowOf(page, NAME).getByRole('button', { name: '发布' }).click();
    await confirm(page);
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`已发布：${NAME}`);
    await checkPage(reviewerBrowser, 'entry-review', 'review-published');

    await editorPage.reload();
    await expect.poll(() => editorPage.locator('main').textContent()).toContain('已发布');
    await editorPage.getByRole('tab', { name: '信息项' }).click();
    await expect.poll(() => editorPage.getByRole('tabpanel', { name: '信息项' }).textContent()).toContain('准驾车型');
    await checkPage(editorBrowser, 'entry-review', 'entry-published');
  });
});

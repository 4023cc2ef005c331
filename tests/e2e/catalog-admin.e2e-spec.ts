import { sampleEntry } from '../catalog/catalog-harness.js';
import { publishEntry } from './catalog-entries.js';
import {
  checkPage,
  openBrowser,
  signIn,
  startPortalNode,
  type PersonBrowser,
  type PortalNode,
  type PortalOrganisation,
  type PortalUser,
} from './portal-harness.js';
import { entryRow, itemRows, workbook, type Cells } from '../catalog/catalog-workbook.js';

/** The part of the page's window a test reads (the tests are compiled without the DOM library). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { color: string };
}

/** A workbook as staff fill it in from the template: two entries, the second with a bad 更新周期. */
async function workbookWithOneBadCell(): Promise<Buffer> {
  const named = (serial: number, name: string, cells: Cells = {}) =>
    entryRow(serial, { 信息资源名称: name, 信息资源摘要: `${name}，本省户籍人口的基本信息`, ...cells });
  return Buffer.from(
    await workbook(
      [named(1, '户籍人口导入信息'), named(2, '常住人口导入信息', { 更新周期: '每分钟' })],
      [...itemRows(1), ...itemRows(2)],
    ),
  );
}

// 目录管理 — the catalog's administration pages: Excel import with its per-cell report, the node's
// deadlines and re-review campaigns, and the data-admin's settings with the API's field errors.
describe('portal: catalog administration, in Chromium', () => {
  let node: PortalNode;
  let bureau: PortalOrganisation;
  let editor: PortalUser;
  let dataAdmin: PortalUser;
  let reviewer: PortalUser;
  let editorBrowser: PersonBrowser;
  let adminBrowser: PersonBrowser;

  beforeAll(async () => {
    node = await startPortalNode();
    bureau = await node.organisation('江西省公安厅', '11360000014500002N');
    const authority = await node.organisation('江西省政务服务数据管理局', '11360000MB1719587X', true);
    await node.catalogKnows(bureau, authority);
    editor = await node.user(bureau, '张伟', ['catalog-editor']);
    dataAdmin = await node.user(authority, '周敏', ['data-admin']);
    reviewer = await node.user(authority, '李娜', ['catalog-reviewer']);
    editorBrowser = await openBrowser();
    adminBrowser = await openBrowser();
  });

  afterAll(async () => {
    await editorBrowser?.close();
    await adminBrowser?.close();
    await node?.close();
  });

  it('imports an Excel workbook row by row and names the bad cell in the report', async () => {
    const { page } = editorBrowser;
    await signIn(page, node.baseUrl, editor, '/catalog/excel');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('目录导入导出');
    await checkPage(editorBrowser, 'catalog-admin', 'excel');

    await page.getByLabel('选择 Excel 文件（.xlsx）').setInputFiles({
      name: '公安厅目录.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbookWithOneBadCell(),
    });
    await page.getByText('逐行导入（出错的行不导入）').click();
    await page.getByRole('button', { name: '开始导入' }).click();

    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/新增 1 条/);
    const rows = page.locator('.el-table__body tbody tr');
    // Filtered to errors: the one bad cell, named by sheet, row and column.
    await expect.poll(() => rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells.slice(0, 4).map((c) => c.trim())).toEqual(['信息资源目录', '3', '更新周期', '出错']);

    // What was created: the first row's draft, in the catalog.
    const created = page.getByRole('link', { name: /^101001\// });
    await expect.poll(() => created.count()).toBe(1);
    const token = await editor.token();
    const listed = await node.api<{ items: Array<{ name: string; status: string }> }>(
      'GET',
      '/api/v1/catalog/entries?status=draft&limit=50',
      { token },
    );
    expect(listed.body.items.map((e) => e.name)).toEqual(['户籍人口导入信息']);

    // Without the filter every row shows its outcome.
    await page.getByText('只看出错的单元格').click();
    await expect.poll(() => rows.count()).toBe(2);
    await checkPage(editorBrowser, 'catalog-admin', 'excel-report');
  });

  it('shows an overdue clock in red, and a data-admin opens the annual re-review and confirms an entry', async () => {
    // A registration clock started on Mon 5 Jan 2026: due 20 working days later, 2 Feb, long past.
    const started = await node.api<{ id: string; dueOn: string }>('POST', '/api/v1/catalog/clocks', {
      token: await dataAdmin.token(),
      body: { kind: 'registration', organisationId: bureau.id, startedOn: '2026-01-05', reason: '出入境系统上线' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.dueOn).toBe('2026-02-02');
    await publishEntry(node, editor, reviewer, sampleEntry({ name: '出入境证件信息' }));

    const { page } = adminBrowser;
    await signIn(page, node.baseUrl, dataAdmin, '/catalog/clocks');
    const running = page.locator('.clocks-table');
    const lateRow = running.locator('tr', { hasText: '出入境系统上线' });
    await lateRow.waitFor();
    const due = lateRow.locator('time[datetime="2026-02-02"]');
    await expect.poll(() => due.getAttribute('class')).toContain('working-day-date--overdue');
    // Red as the page paints it (the accessible palette's danger colour).
    const colour = await due.evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).color);
    expect(colour).toBe('rgb(179, 38, 30)');
    expect(await lateRow.textContent()).toMatch(/逾期 \d+ 个工作日/);
    await checkPage(adminBrowser, 'catalog-admin', 'clocks');

    await page.getByRole('tab', { name: '年度复核' }).click();
    await page.getByRole('button', { name: '发起年度复核' }).click();
    const done = page.locator('.clocks-done');
    await expect.poll(() => done.textContent()).toMatch(/^已发起 \d{4} 年度复核，共 1 条目录待复核。$/);
    const byOrganisation = page.locator('.el-table', { hasText: '修订或下线' });
    const bureauRow = byOrganisation.locator('tbody tr', { hasText: '江西省公安厅' });
    await expect
      .poll(async () => (await bureauRow.locator('td').allTextContents()).slice(1, 5).map((c) => c.trim()))
      .toEqual(['1', '0', '0', '1']);
    await checkPage(adminBrowser, 'catalog-admin', 'campaign');

    await page.getByRole('button', { name: '确认复核' }).click();
    await expect.poll(() => done.textContent()).toBe('已确认复核：出入境证件信息');
    await expect
      .poll(async () => (await bureauRow.locator('td').allTextContents()).slice(1, 5).map((c) => c.trim()))
      .toEqual(['1', '1', '0', '0']);
  });

  it('lets a data-admin change the review deadline, refusing a bad value beside its field', async () => {
    const { page } = adminBrowser;
    await page.goto(`${node.baseUrl}/catalog/settings`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('节点设置');
    const review = page.getByLabel('审核时限（工作日）');
    await review.waitFor();
    const reviewItem = page.locator('.el-form-item', { has: review });
    await review.fill('300');
    await page.getByRole('button', { name: '保存时限设置' }).click();
    // The API's message, beside the field it names.
    await expect.poll(() => reviewItem.locator('.el-form-item__error').textContent()).toContain('250');
    await checkPage(adminBrowser, 'catalog-admin', 'settings-refused');

    await review.fill('7');
    await page.getByRole('button', { name: '保存时限设置' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(1);
    // The error leaves with the change (Element Plus fades it out).
    await expect.poll(() => reviewItem.locator('.el-form-item__error').count()).toBe(0);
    const stored = await node.api<{ reviewDays: number; source: string }>('GET', '/api/v1/catalog/settings/deadlines', {
      token: await dataAdmin.token(),
    });
    expect(stored.body).toMatchObject({ reviewDays: 7, source: 'configured' });

    for (const [tab, name] of [
      ['工作日历', 'settings-calendar'],
      ['分级策略', 'settings-grade'],
      ['目录分类', 'settings-classification'],
      ['数据元', 'settings-data-elements'],
      ['上级标准', 'settings-standards'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tabpanel', { name: tab }).getByRole('heading', { level: 2 }).waitFor();
      await checkPage(adminBrowser, 'catalog-admin', name);
    }
  });

  it('offers classification codes by name in the editor, the field staying typeable', async () => {
    const { page } = editorBrowser;
    await page.goto(`${node.baseUrl}/catalog/new`);
    const field = page.getByLabel('信息资源分类');
    await field.fill('人口基本');
    const suggestion = page.getByRole('option', { name: /^101001 .*人口基本信息$/ });
    await suggestion.waitFor();
    await suggestion.click();
    await expect.poll(() => field.inputValue()).toBe('101001');
    // Checked with the list closed, as the search page is: Element Plus's open suggestion list
    // nests its scrollbar region inside the listbox (axe aria-required-children).
    await checkPage(editorBrowser, 'catalog-admin', 'editor-classification-picker');
    // Typed as before, a code stays as typed.
    await field.fill('203001');
    await page.getByLabel('信息资源名称').click();
    expect(await field.inputValue()).toBe('203001');
  });
});

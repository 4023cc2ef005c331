import { VerificationCodeSender } from '@govdata/open-data-feature';
import { startOpenDataNode, type OpenDataNode } from '../open-data/open-data-harness.js';
import { checkPage, ensureOpenPortalBuilt, openBrowser, type PersonBrowser } from './portal-harness.js';

const TEST = 'open-portal-people';

// 开放门户用户 — a member of the public registers on the open portal's port with a mobile number,
// types the code "sent" (the service's sender, watched here), signs in, and finds the account pages;
// then, 实名认证 passed, applies to use a dataset opened on conditions and, once the department has
// approved and the agreement is signed, previews the granted column of it; finally reports an error
// in that dataset (纠错) and follows it in 我的纠错.
describe('open portal: registering and signing in, in Chromium', () => {
  let node: OpenDataNode;
  let browser: PersonBrowser;
  let openUrl: string;
  let datasetId: string;
  const codes: string[] = [];

  beforeAll(async () => {
    node = await startOpenDataNode({ http: { openPortalDir: ensureOpenPortalBuilt() } });
    openUrl = `http://127.0.0.1:${node.config.services.gateway.openPortal}`;
    const sender = node.openData.app.get(VerificationCodeSender);
    const send = sender.send.bind(sender);
    vi.spyOn(sender, 'send').mockImplementation(async (channel, recipient, code) => {
      codes.push(code);
      await send(channel, recipient, code);
    });
    browser = await openBrowser();
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await browser?.close();
    await node?.close();
  });

  it('registers with a phone number, shows a wrong code beside its field, verifies and signs in', async () => {
    const { page } = browser;
    await page.goto(`${openUrl}/register`);
    await page.getByRole('heading', { name: '注册', level: 1 }).waitFor();
    await checkPage(browser, TEST, 'register');
    await page.getByLabel('手机号码或电子邮箱').fill('12345');
    await page.getByLabel('密码', { exact: true }).fill('Kaifang-Menhu-2026!');
    await page.getByRole('button', { name: '注册并发送验证码' }).click();
    await page.getByText('请输入 11 位手机号码或电子邮箱地址').first().waitFor();
    await page.getByLabel('手机号码或电子邮箱').fill('13700137000');
    await page.getByRole('button', { name: '注册并发送验证码' }).click();
    await page.getByText('验证码已发送至 137****7000').waitFor();
    expect(codes).toHaveLength(1);

    const wrong = codes[0] === '000000' ? '111111' : '000000';
    await page.getByLabel('验证码').fill(wrong);
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByText(/验证码不正确，还可尝试 4 次/).waitFor();
    await checkPage(browser, TEST, 'verify-wrong-code');
    await page.getByLabel('验证码').fill(codes[0]!);
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByText('验证成功，请登录。').waitFor();

    await page.getByLabel('手机号码或电子邮箱').fill('13700137000');
    await page.getByLabel('密码', { exact: true }).fill('Kaifang-Menhu-2026!');
    await checkPage(browser, TEST, 'sign-in');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: '实名认证', level: 1 }).waitFor();
    await page.getByRole('button', { name: '退出' }).waitFor();
    await checkPage(browser, TEST, 'real-name');
    const cookies = await browser.context.cookies(openUrl);
    expect(cookies.find((c) => c.name === 'govdata_open_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });

    await page.goto(`${openUrl}/account/api-keys`);
    await page.getByText('创建密钥需要先完成实名认证').waitFor();
    await checkPage(browser, TEST, 'api-keys');
  });

  it('applies to use a dataset opened on conditions, signs the agreement offered and previews the granted column', async () => {
    const { page } = browser;
    datasetId = await openConditionalDataset(node);
    await page.goto(`${openUrl}/account/real-name`);
    await page.getByLabel('名称或姓名').fill('示例科技有限公司');
    await page.getByLabel('统一社会信用代码').fill('91310110666007217T');
    await page.getByRole('button', { name: '提交认证' }).click();
    await page.getByRole('heading', { name: '已完成实名认证' }).waitFor();

    await page.goto(`${openUrl}/datasets/${datasetId}`);
    await page.getByText('开放条件：仅限科研和公益用途').first().waitFor();
    await page.getByText('签署使用协议后，才能预览和下载获准的字段').first().waitFor();
    await page.getByRole('button', { name: '申请使用' }).click();
    await page.getByRole('textbox', { name: '数据用途' }).fill('研究本市中小企业的行业分布，为营商环境评价提供依据');
    await page.getByRole('textbox', { name: '应用场景' }).fill('短');
    const form = page.locator('form', { has: page.getByRole('button', { name: '提交申请' }) });
    await form.getByText('单位名称', { exact: true }).click();
    await form.getByText('行业', { exact: true }).click();
    const { commitments } = (
      await node.api<{ commitments: Array<{ zh: string }> }>('GET', '/api/v1/open-data/vocabulary')
    ).body;
    for (const c of commitments) await form.getByText(c.zh, { exact: true }).click();
    await page.getByLabel('最后使用日').fill(inDays(90));
    await page.getByLabel('最后使用日').press('Enter');
    await page.getByRole('button', { name: '提交申请' }).click();
    // The API's field error, beside the field it names.
    await form.getByText('应用场景至少 10 个字').waitFor();
    await checkPage(browser, TEST, 'apply');
    await page.getByRole('textbox', { name: '应用场景' }).fill('高校课题组内部统计分析，结果以汇总表形式发表');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('申请已提交').waitFor();

    // The providing department approves one of the two fields asked for.
    const reviewer = await node.token(node.orgA, ['provider-reviewer'], 'provider-reviewer@orgA');
    const queue = await node.api<{ items: Array<{ id: string; fields: string[] }> }>(
      'GET',
      '/api/v1/open-data/applications?status=submitted',
      { token: reviewer },
    );
    expect(queue.body.items.map((a) => a.fields)).toEqual([['单位名称', '行业']]);
    const approved = await node.api('POST', `/api/v1/open-data/applications/${queue.body.items[0]!.id}/decision`, {
      token: reviewer,
      body: { decision: 'approve', fields: ['单位名称'], conditions: '成果发表前须经本部门审阅' },
    });
    expect(approved.status).toBe(200);

    await page.getByRole('link', { name: '我的申请' }).click();
    await page.getByRole('link', { name: '中小企业登记信息' }).click();
    await page.getByRole('heading', { name: '使用协议' }).waitFor();
    await page.getByText('二、开放字段：单位名称。').waitFor();
    await page.getByText('成果发表前须经本部门审阅').first().waitFor();
    await checkPage(browser, TEST, 'agreement');
    await page.getByRole('button', { name: '签署协议' }).click();
    await page.getByText('协议已签署').waitFor();
    await page.getByText('使用中').first().waitFor();

    await page.goto(`${openUrl}/datasets/${datasetId}`);
    const preview = page.getByRole('region', { name: 'company表的数据预览' });
    await preview.getByRole('cell', { name: '示例企业0' }).waitFor();
    await expect
      .poll(async () => (await preview.getByRole('columnheader').allTextContents()).map((h) => h.trim()))
      .toEqual(['单位名称']);
  });

  it('reports an error in the dataset from its page, the API’s field error beside its field, and finds it in 我的纠错', async () => {
    const { page } = browser;
    await page.goto(`${openUrl}/datasets/${datasetId}`);
    await page.getByRole('button', { name: '纠错' }).click();
    const dialog = page.getByRole('dialog', { name: '数据纠错' });
    await dialog.getByLabel('有误的信息项（可选）').click();
    await page.getByRole('option', { name: '行业' }).click();
    await dialog.getByLabel('哪条记录（可选）').fill('示例企业1');
    await dialog.getByLabel('错误说明').fill('行业不对');
    await dialog.getByRole('button', { name: '提交纠错' }).click();
    await dialog.getByText('请说明错在哪里、应当是什么').waitFor();
    await checkPage(browser, TEST, 'error-report');
    await dialog.getByLabel('错误说明').fill('示例企业1 的行业应为批发业，不是软件业');
    await dialog.getByRole('button', { name: '提交纠错' }).click();
    await dialog.getByText('纠错已提交').waitFor();

    await dialog.getByRole('link', { name: '我的纠错' }).click();
    await page.getByRole('heading', { name: '我的纠错', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /中小企业登记信息/ });
    await row.getByText('待核实').waitFor();
    await row.getByText('行业，示例企业1').waitFor();
    await checkPage(browser, TEST, 'my-error-reports');
  });
});

/** A table of companies behind an entry of orgA opened on conditions (three columns open); its dataset id. */
async function openConditionalDataset(node: OpenDataNode): Promise<string> {
  await node.source.sql('CREATE SCHEMA cond_e2e');
  await node.source.sql(
    'CREATE TABLE cond_e2e.company (dwmc varchar(100) NOT NULL, hy varchar(50), zczb numeric(14, 2))',
  );
  for (let i = 0; i < 3; i++) {
    await node.source.sql('INSERT INTO cond_e2e.company VALUES ($1, $2, $3)', [`示例企业${i}`, '软件业', 100 + i]);
  }
  await node.source.sql(`GRANT USAGE ON SCHEMA cond_e2e TO "${node.source.role}"`);
  await node.source.sql(`GRANT SELECT ON cond_e2e.company TO "${node.source.role}"`);
  const { datasetId } = await node.publishWithTable(
    node.orgA,
    {
      schema: 'cond_e2e',
      table: 'company',
      columnMapping: [
        { column: 'dwmc', item: '单位名称' },
        { column: 'hy', item: '行业' },
        { column: 'zczb', item: '注册资本' },
      ],
    },
    {
      name: '中小企业登记信息',
      open: { type: 'conditional', conditions: '仅限科研和公益用途' },
      items: [
        { name: '单位名称', dataType: 'C', length: 100 },
        { name: '行业', dataType: 'C', length: 50 },
        { name: '注册资本', dataType: 'N', length: 16 },
      ],
    },
  );
  const authority = await node.token(node.orgB, ['data-admin'], 'open-data-authority');
  const review = await node.api('GET', `/api/v1/open-data/reviews/${datasetId}`, { token: authority });
  const mountId = review.body.review.columns[0].mountId;
  const opened = await node.api('POST', `/api/v1/open-data/reviews/${datasetId}/decision`, {
    token: authority,
    body: {
      decision: 'open',
      domain: 'economy',
      licence: 'cc-by',
      confidentialityChecked: true,
      personalInformationChecked: true,
      columns: ['dwmc', 'hy', 'zczb'].map((column) => ({ mountId, column, decision: 'open' })),
    },
  });
  if (opened.status !== 200) throw new Error(`opening the dataset: ${JSON.stringify(opened.body)}`);
  return datasetId;
}

/** The day `days` from today (UTC), YYYY-MM-DD. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

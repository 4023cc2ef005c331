import { VerificationCodeSender } from '@govdata/open-data-feature';
import { startOpenDataNode, type OpenDataNode } from '../open-data/open-data-harness.js';
import { checkPage, ensureOpenPortalBuilt, openBrowser, type PersonBrowser } from './portal-harness.js';

const TEST = 'open-portal-people';

// 开放门户用户 — a member of the public registers on the open portal's port with a mobile number,
// types the code "sent" (the service's sender, watched here), signs in, and finds the account pages.
describe('open portal: registering and signing in, in Chromium', () => {
  let node: OpenDataNode;
  let browser: PersonBrowser;
  let openUrl: string;
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
});

import { openBrowser, seriousViolations, type PersonBrowser } from './portal-harness.js';

// The checks every portal page goes through, shown to catch what they are for: axe-core finds an
// unlabelled control and an image without a text alternative, and a page's CSP violation is caught.
describe('portal page checks: axe-core and the Content-Security-Policy watch', () => {
  let browser: PersonBrowser;

  beforeAll(async () => {
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reports serious and critical accessibility violations, and none on a page that has none', async () => {
    const { page } = browser;
    await page.setContent(
      '<html lang="zh-CN"><head><title>检查</title></head><body><main><h1>检查</h1>' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button></main></body></html>',
    );
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['button-name', 'image-alt']);

    await page.setContent(
      '<html lang="zh-CN"><head><title>检查</title></head><body><main><h1>检查</h1>' +
        '<img alt="标志" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button>保存</button></main></body></html>',
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('catches a script the page’s CSP refuses', async () => {
    const { page } = browser;
    await page.route('http://portal.invalid/', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': "default-src 'self'; script-src 'self'" },
        body: '<html lang="zh-CN"><body><script>document.title = "x"</script></body></html>',
      }),
    );
    await page.goto('http://portal.invalid/');
    await expect.poll(() => browser.cspViolations.length).toBeGreaterThan(0);
  });
});

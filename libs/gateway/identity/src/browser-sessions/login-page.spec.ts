import { loginPage } from './login-page.js';

describe('the sign-in page', () => {
  const page = (options: Partial<Parameters<typeof loginPage>[0]> = {}) =>
    loginPage({ nodeName: '江西省政务数据共享平台', next: '/', language: 'zh-CN', ...options });

  it('is 中文 by default, links to English keeping next, and runs no script', () => {
    const html = page({ next: '/catalog?q=a&b=1' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>登录 · 江西省政务数据共享平台</title>');
    expect(html).toContain(
      '<a href="/login?lang=en&#38;next=%2Fcatalog%3Fq%3Da%26b%3D1" lang="en" hreflang="en">English</a>',
    );
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    const english = page({ language: 'en' });
    expect(english).toContain('<button type="submit">Sign in</button>');
    expect(english).toContain('<input type="hidden" name="lang" value="en">');
  });

  it('escapes what came from the request', () => {
    const html = page({ next: '/"><script>x</script>', username: '"><img src=x onerror=alert(1)>' });
    expect(html).toContain('value="/&#34;&#62;&#60;script&#62;x&#60;/script&#62;"');
    expect(html).toContain('value="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"');
    expect(html).not.toContain('<img');
  });

  it('announces a failure and ties it to both fields', () => {
    const html = page({ message: { kind: 'throttled', retryAfterSeconds: 8 } });
    expect(html).toContain('<p id="login-message" class="message" role="alert">登录失败次数过多，请 8 秒后再试。</p>');
    expect(html.match(/aria-describedby="login-message" aria-invalid="true"/g)).toHaveLength(2);
    expect(page()).not.toContain('aria-invalid');
  });
});

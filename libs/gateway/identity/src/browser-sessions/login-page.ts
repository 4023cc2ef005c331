import { PASSWORD_MAX_LENGTH } from '../passwords/password-policy.js';
import type { LoginLanguage } from './login.dto.js';

/** What the page tells the person after a failed attempt. */
export type LoginMessage =
  | { kind: 'wrong-credentials' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'incomplete' }
  | { kind: 'cross-origin' }
  | { kind: 'unavailable' };

export interface LoginPageOptions {
  nodeName: string;
  /** Already made safe (`safeNextPath`). */
  next: string;
  language: LoginLanguage;
  username?: string;
  message?: LoginMessage;
}

const TEXT = {
  'zh-CN': {
    title: '登录',
    subtitle: '政务数据共享门户 · 工作人员登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    switchTo: { label: 'English', lang: 'en' },
    message: (m: LoginMessage): string => {
      switch (m.kind) {
        case 'wrong-credentials':
          return '用户名或密码错误。';
        case 'throttled':
          return `登录失败次数过多，请 ${m.retryAfterSeconds} 秒后再试。`;
        case 'incomplete':
          return '请输入用户名和密码。';
        case 'cross-origin':
          return '登录请求不是从本站页面提交的，已拒绝。请在本页重新登录。';
        case 'unavailable':
          return '登录服务暂不可用，请稍后再试。';
      }
    },
  },
  en: {
    title: 'Sign in',
    subtitle: 'Government data sharing portal · staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    switchTo: { label: '中文', lang: 'zh-CN' },
    message: (m: LoginMessage): string => {
      switch (m.kind) {
        case 'wrong-credentials':
          return 'The username or password is wrong.';
        case 'throttled':
          return `Too many failed sign-in attempts; try again in ${m.retryAfterSeconds} s.`;
        case 'incomplete':
          return 'Enter your username and password.';
        case 'cross-origin':
          return 'The sign-in was not sent from this site’s page and was refused. Sign in on this page.';
        case 'unavailable':
          return 'Sign-in is unavailable right now; try again shortly.';
      }
    },
  },
} as const;

// Styles only (the portal CSP allows inline styles, no scripts): readable at 390 px and at 1366 px.
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f0f2f5;color:#1f2329}
main{max-width:24rem;margin:12vh auto 2rem;padding:2rem 1.5rem;background:#fff;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{font-size:1.375rem;margin:0 0 .25rem}
.subtitle{margin:0 0 1.5rem;color:#4e5969}
label{display:block;margin:1rem 0 .375rem;font-weight:600}
input{width:100%;padding:.625rem .75rem;font-size:1rem;border:1px solid #86909c;border-radius:4px}
input:focus{outline:3px solid #1664ff;outline-offset:1px}
button{width:100%;margin-top:1.5rem;padding:.75rem;font-size:1rem;color:#fff;background:#1450c8;border:0;border-radius:4px;cursor:pointer}
button:focus{outline:3px solid #0b2d73;outline-offset:2px}
.message{margin:0 0 1rem;padding:.75rem;border-left:4px solid #c9252d;background:#fdecee;color:#8a1119}
.language{margin:1.5rem 0 0;text-align:right}
a{color:#1450c8}
`;

/**
 * 登录页 — the gateway's own sign-in page: a plain form posting to `/login`, working without any
 * script (the portal CSP allows none inline), labelled fields, the failure announced to screen
 * readers (role="alert") and tied to the fields it concerns.
 */
export function loginPage(options: LoginPageOptions): string {
  const text = TEXT[options.language];
  const message = options.message ? text.message(options.message) : undefined;
  const described = message ? ' aria-describedby="login-message" aria-invalid="true"' : '';
  const switchTo = new URLSearchParams({ lang: text.switchTo.lang, next: options.next });
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`${text.title} · ${options.nodeName}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.nodeName)}</h1>
<p class="subtitle">${text.subtitle}</p>
${message ? `<p id="login-message" class="message" role="alert">${escapeHtml(message)}</p>\n` : ''}<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<input type="hidden" name="lang" value="${options.language}">
<label for="username">${text.username}</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${escapeHtml(options.username ?? '')}"${described}>
<label for="password">${text.password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="${PASSWORD_MAX_LENGTH}"${described}>
<button type="submit">${text.submit}</button>
</form>
<p class="language"><a href="/login?${escapeHtml(switchTo.toString())}" lang="${text.switchTo.lang}" hreflang="${text.switchTo.lang}">${text.switchTo.label}</a></p>
</main>
</body>
</html>
`;
}

/** Text made safe inside HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

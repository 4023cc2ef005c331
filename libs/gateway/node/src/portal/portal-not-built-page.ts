import { escapeHtml } from '@govdata/gateway-identity';

/**
 * The page at `/` of a gateway built without the portal (503): says so in plain words, and that the
 * API keeps working, instead of failing.
 */
export function portalNotBuiltPage(nodeName: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>共享门户尚未构建 · ${escapeHtml(nodeName)}</title>
<style>
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f0f2f5;color:#1f2329}
main{max-width:36rem;margin:12vh auto 2rem;padding:2rem 1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.375rem;margin:0 0 1rem}
code{background:#f2f3f5;padding:0 .25rem}
</style>
</head>
<body>
<main>
<h1>共享门户尚未构建</h1>
<p>${escapeHtml(nodeName)}的网关没有找到门户页面，所以暂时无法在浏览器中使用。接口 <code>/api/v1</code> 不受影响，照常可用。</p>
<p>请管理员构建门户（<code>npm run build:portal</code>）或在节点配置中设置 <code>http.portalDir</code>，然后刷新本页。</p>
</main>
</body>
</html>
`;
}

import { describe, expect, it } from 'vitest';
import { routeJavaScript } from './bundle-budget.js';

const chunk = (fileName: string, code: string, extra: object = {}) => ({
  type: 'chunk' as const,
  fileName,
  code,
  ...extra,
});

describe('routeJavaScript', () => {
  const bundle = {
    'index.js': chunk('index.js', 'a'.repeat(1000), { isEntry: true, imports: ['vendor.js'] }),
    'vendor.js': chunk('vendor.js', 'v'.repeat(1000)),
    'search.js': chunk('search.js', 's', {
      facadeModuleId: '/x/pages/catalog/search/catalog-search-page.vue',
      imports: ['ui.js'],
    }),
    'ui.js': chunk('ui.js', 'u'),
    'home.js': chunk('home.js', 'h'.repeat(50_000), {
      facadeModuleId: '/x/pages/home/home-page.vue',
      imports: ['echarts.js'],
    }),
    'echarts.js': chunk('echarts.js', 'e'),
    'style.css': { type: 'asset' as const, fileName: 'style.css' },
  };

  it('counts the entry, the route and what they import statically, not the other routes', () => {
    const report = routeJavaScript(bundle, /catalog-search-page\.vue$/);
    expect(report.files).toEqual(['index.js', 'search.js', 'ui.js', 'vendor.js']);
    expect(report.gzippedBytes).toBeGreaterThan(0);
    expect(report.gzippedBytes).toBeLessThan(routeJavaScript(bundle, /home-page\.vue$/).gzippedBytes);
  });

  it('fails loudly when the route is not in the bundle (a renamed page must not pass unmeasured)', () => {
    expect(() => routeJavaScript(bundle, /no-such-page\.vue$/)).toThrow(/no chunk/);
  });
});

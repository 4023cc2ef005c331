import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { bundleBudget } from './build/bundle-budget.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The staff portal, built into dist/portal and served by each node's gateway at `/` under a strict
 * CSP: no inline script, no eval — vue-i18n's messages are compiled here (runtime-only build), and
 * Element Plus components and their styles are imported per component as the templates use them.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    VueI18nPlugin({
      include: [
        here('./src/i18n/locales/**'),
        // Each area's messages beside its pages (pages/<area>/locales), compiled like the rest.
        here('./src/pages/*/locales/**'),
        here('../../libs/web/ui/src/locales/**'),
      ],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
    }),
    bundleBudget({
      label: 'sign-in + search route',
      routeModule: /pages\/catalog\/search\/catalog-search-page\.vue$/,
      maxGzippedKiB: 300,
    }),
  ],
  resolve: {
    alias: [
      // `@/…` is the portal's own src folder, so that pages deep in feature folders import it plainly.
      { find: /^@\/(.+)$/, replacement: `${here('./src')}/$1` },
      { find: /^@govdata\/web-ui$/, replacement: here('../../libs/web/ui/src/index.ts') },
      { find: /^@govdata\/web-ui\/charts$/, replacement: here('../../libs/web/ui/src/charts/index.ts') },
      { find: /^@govdata\/web-ui\/(.+\.css)$/, replacement: `${here('../../libs/web/ui/src')}/$1` },
    ],
  },
  build: {
    outDir: here('../../dist/portal'),
    emptyOutDir: true,
    // Content-hashed names under assets/ (Vite's default): the gateway caches /assets/* for a year.
    assetsDir: 'assets',
    // The home page's chunk carries ECharts (~550 kB, loaded by that page only); the bundle budget
    // above is the size check that matters, so Vite's generic warning starts above that chunk.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `vite` for development against a running node's gateway (same origin for /api, /login).
    proxy: Object.fromEntries(
      ['/api', '/login', '/logout'].map((path) => [path, process.env['GOVDATA_GATEWAY'] ?? 'http://127.0.0.1:8080']),
    ),
  },
});

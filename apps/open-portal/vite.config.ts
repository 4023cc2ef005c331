import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The public open-data portal (开放门户), built into dist/open-portal and served by each node's
 * gateway on its open-portal port under the staff portal's strict CSP: no inline script, no eval —
 * vue-i18n's messages are compiled here (runtime-only build), Element Plus imported per component.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    VueI18nPlugin({
      include: [here('./src/i18n/locales/**'), here('../../libs/web/ui/src/locales/**')],
      runtimeOnly: true,
      compositionOnly: true,
      fullInstall: false,
    }),
  ],
  resolve: {
    alias: [
      { find: /^@\/(.+)$/, replacement: `${here('./src')}/$1` },
      { find: /^@govdata\/web-ui$/, replacement: here('../../libs/web/ui/src/index.ts') },
      { find: /^@govdata\/web-ui\/(.+\.css)$/, replacement: `${here('../../libs/web/ui/src')}/$1` },
    ],
  },
  build: {
    outDir: here('../../dist/open-portal'),
    emptyOutDir: true,
    // Content-hashed names under assets/: the gateway caches /assets/* for a year.
    assetsDir: 'assets',
  },
  server: {
    // `vite` for development against a running node's open-portal port.
    proxy: Object.fromEntries(
      ['/api/v1/open-data', '/api/3', '/sitemap.xml'].map((path) => [
        path,
        process.env['GOVDATA_OPEN_PORTAL'] ?? 'http://127.0.0.1:8180',
      ]),
    ),
  },
});

import vue from '@vitejs/plugin-vue';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

// One source of truth for library aliases: tsconfig.base.json `paths`.
const root = fileURLToPath(new URL('.', import.meta.url));
const { compilerOptions } = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8')) as {
  compilerOptions: { paths: Record<string, [string]> };
};
const alias = Object.entries(compilerOptions.paths).map(([find, [target]]) => ({
  find: new RegExp(`^${find.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')}$`),
  replacement: `${root}${target.replace(/^\.\//, '')}`,
}));

// SWC emits decorator metadata, which NestJS dependency injection needs.
const plugins = [
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  }),
];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    globals: true,
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          globals: true,
          include: ['{apps,libs,tools}/**/*.spec.ts', 'tests/deploy/**/*.spec.ts'],
          // The portal's browser code runs in its own project below.
          exclude: ['apps/portal/src/**', 'apps/open-portal/src/**', 'libs/web/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        // The portal's components and stores (Vue single-file components, in a simulated DOM).
        plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false })],
        resolve: {
          alias: [
            { find: /^@\/(.+)$/, replacement: `${root}apps/portal/src/$1` },
            { find: /^@govdata\/web-ui$/, replacement: `${root}libs/web/ui/src/index.ts` },
            { find: /^@govdata\/web-ui\/charts$/, replacement: `${root}libs/web/ui/src/charts/index.ts` },
          ],
        },
        test: {
          name: 'portal',
          include: ['apps/portal/src/**/*.spec.ts', 'libs/web/**/*.spec.ts'],
          environment: 'happy-dom',
        },
      },
      {
        // The open-data portal's modules (its own `@/`), in a simulated DOM.
        plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false })],
        resolve: {
          alias: [
            { find: /^@\/(.+)$/, replacement: `${root}apps/open-portal/src/$1` },
            { find: /^@govdata\/web-ui$/, replacement: `${root}libs/web/ui/src/index.ts` },
          ],
        },
        test: {
          name: 'open-portal',
          include: ['apps/open-portal/src/**/*.spec.ts'],
          environment: 'happy-dom',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          globals: true,
          include: [
            '{apps,libs}/**/*.int-spec.ts',
            'tests/{integration,catalog,federation,demand,exchange,open-data,security}/**/*.int-spec.ts',
          ],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Integration tests share one PostgreSQL, Redis and Kafka; files run one at a time, in one
          // worker that keeps the modules it has loaded (each file starts its own nodes and closes
          // them): loading NestJS and the services once instead of per file cut the repository tests
          // from 130 s to 40 s on this machine.
          fileParallelism: false,
          isolate: false,
          globalSetup: ['libs/platform/testing/src/global-setup.ts'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          // The portal in Debian's Chromium against real nodes (tests/e2e/portal-harness.ts).
          name: 'e2e',
          globals: true,
          include: ['tests/e2e/**/*.e2e-spec.ts'],
          environment: 'node',
          testTimeout: 180_000,
          // Building the portal when dist/portal has none takes a few minutes on a small machine.
          hookTimeout: 600_000,
          fileParallelism: false,
          isolate: false,
          globalSetup: ['libs/platform/testing/src/global-setup.ts'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          // Benchmarks print figures with a same-run baseline; `npm run bench`, not part of `npm test`.
          name: 'bench',
          globals: true,
          include: ['tests/bench/**/*.bench-spec.ts'],
          environment: 'node',
          testTimeout: 900_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['libs/platform/testing/src/global-setup.ts'],
        },
      },
    ],
  },
});

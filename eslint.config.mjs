import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

// Which kinds of project may depend on which. A service's domain (scope:<service>) may use shared
// platform code but never another service's internals: services talk over gRPC and Kafka.
const SERVICES = ['gateway', 'catalog', 'demand', 'exchange', 'governance', 'open-data', 'analytics', 'federation'];

const DEP_CONSTRAINTS = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:feature',
      'type:data-access',
      'type:util',
      'type:contracts',
      'type:runtime',
      'type:demo',
      'type:ui',
    ],
  },
  // Shared web UI (libs/web): components and browser helpers for the portals.
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
  },
  // The demo seed (libs/demo): only an app (the CLI's demo launcher) and tests add it to a node; no
  // service and not the node runtime may carry it.
  {
    sourceTag: 'type:demo',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
  },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  // The test harness may use any shared platform library; only tests import it.
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:contracts', 'type:feature'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // The web front ends (apps/portal, libs/web) run in the browser and reach services over HTTP only.
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  // The node runtime composes every service of a node into one process (and the CLI uses it).
  { sourceTag: 'scope:node', onlyDependOnLibsWithTags: ['*'] },
  // The demo seeds the gateway's identities, the catalog and open data through their public APIs.
  {
    sourceTag: 'scope:demo',
    onlyDependOnLibsWithTags: ['scope:demo', 'scope:catalog', 'scope:gateway', 'scope:open-data', 'scope:shared'],
  },
  ...SERVICES.map((s) => ({
    sourceTag: `scope:${s}`,
    onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'],
  })),
];

// Tests may also use the test harness (type:testing); production code may not.
const TEST_DEP_CONSTRAINTS = DEP_CONSTRAINTS.map((c) =>
  c.sourceTag.startsWith('type:') && !c.onlyDependOnLibsWithTags.includes('*')
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

const boundaries = (depConstraints) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'libs/contracts/src/generated/**',
      'deploy/local/kafka/**',
      '.nx/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  prettier,
  {
    // Vue single-file components: TypeScript in <script setup lang="ts">; vue-tsc checks names, so
    // no-undef (which knows neither browser globals nor TypeScript types) is off, as typescript-eslint advises.
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.ts', '**/*.vue'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*/**', '**/libs/**'], message: 'import other libraries through their @govdata/* name' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tests/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(TEST_DEP_CONSTRAINTS),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);

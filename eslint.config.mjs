import nx from '@nx/eslint-plugin';

const DEEP_IMPORT_ONLY = {
  name: '@cdktn/provider-aws',
  message: 'Import provider resources by deep path (e.g. @cdktn/provider-aws/lib/vpc): the barrel costs ~3 s and ~700 MiB per process (docs/adr/0004).',
};

/** The provider barrel, by every spelling that resolves to it. */
const PROVIDER_BARREL_PATHS = [
  DEEP_IMPORT_ONLY,
  { ...DEEP_IMPORT_ONLY, name: '@cdktn/provider-aws/lib' },
  { ...DEEP_IMPORT_ONLY, name: '@cdktn/provider-aws/lib/index' },
  { ...DEEP_IMPORT_ONLY, name: '@cdktn/provider-aws/lib/index.js' },
];

/** Test fixtures and helpers (`@platform/config/testing`, `@platform/aws-core/testing`, ...) stay out of what synth runs: a fixture value must never reach dist/. */
const TEST_FIXTURES_ONLY_IN_TESTS = {
  // the alias (`@platform/<lib>/testing`) from anywhere, any module of a testing/ folder by relative path
  regex: '^@platform/[^/]+/testing(/|$)|(^|/)testing(/[^/]+)?$',
  message: 'Test fixtures are for *.test.ts files and testing/ folders only; production code takes a real, validated EnvironmentConfig.',
};

/** The Kubernetes API bindings come from `@platform/k8s-imports/k8s`, the one module naming the cdk8s-plus-NN package (ADR 0002). */
const KUBERNETES_BINDINGS_FROM_ONE_MODULE = {
  regex: '^cdk8s-plus-[0-9]+(/|$)',
  message: "Import the Kubernetes API bindings from '@platform/k8s-imports/k8s': it is the one module that names cdk8s-plus-NN, so a cluster minor upgrade changes one line (docs/adr/0002).",
};

/** Files that may use test fixtures: tests, test helpers, the benchmark, and the docs generator (it draws the add-on graph of the fixture environment, where every add-on is enabled). */
const MAY_USE_TEST_FIXTURES = ['**/*.test.ts', '**/testing/**/*.ts', 'tools/bench/**/*.ts', 'apps/cluster-addons/src/waves-doc.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.tools', 'libs/k8s/imports/src/**', 'coverage/**'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'platform:aws',
              onlyDependOnLibsWithTags: ['platform:aws', 'scope:shared'],
              bannedExternalImports: ['cdk8s', 'cdk8s-*', 'cdk8s/*', 'cdk8s-plus-*/**'],
            },
            {
              sourceTag: 'platform:k8s',
              onlyDependOnLibsWithTags: ['platform:k8s', 'scope:shared'],
              bannedExternalImports: ['cdktn', 'cdktn/*', '@cdktn/*', '@cdktn/**'],
            },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: ['type:config'], bannedExternalImports: ['cdktn', '@cdktn/*', '@cdktn/**', 'cdk8s', 'cdk8s-*'] },
            { sourceTag: 'type:env', onlyDependOnLibsWithTags: ['type:config'], bannedExternalImports: ['*'] },
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:config', 'type:app', 'type:engine', 'type:validation'] },
            { sourceTag: 'type:validation', onlyDependOnLibsWithTags: ['type:config', 'type:validation'] },
            // libraries are composed by apps, never the reverse (an app is the composition root of its side)
            { sourceTag: 'type:lib', notDependOnLibsWithTags: ['type:app', 'type:env', 'type:engine', 'type:tools'] },
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:config', 'type:engine', 'type:validation', 'type:app', 'type:tools'] },
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: PROVIDER_BARREL_PATHS, patterns: [TEST_FIXTURES_ONLY_IN_TESTS, KUBERNETES_BINDINGS_FROM_ONE_MODULE] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name="require"] > Literal[value=/^@cdktn\\u002Fprovider-aws(\\u002Flib(\\u002Findex(\\.js)?)?)?\\u002F?$/]',
          message: DEEP_IMPORT_ONLY.message,
        },
        {
          selector: 'ImportExpression > Literal[value=/^@cdktn\\u002Fprovider-aws(\\u002Flib(\\u002Findex(\\.js)?)?)?\\u002F?$/]',
          message: DEEP_IMPORT_ONLY.message,
        },
        {
          selector: 'CallExpression[callee.name="require"][arguments.0.type!="Literal"]',
          message: 'require() takes a string literal, so the provider barrel ban and the module boundaries can see it',
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: MAY_USE_TEST_FIXTURES,
    rules: { 'no-restricted-imports': ['error', { paths: PROVIDER_BARREL_PATHS, patterns: [KUBERNETES_BINDINGS_FROM_ONE_MODULE] }] },
  },
  {
    // Environments hold data, not logic: no functions, classes, control flow or runtime imports.
    files: ['environments/**/*.ts'],
    ignores: ['environments/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression', message: 'environments hold data only; put logic in a lib' },
        { selector: 'ClassDeclaration, IfStatement, ForStatement, ForOfStatement, ForInStatement, WhileStatement, SwitchStatement, ConditionalExpression', message: 'environments hold data only; put logic in a lib' },
        { selector: 'ImportDeclaration[importKind!="type"]', message: 'environments may only `import type` from @platform/config' },
        { selector: 'CallExpression, NewExpression, TaggedTemplateExpression', message: 'environments hold data only: no calls (values must be literal and reproducible)' },
        { selector: 'Identifier[name=/^(process|globalThis|require|Math|Date)$/]', message: 'environments hold data only: no process, globals, randomness or clocks' },
      ],
    },
  },
];

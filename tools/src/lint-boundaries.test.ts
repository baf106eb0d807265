import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The module-boundary rules of docs/adr/0005 are enforced by `npm test` (eslint), not by convention. */
const WORKSPACE = path.resolve(__dirname, '../..');

/**
 * Lints snippets as if they were the given files, with the workspace's flat config, in ONE child process
 * (the flat config is ESM, which jest's VM cannot load): the ESLint Node API, loaded and configured once,
 * lints every snippet of this file, instead of one eslint CLI process per snippet.
 */
const LINT_SNIPPETS = `
import { ESLint } from 'eslint';
const snippets = JSON.parse(await new Response(process.stdin).text());
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { code, file } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: file });
  out.push(result.messages.map((m) => m.ruleId + ': ' + m.message));
}
process.stdout.write('\\n@@RESULTS@@' + JSON.stringify(out));
`;

/** Every snippet the tests lint, linted together before the first test. */
const snippets: { readonly code: string; readonly file: string }[] = [];
const results = new Map<string, string[]>();
const keyOf = (code: string, file: string): string => `${file}\u0000${code}`;

/** Registers a snippet (at module load, so all are linted at once) and returns a getter for its rule ids. */
function lint(code: string, file: string): () => string[] {
  snippets.push({ code, file });
  return () => {
    const ids = results.get(keyOf(code, file));
    if (!ids) throw new Error(`snippet for ${file} was not linted`);
    return ids;
  };
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's cached project graph; compute it as `npm test` does.
    spawnSync(path.join(WORKSPACE, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: WORKSPACE, env: { ...process.env, NX_DAEMON: 'false' } });
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SNIPPETS], {
      cwd: WORKSPACE,
      input: JSON.stringify(snippets),
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    // Without a cached project graph the boundary rule is silently skipped; that must fail loudly.
    expect(`${run.stdout}${run.stderr}`).not.toContain('will be skipped');
    const marker = run.stdout.indexOf('@@RESULTS@@');
    if (run.status !== 0 || marker < 0) throw new Error(`linting the snippets failed (exit ${run.status}): ${run.stderr}`);
    const out = JSON.parse(run.stdout.slice(marker + '@@RESULTS@@'.length)) as string[][];
    snippets.forEach(({ code, file }, i) => results.set(keyOf(code, file), out[i]));
  });

  const awsImportsCdk8s = lint("import { Chart } from 'cdk8s';\nexport const c = Chart;\n", 'libs/aws/network/src/bad.ts');
  it('an AWS lib cannot import cdk8s', () => {
    expect(awsImportsCdk8s()).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*platform:aws.* not allowed to import "cdk8s"/),
    ]);
  });

  const k8sImportsCdktn = lint("import { App } from 'cdktn';\nexport const a = App;\n", 'libs/k8s/core/src/bad.ts');
  it('a Kubernetes lib cannot import cdktn', () => {
    expect(k8sImportsCdktn()).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*platform:k8s.* not allowed to import "cdktn"/),
    ]);
  });

  const k8sImportsAwsLib = lint("import { planSubnets } from '@platform/aws-network';\nexport const p = planSubnets;\n", 'libs/k8s/core/src/bad.ts');
  it('a Kubernetes lib cannot import an AWS lib', () => {
    const ids = k8sImportsAwsLib();
    expect(ids).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: .*can only depend on libs tagged with "platform:k8s", "scope:shared"/)]);
  });

  const libImportsApp = lint("import { buildClusterAddons } from '@platform/cluster-addons';\nexport const b = buildClusterAddons;\n", 'libs/k8s/gitops/src/bad.ts');
  it('a library cannot import an app', () => {
    const ids = libImportsApp();
    // Nx reports the cycle (every lib is composed by an app) before the tag rule `type:lib` must not depend on `type:app`
    expect(ids).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  });

  const providerBarrel = lint("import { Vpc } from '@cdktn/provider-aws';\nexport const v = Vpc;\n", 'libs/aws/network/src/bad.ts');
  it('the @cdktn/provider-aws barrel import is an error', () => {
    expect(providerBarrel()).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
  });

  const providerLibBarrel = lint("import * as aws from '@cdktn/provider-aws/lib';\nexport const a = aws;\n", 'libs/aws/network/src/bad.ts');
  const requireOfBarrel = lint("export const a = require('@cdktn/provider-aws');\n", 'libs/aws/network/src/bad.ts');
  it('the lib/ barrel and require() of the barrel are errors too', () => {
    expect(providerLibBarrel()).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
    expect(requireOfBarrel()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: .*deep path/)]),
    );
  });

  const dynamicImportOfBarrel = lint("export const a = import('@cdktn/provider-aws');\n", 'libs/aws/network/src/bad.ts');
  const indexJsOfBarrel = lint("import * as x from '@cdktn/provider-aws/lib/index.js';\nexport const a = x;\n", 'libs/aws/network/src/bad.ts');
  const nonLiteralRequire = lint('const m = "provider-aws";\nexport const a = require(`@cdktn/${m}`);\n', 'libs/aws/network/src/bad.ts');
  it('dynamic import() of the barrel, its index.js and non-literal require() are errors', () => {
    expect(dynamicImportOfBarrel()).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*deep path/),
    ]);
    expect(indexJsOfBarrel()).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
    expect(nonLiteralRequire()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: require\(\) takes a string literal/)]),
    );
  });

  const fixtureImport = "import { fixtureEnvironment } from '@platform/config/testing';\nexport const e = fixtureEnvironment;\n";
  const relativeFixtureImport = "import { fixtureEnvironment } from './testing/fixture-environment';\nexport const e = fixtureEnvironment;\n";
  const fixtureInLib = lint(fixtureImport, 'libs/k8s/gitops/src/bad.ts');
  const relativeFixtureInConfig = lint(relativeFixtureImport, 'libs/config/src/bad.ts');
  const relativeTestHelperInConfig = lint("import { issuesOf } from './testing/config-issues';\nexport const i = issuesOf;\n", 'libs/config/src/bad.ts');
  const relativeTestingIndexInConfig = lint("import { fixtureEnvironment } from './testing';\nexport const e = fixtureEnvironment;\n", 'libs/config/src/bad.ts');
  const fixtureInTest = lint(fixtureImport, 'libs/k8s/gitops/src/bad.test.ts');
  const fixtureInBench = lint(fixtureImport, 'tools/bench/bad.ts');
  const awsTestHelperImport = "import { synthInStack } from '@platform/aws-core/testing';\nexport const s = synthInStack;\n";
  const awsTestHelperInLib = lint(awsTestHelperImport, 'libs/aws/network/src/bad.ts');
  const awsTestHelperInTest = lint(awsTestHelperImport, 'libs/aws/network/src/bad.test.ts');
  it('production code cannot import test fixtures; tests, testing/ helpers and the benchmark can', () => {
    expect(fixtureInLib()).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures are for \*\.test\.ts files/)]);
    expect(relativeFixtureInConfig()).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures/)]);
    // any module of a testing/ folder, not only the fixtures: the config-issues helper, the folder's index
    expect(relativeTestHelperInConfig()).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures/)]);
    expect(relativeTestingIndexInConfig()).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures/)]);
    expect(fixtureInTest()).toEqual([]);
    expect(fixtureInBench()).toEqual([]);
  });

  it('the AWS test helpers (@platform/aws-core/testing) are for tests only', () => {
    expect(awsTestHelperInLib()).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures are for \*\.test\.ts files/)]);
    expect(awsTestHelperInTest()).toEqual([]);
  });

  const plusBindings = "import { KubeConfigMap } from 'cdk8s-plus-34/lib/imports/k8s';\nexport const c = KubeConfigMap;\n";
  const plusBindingsInLib = lint(plusBindings, 'libs/k8s/security/src/bad.ts');
  const plusBindingsInTest = lint(plusBindings, 'libs/k8s/security/src/bad.test.ts');
  it('the Kubernetes API bindings come only through @platform/k8s-imports/k8s, in tests too', () => {
    expect(plusBindingsInLib()).toEqual([expect.stringMatching(/^no-restricted-imports: .*@platform\/k8s-imports\/k8s/)]);
    expect(plusBindingsInTest()).toEqual([expect.stringMatching(/^no-restricted-imports: .*@platform\/k8s-imports\/k8s/)]);
  });

  it.each(['libs/config/src/index.ts', 'libs/aws/core/src/index.ts'])('the production barrel %s exports no test helper', (file) => {
    const barrel = fs.readFileSync(path.join(WORKSPACE, file), 'utf8');
    expect(barrel).not.toMatch(/testing/);
  });

  const envReadsProcess = lint("export const environment = { a: process.env['X'], b: Math.random(), c: new Date() };\n",
      'environments/dev/bad.ts');
  it('environments cannot read the process, clocks or randomness', () => {
    const ids = envReadsProcess();
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-syntax: environments hold data only: no calls/),
        expect.stringMatching(/^no-restricted-syntax: environments hold data only: no process, globals, randomness or clocks/),
      ]),
    );
  });

  const envWithLogic = lint("import { clusterName } from '@platform/config';\nexport const environment = { name: [1].map((x) => x) };\nexport const n = clusterName;\n",
      'environments/dev/bad.ts');
  it('environments hold data only', () => {
    const ids = envWithLogic();
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-syntax: environments may only `import type`/),
        expect.stringMatching(/^no-restricted-syntax: environments hold data only/),
      ]),
    );
  });
});

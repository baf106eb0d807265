import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The module-boundary rules of docs/adr/0005 are enforced by `npm test` (eslint), not by convention. */
const WORKSPACE = path.resolve(__dirname, '../..');

/** Lints `code` as if it were `file`, through the eslint CLI (the flat config is ESM, which jest's VM cannot load). */
async function ruleIds(code: string, file: string): Promise<string[]> {
  const eslint = path.join(WORKSPACE, 'node_modules', '.bin', 'eslint');
  const run = spawnSync(eslint, ['--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: WORKSPACE,
    input: code,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  // Without a cached project graph the boundary rule is silently skipped; that must fail loudly.
  expect(`${run.stdout}${run.stderr}`).not.toContain('will be skipped');
  const [result] = JSON.parse(run.stdout.slice(run.stdout.indexOf('[{'))) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's cached project graph; compute it as `npm test` does.
    spawnSync(path.join(WORKSPACE, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: WORKSPACE, env: { ...process.env, NX_DAEMON: 'false' } });
  });

  it('an AWS lib cannot import cdk8s', async () => {
    expect(await ruleIds("import { Chart } from 'cdk8s';\nexport const c = Chart;\n", 'libs/aws/network/src/bad.ts')).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*platform:aws.* not allowed to import "cdk8s"/),
    ]);
  });

  it('a Kubernetes lib cannot import cdktn', async () => {
    expect(await ruleIds("import { App } from 'cdktn';\nexport const a = App;\n", 'libs/k8s/core/src/bad.ts')).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: .*platform:k8s.* not allowed to import "cdktn"/),
    ]);
  });

  it('a Kubernetes lib cannot import an AWS lib', async () => {
    const ids = await ruleIds("import { planSubnets } from '@platform/aws-network';\nexport const p = planSubnets;\n", 'libs/k8s/core/src/bad.ts');
    expect(ids).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: .*can only depend on libs tagged with "platform:k8s", "scope:shared"/)]);
  });

  it('a library cannot import an app', async () => {
    const ids = await ruleIds("import { buildClusterAddons } from '@platform/cluster-addons';\nexport const b = buildClusterAddons;\n", 'libs/k8s/gitops/src/bad.ts');
    // Nx reports the cycle (every lib is composed by an app) before the tag rule `type:lib` must not depend on `type:app`
    expect(ids).toEqual([expect.stringMatching(/^@nx\/enforce-module-boundaries: /)]);
  });

  it('the @cdktn/provider-aws barrel import is an error', async () => {
    expect(await ruleIds("import { Vpc } from '@cdktn/provider-aws';\nexport const v = Vpc;\n", 'libs/aws/network/src/bad.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
  });

  it('the lib/ barrel and require() of the barrel are errors too', async () => {
    expect(await ruleIds("import * as aws from '@cdktn/provider-aws/lib';\nexport const a = aws;\n", 'libs/aws/network/src/bad.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
    expect(await ruleIds("export const a = require('@cdktn/provider-aws');\n", 'libs/aws/network/src/bad.ts')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: .*deep path/)]),
    );
  });

  it('dynamic import() of the barrel, its index.js and non-literal require() are errors', async () => {
    expect(await ruleIds("export const a = import('@cdktn/provider-aws');\n", 'libs/aws/network/src/bad.ts')).toEqual([
      expect.stringMatching(/^no-restricted-syntax: .*deep path/),
    ]);
    expect(await ruleIds("import * as x from '@cdktn/provider-aws/lib/index.js';\nexport const a = x;\n", 'libs/aws/network/src/bad.ts')).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*deep path/),
    ]);
    expect(await ruleIds('const m = "provider-aws";\nexport const a = require(`@cdktn/${m}`);\n', 'libs/aws/network/src/bad.ts')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^no-restricted-syntax: require\(\) takes a string literal/)]),
    );
  });

  it('production code cannot import test fixtures; tests, testing/ helpers and the benchmark can', async () => {
    const code = "import { fixtureEnvironment } from '@platform/config/testing';\nexport const e = fixtureEnvironment;\n";
    expect(await ruleIds(code, 'libs/k8s/gitops/src/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures are for \*\.test\.ts files/)]);
    const relative = "import { fixtureEnvironment } from './testing/fixture-environment';\nexport const e = fixtureEnvironment;\n";
    expect(await ruleIds(relative, 'libs/config/src/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*Test fixtures/)]);
    expect(await ruleIds(code, 'libs/k8s/gitops/src/bad.test.ts')).toEqual([]);
    expect(await ruleIds(code, 'tools/bench/bad.ts')).toEqual([]);
  });

  it('the Kubernetes API bindings come only through @platform/k8s-imports/k8s, in tests too', async () => {
    const code = "import { KubeConfigMap } from 'cdk8s-plus-34/lib/imports/k8s';\nexport const c = KubeConfigMap;\n";
    expect(await ruleIds(code, 'libs/k8s/security/src/bad.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*@platform\/k8s-imports\/k8s/)]);
    expect(await ruleIds(code, 'libs/k8s/security/src/bad.test.ts')).toEqual([expect.stringMatching(/^no-restricted-imports: .*@platform\/k8s-imports\/k8s/)]);
  });

  it('the production barrel of @platform/config exports no test fixture', () => {
    const barrel = fs.readFileSync(path.join(WORKSPACE, 'libs/config/src/index.ts'), 'utf8');
    expect(barrel).not.toMatch(/testing/);
  });

  it('environments cannot read the process, clocks or randomness', async () => {
    const ids = await ruleIds(
      "export const environment = { a: process.env['X'], b: Math.random(), c: new Date() };\n",
      'environments/dev/bad.ts',
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-syntax: environments hold data only: no calls/),
        expect.stringMatching(/^no-restricted-syntax: environments hold data only: no process, globals, randomness or clocks/),
      ]),
    );
  });

  it('environments hold data only', async () => {
    const ids = await ruleIds(
      "import { clusterName } from '@platform/config';\nexport const environment = { name: [1].map((x) => x) };\nexport const n = clusterName;\n",
      'environments/dev/bad.ts',
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-syntax: environments may only `import type`/),
        expect.stringMatching(/^no-restricted-syntax: environments hold data only/),
      ]),
    );
  });
});

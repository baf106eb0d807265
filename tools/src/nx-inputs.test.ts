import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import picomatch from 'picomatch';

/**
 * Every file validation reads is an input of the environment's synth and validate tasks: a new or
 * changed sibling `environments/<other>/env.ts` (an overlapping CIDR, a copied domain) must re-run
 * them, never replay a cached success.
 */
const WORKSPACE = path.resolve(__dirname, '../..');

type Input = string | Record<string, unknown>;

function effectiveInputs(project: string, target: string): Input[] {
  const nx = path.join(WORKSPACE, 'node_modules', '.bin', 'nx');
  const out = execFileSync(nx, ['show', 'project', project, '--json'], {
    cwd: WORKSPACE,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  const config = JSON.parse(out.slice(out.indexOf('{'))) as { targets: Record<string, { inputs?: Input[] }> };
  return config.targets[target].inputs ?? [];
}

/** File globs of the inputs, named inputs expanded from nx.json, relative to the workspace root. */
function workspaceGlobs(inputs: readonly Input[], projectRoot: string): string[] {
  const named = (JSON.parse(fs.readFileSync(path.join(WORKSPACE, 'nx.json'), 'utf8')) as { namedInputs: Record<string, Input[]> }).namedInputs;
  return inputs.flatMap((input): string[] => {
    if (typeof input !== 'string') return [];
    if (named[input]) return workspaceGlobs(named[input], projectRoot);
    if (input.startsWith('^')) return [];
    return [input.replace('{workspaceRoot}/', '').replace('{projectRoot}', projectRoot)];
  });
}

describe('Nx inputs of synth and validate', () => {
  it.each(['synth', 'validate'])('%s of staging hashes every sibling env.ts, including one just added', (target) => {
    const globs = workspaceGlobs(effectiveInputs('staging', target), 'environments/staging').filter((g) => !g.startsWith('!'));
    const isInput = (file: string): boolean => globs.some((g) => picomatch(g)(file));
    for (const file of ['environments/dev/env.ts', 'environments/prod/env.ts', 'environments/qa/env.ts', 'environments/staging/env.ts']) {
      expect({ file, input: isInput(file) }).toEqual({ file, input: true });
    }
  });

  // golden path: an image bump (images/<env>/*.yaml here, or the GitOps checkout's revision) must re-synthesize
  it('synth of staging hashes the image references and the GitOps checkout revision', () => {
    const inputs = effectiveInputs('staging', 'synth');
    const globs = workspaceGlobs(inputs, 'environments/staging');
    expect(globs.some((g) => picomatch(g)('images/staging/ecotrack-gateway.yaml'))).toBe(true);
    expect(inputs).toEqual(expect.arrayContaining([{ env: 'PLATFORM_IMAGES_DIR' }, expect.objectContaining({ runtime: expect.stringContaining('PLATFORM_GITOPS_CHECKOUT') })]));
  });

  // provenance is recorded at publish time (ADR 0047): the platform repository's own commit must not be a synth
  // input, or a docs-only commit would invalidate every environment's cached synth (issue 17)
  it('synth of staging does not hash the platform repository commit or its docs', () => {
    const inputs = effectiveInputs('staging', 'synth');
    const runtime = inputs.map((i) => (typeof i === 'object' ? i['runtime'] : undefined)).filter((r): r is string => typeof r === 'string');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['PLATFORM_GITOPS_CHECKOUT'];
    const run = (cmd: string, extra: NodeJS.ProcessEnv = {}): string => execFileSync('bash', ['-c', cmd], { cwd: WORKSPACE, encoding: 'utf8', env: { ...env, ...extra } }).trim();
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: WORKSPACE, encoding: 'utf8' }).trim();
    expect(runtime.map((r) => run(r))).toEqual(runtime.map(() => 'no-gitops-checkout'));
    expect(runtime.map((r) => run(r)).join()).not.toContain(head);
    // with a GitOps checkout, its revision (image bumps) is the input
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-checkout-'));
    try {
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: checkout, encoding: 'utf8' }).trim();
      git('init', '-q');
      git('commit', '-q', '--allow-empty', '-m', 'images');
      expect(runtime.map((r) => run(r, { PLATFORM_GITOPS_CHECKOUT: checkout }))).toEqual(runtime.map(() => git('rev-parse', 'HEAD')));
    } finally {
      fs.rmSync(checkout, { recursive: true, force: true });
    }
    const globs = workspaceGlobs(inputs, 'environments/staging');
    const included = (file: string) => globs.filter((g) => !g.startsWith('!')).some((g) => picomatch(g)(file)) && !globs.filter((g) => g.startsWith('!')).some((g) => picomatch(g.slice(1))(file));
    for (const file of ['docs/operations.md', 'README.md', 'docs/adr/0047-provenance-recorded-at-publish-time.md']) expect({ file, input: included(file) }).toEqual({ file, input: false });
  });
});

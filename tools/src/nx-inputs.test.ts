import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
});

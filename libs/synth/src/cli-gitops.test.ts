import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_ENVIRONMENT } from '@platform/config/testing';
import { main } from './cli';
import { git } from './gitops-repo';

/** A git work tree with one commit, standing in for the source repository publish records. */
function sourceRepo(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, ['init', '--quiet', '--initial-branch=main']);
  fs.writeFileSync(path.join(dir, 'README.md'), '# source\n');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'dist/\nenvironments/\n');
  git(dir, ['add', '--all']);
  git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'source']);
  return git(dir, ['rev-parse', 'HEAD']).stdout.trim();
}

describe('platform diff / publish CLI', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-gitops-'));
  const envs = path.join(root, 'environments');
  const dist = path.join(root, 'dist');
  const repo = path.join(root, 'repo.git');
  const workspace = path.join(root, 'source');
  let head = '';
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), environmentsRoot: envs, workspaceRoot: workspace };
  const lastMessage = (): string => git(repo, ['log', '-1', '--format=%B', 'main']).stdout;

  beforeAll(() => {
    head = sourceRepo(workspace);
    fs.mkdirSync(path.join(envs, 'dev'), { recursive: true });
    fs.writeFileSync(path.join(envs, 'dev', 'env.js'), `exports.environment = ${JSON.stringify({ ...FIXTURE_ENVIRONMENT, name: 'dev' })};\n`);
    fs.mkdirSync(repo);
    git(repo, ['init', '--quiet', '--bare', '--initial-branch=main']);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  beforeEach(() => {
    stdout = '';
    stderr = '';
  });

  it('fails diff with a clear message before synth', async () => {
    expect(await main(['diff', 'dev', '--dist', dist, '--repo', repo], io)).toBe(1);
    expect(stderr).toMatch(/^dev: diff failed: .*manifest\.json not found; run `nx synth dev` first/);
  });

  it('prints the real output folder of synth --dist', async () => {
    expect(await main(['synth', 'dev', '--dist', dist], io)).toBe(0);
    expect(stdout).toMatch(new RegExp(`^dev: wrote \\d+ files to ${dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/dev\\n$`));
  });

  it('refuses to publish from a dirty source tree, naming the change and the fix', async () => {
    fs.writeFileSync(path.join(workspace, 'wip.ts'), 'export const x = 1;\n');
    try {
      expect(await main(['publish', 'dev', '--dist', dist, '--repo', repo], io)).toBe(1);
      expect(stderr).toBe(
        'dev: publish refused: the source tree has uncommitted changes (wip.ts), so no commit produces this output. ' +
          'Fix: commit them and re-run `npx nx publish dev`, or pass --allow-dirty to record the commit as <sha>-dirty-<hash of the changes>.\n',
      );
      expect(git(repo, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'], { allowFailure: true }).code).not.toBe(0);
    } finally {
      fs.rmSync(path.join(workspace, 'wip.ts'));
    }
  });

  it('refuses files manifest.json does not list (a stray terraform.tfstate) and changed files', async () => {
    const stray = path.join(dist, 'dev', 'terraform', 'network', 'terraform.tfstate');
    fs.writeFileSync(stray, '{"secrets":"here"}');
    const readme = path.join(dist, 'dev', 'kubernetes', 'apps', 'root.yaml');
    const original = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : undefined;
    if (original !== undefined) fs.writeFileSync(readme, `${original}# edited by hand\n`);
    try {
      expect(await main(['publish', 'dev', '--dist', dist, '--repo', repo, '--skip-validation'], io)).toBe(1);
      expect(stderr).toContain('  terraform/network/terraform.tfstate: not listed in manifest.json');
      if (original !== undefined) expect(stderr).toContain('  kubernetes/apps/root.yaml: changed since synth (sha256 differs from manifest.json)');
      expect(stderr).toContain('Fix: run `npx nx synth dev` again (it replaces dist/dev whole), then publish.');
    } finally {
      fs.rmSync(stray);
      if (original !== undefined) fs.writeFileSync(readme, original);
    }
  });

  it('diffs, publishes through the validation gate with the clean source commit, then reports no changes', async () => {
    expect(await main(['diff', 'dev', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toMatch(/^dev: \d+ added, 0 changed, 0 removed against clusters\/dev\/ at main/);
    expect(await main(['publish', 'dev', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toMatch(/dev: published clusters\/dev\/ to main as [0-9a-f]{12}/);
    expect(lastMessage()).toContain(`Source-Commit: ${head}\nValidation: passed\n`);
    stdout = '';
    expect(await main(['diff', 'dev', '--full', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toBe('dev: no changes against clusters/dev/ at main\n');
  }, 60_000);

  it('refuses to publish a tree validation rejects (a chart version that does not exist), and --skip-validation says so in the commit', async () => {
    // Its own environments folder: env files are loaded once per process (require cache).
    const badEnvs = path.join(root, 'environments-bad');
    const badDist = path.join(root, 'dist-bad');
    fs.mkdirSync(path.join(badEnvs, 'dev'), { recursive: true });
    const bad = { ...FIXTURE_ENVIRONMENT, name: 'dev', addons: { ...FIXTURE_ENVIRONMENT.addons, chartVersions: { 'argo-cd': '99.99.99' } } };
    fs.writeFileSync(path.join(badEnvs, 'dev', 'env.js'), `exports.environment = ${JSON.stringify(bad)};\n`);
    const badIo = { ...io, environmentsRoot: badEnvs };
    expect(await main(['synth', 'dev', '--dist', badDist], badIo)).toBe(0);
    const before = git(repo, ['rev-parse', 'refs/heads/main']).stdout;
    expect(await main(['publish', 'dev', '--dist', badDist, '--repo', repo], badIo)).toBe(1);
    expect(stderr).toMatch(/^dev: publish refused: validation found \d+ errors? in the tree it would push:\n/);
    expect(stderr).toContain('HELM-CHART-001');
    expect(stderr).toContain('Fix: run `npx nx validate dev`, fix the findings, then publish again.');
    expect(git(repo, ['rev-parse', 'refs/heads/main']).stdout).toBe(before);
    stderr = '';
    expect(await main(['publish', 'dev', '--dist', badDist, '--repo', repo, '--skip-validation'], badIo)).toBe(0);
    expect(stderr).toBe('dev: WARNING: --skip-validation: publishing WITHOUT the validation gate; the commit message says so\n');
    expect(lastMessage()).toContain('Validation: SKIPPED (--skip-validation): this tree was NOT validated\n');
  }, 60_000);

  it('records <sha>-dirty-<hash> with --allow-dirty, and re-publishes when only that provenance changes', async () => {
    const fresh = path.join(root, 'fresh.git');
    fs.mkdirSync(fresh);
    git(fresh, ['init', '--quiet', '--bare', '--initial-branch=main']);
    const message = (): string => git(fresh, ['log', '-1', '--format=%B', 'main']).stdout;
    fs.writeFileSync(path.join(workspace, 'wip.ts'), 'export const x = 1;\n');
    try {
      expect(await main(['publish', 'dev', '--dist', dist, '--repo', fresh, '--allow-dirty', '--skip-validation'], io)).toBe(0);
      expect(message()).toMatch(new RegExp(`Source-Commit: ${head}-dirty-[0-9a-f]{12}\\n`));
    } finally {
      fs.rmSync(path.join(workspace, 'wip.ts'));
    }
    stdout = '';
    expect(await main(['publish', 'dev', '--dist', dist, '--repo', fresh, '--skip-validation'], io)).toBe(0);
    expect(stdout).toMatch(/^dev: published clusters\/dev\/ to main/);
    expect(message()).toContain(`Source-Commit: ${head}\n`);
    stdout = '';
    expect(await main(['publish', 'dev', '--dist', dist, '--repo', fresh, '--skip-validation'], io)).toBe(0);
    expect(stdout).toMatch(/^dev: nothing to publish/);
  });

  it('rejects --full outside diff, publish flags outside publish, and unknown commands', async () => {
    expect(await main(['publish', 'dev', '--full'], io)).toBe(2);
    expect(await main(['synth', 'dev', '--allow-dirty'], io)).toBe(2);
    expect(await main(['diff', 'dev', '--skip-validation'], io)).toBe(2);
    expect(await main(['deploy', 'dev'], io)).toBe(2);
    expect(stderr).toContain('platform diff <env> [--full] [--all] [--repo <url|path>]');
  });
});

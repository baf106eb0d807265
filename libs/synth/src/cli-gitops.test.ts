import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURE_ENVIRONMENT } from '@platform/config';
import { main } from './cli';
import { git } from './gitops-repo';

describe('platform diff / publish CLI', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-gitops-'));
  const envs = path.join(root, 'environments');
  const dist = path.join(root, 'dist');
  const repo = path.join(root, 'repo.git');
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), environmentsRoot: envs };

  beforeAll(() => {
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

  it('diffs, publishes, then reports no changes', async () => {
    expect(await main(['synth', 'dev', '--dist', dist], io)).toBe(0);
    stdout = '';
    expect(await main(['diff', 'dev', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toMatch(/^dev: \d+ added, 0 changed, 0 removed against clusters\/dev\/ at main/);
    expect(await main(['publish', 'dev', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toMatch(/dev: published clusters\/dev\/ to main as [0-9a-f]{12}/);
    stdout = '';
    expect(await main(['diff', 'dev', '--full', '--dist', dist, '--repo', repo], io)).toBe(0);
    expect(stdout).toBe('dev: no changes against clusters/dev/ at main\n');
  });

  it('rejects --full outside diff and unknown commands', async () => {
    expect(await main(['publish', 'dev', '--full'], io)).toBe(2);
    expect(await main(['deploy', 'dev'], io)).toBe(2);
    expect(stderr).toContain('platform diff <env> [--full] [--repo <url|path>]');
  });
});

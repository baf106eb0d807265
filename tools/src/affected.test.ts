import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * `nx affected` on a temporary git repository holding a copy of this workspace: a change to one
 * environment's project.json re-synthesizes only that environment; a change to an env.ts reaches
 * every environment, because each validates the whole set (an overlapping CIDR or a copied domain
 * in one fails the others), so every env.ts is an input of every synth and validate; a change in a
 * shared lib reaches all.
 */
const WORKSPACE = path.resolve(__dirname, '../..');
const ENVIRONMENTS = ['dev', 'prod', 'staging'];

function sh(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', NX_TUI: 'false' },
  });
}

function affectedEnvironments(repo: string): string[] {
  const nx = path.join(WORKSPACE, 'node_modules', '.bin', 'nx');
  const out = sh(nx, ['show', 'projects', '--affected', '--base=HEAD~1', '--head=HEAD', '--json'], repo);
  const projects = JSON.parse(out.slice(out.indexOf('['))) as string[];
  return projects.filter((p) => ENVIRONMENTS.includes(p)).sort();
}

function commitAll(repo: string, message: string): void {
  sh('git', ['add', '-A'], repo);
  sh('git', ['-c', 'user.email=test@platform.local', '-c', 'user.name=test', 'commit', '-q', '-m', message], repo);
}

describe('nx affected', () => {
  let repo: string;

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'affected-'));
    const files = sh('git', ['ls-files', '-co', '--exclude-standard'], WORKSPACE).split('\n').filter(Boolean);
    for (const file of files) {
      const src = path.join(WORKSPACE, file);
      // Deleted-but-tracked files, and untracked symlinks/folders such as a linked node_modules.
      if (!fs.existsSync(src) || !fs.lstatSync(src).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.copyFileSync(src, path.join(repo, file));
    }
    fs.symlinkSync(path.join(WORKSPACE, 'node_modules'), path.join(repo, 'node_modules'));
    sh('git', ['init', '-q', '-b', 'main'], repo);
    commitAll(repo, 'baseline');
  });

  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('a change confined to environments/dev/project.json affects only dev', () => {
    const projectFile = path.join(repo, 'environments/dev/project.json');
    const project = JSON.parse(fs.readFileSync(projectFile, 'utf8')) as { tags: string[] };
    fs.writeFileSync(projectFile, `${JSON.stringify({ ...project, tags: [...project.tags, 'tier:dev'] }, null, 2)}\n`);
    commitAll(repo, 'dev: tag');
    expect(affectedEnvironments(repo)).toEqual(['dev']);
  });

  it('a change to environments/dev/env.ts affects every environment (each validates the set)', () => {
    const envFile = path.join(repo, 'environments/dev/env.ts');
    fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace('flowLogRetentionDays: 14', 'flowLogRetentionDays: 30'));
    commitAll(repo, 'dev: longer flow log retention');
    expect(affectedEnvironments(repo)).toEqual(ENVIRONMENTS);
  });

  it('a change in a shared lib affects every environment', () => {
    const naming = path.join(repo, 'libs/config/src/naming.ts');
    fs.appendFileSync(naming, '\n// shared change\n');
    commitAll(repo, 'config: shared change');
    expect(affectedEnvironments(repo)).toEqual(ENVIRONMENTS);
  });
});

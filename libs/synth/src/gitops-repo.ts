import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareCodeUnits } from '@platform/validation/render';

/** Environment variable naming the GitOps repo (local path or git URL) when `--repo` is not given. */
export const GITOPS_REPO_ENV = 'PLATFORM_GITOPS_REPO';

/** The embedded default GitOps repo (ADR 0012): a local bare repo, gitignored. */
export function defaultGitopsRepo(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.gitops', 'repo.git');
}

/** Committer identity of `publish`; overridable with the standard GIT_* variables. */
export const PUBLISH_IDENTITY = { name: 'platform-publish', email: 'platform-publish@users.noreply.local' } as const;

/** Runs git and returns trimmed stdout. @throws Error with git's stderr and the command */
export function git(cwd: string, args: readonly string[], options: { readonly allowFailure?: boolean } = {}): { readonly code: number; readonly stdout: string } {
  try {
    const stdout = execFileSync('git', [...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      maxBuffer: 256 * 1024 * 1024,
    }).toString();
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { status?: number; stdout?: Buffer; stderr?: Buffer };
    if (options.allowFailure) return { code: e.status ?? 1, stdout: e.stdout?.toString() ?? '' };
    throw new Error(`git ${args.join(' ')} failed (exit ${e.status ?? '?'}): ${e.stderr?.toString().trim() ?? ''}`, { cause: err });
  }
}

/**
 * The repo to use: `--repo`, else `$PLATFORM_GITOPS_REPO`, else the local bare repo under the
 * workspace, created with `branch` as its initial branch on first use.
 */
export function resolveGitopsRepo(option: string | undefined, workspaceRoot: string, branch: string): string {
  const explicit = option ?? process.env[GITOPS_REPO_ENV];
  if (explicit) return explicit;
  const repo = defaultGitopsRepo(workspaceRoot);
  if (!fs.existsSync(path.join(repo, 'HEAD'))) {
    fs.mkdirSync(repo, { recursive: true });
    git(repo, ['init', '--quiet', '--bare', `--initial-branch=${branch}`]);
  }
  return repo;
}

/** A temporary clone of the GitOps repo at one branch (an empty orphan branch when it does not exist yet). */
export interface GitopsClone {
  readonly dir: string;
  readonly branch: string;
  /** False when the branch did not exist on the remote. */
  readonly branchExisted: boolean;
  readonly dispose: () => void;
}

/**
 * Clones `repo` (path or URL) into a temp dir and checks out `branch`.
 * @throws Error with git's message when the repo cannot be cloned
 */
export function cloneGitopsRepo(repo: string, branch: string): GitopsClone {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-gitops-'));
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    git(dir, ['clone', '--quiet', '--no-checkout', repo, '.']);
    const remote = git(dir, ['ls-remote', '--heads', 'origin', branch]).stdout.trim();
    if (remote) {
      git(dir, ['checkout', '--quiet', '-B', branch, `origin/${branch}`]);
    } else {
      git(dir, ['checkout', '--quiet', '--orphan', branch]);
      git(dir, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
    }
    return { dir, branch, branchExisted: remote !== '', dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

/** Every file below `root` as `relative path -> content` (`/`-separated, in code-unit order); empty when `root` does not exist. */
export function readTree(root: string): Map<string, string> {
  if (!fs.existsSync(root)) return new Map();
  const files = fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const abs = path.join(entry.parentPath, entry.name);
      return { abs, rel: path.relative(root, abs).split(path.sep).join('/') };
    })
    .sort((a, b) => compareCodeUnits(a.rel, b.rel));
  return new Map(files.map(({ abs, rel }) => [rel, fs.readFileSync(abs, 'utf8')]));
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type EnvironmentConfig, gitopsEnvPath } from '@platform/config';
import { diffTrees, type EnvironmentDiff, formatDiff, fullTextDiff, MANIFEST_FILE, manifestWithoutSourceCommit, readDiffSides } from './diff';
import { cloneGitopsRepo, git, PUBLISH_IDENTITY, resolveGitopsRepo } from './gitops-repo';
import type { SynthManifest } from './manifest';

export interface GitopsOptions {
  /** Folder holding `dist/<env>`. */
  readonly distRoot: string;
  /** Workspace root (location of the default local bare repo). */
  readonly workspaceRoot: string;
  /** GitOps repo path or URL. @default $PLATFORM_GITOPS_REPO, else `<workspace>/.gitops/repo.git` */
  readonly repo?: string;
}

export interface DiffResult {
  readonly repo: string;
  readonly diff: EnvironmentDiff;
  /** Summary text; with `full`, followed by the line diff. */
  readonly report: string;
}

export interface PublishResult {
  readonly repo: string;
  readonly diff: EnvironmentDiff;
  /** The new commit, or undefined when nothing changed. */
  readonly commit?: string;
  readonly report: string;
}

function distEnvDir(env: EnvironmentConfig, distRoot: string): { readonly dir: string; readonly manifest: SynthManifest } {
  const dir = path.join(distRoot, env.name);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${env.name}: ${path.relative(process.cwd(), manifestFile) || manifestFile} not found; run \`nx synth ${env.name}\` first`);
  return { dir, manifest: JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as SynthManifest };
}

/**
 * `nx diff <env>`: compares `dist/<env>` with `<basePath>/<env>/` of the GitOps repo at
 * `gitops.targetRevision`, at resource level (ADR 0012); `full` appends the line diff.
 * @throws Error when `dist/<env>` was not synthesized or the repo cannot be cloned
 */
export function diffEnvironment(env: EnvironmentConfig, options: GitopsOptions & { readonly full?: boolean }): DiffResult {
  const { dir } = distEnvDir(env, options.distRoot);
  const branch = env.gitops.targetRevision;
  const repo = resolveGitopsRepo(options.repo, options.workspaceRoot, branch);
  const clone = cloneGitopsRepo(repo, branch);
  try {
    const { before, after } = readDiffSides(clone.dir, gitopsEnvPath(env), dir);
    const diff = diffTrees(before, after);
    const target = `${gitopsEnvPath(env)}/ at ${branch}`;
    const report = formatDiff(env.name, target, diff) + (options.full ? fullTextDiff(before, after) : '');
    return { repo, diff, report };
  } finally {
    clone.dispose();
  }
}

/**
 * True when the trees are identical except `sourceCommit` in manifest.json: a source change that
 * does not change the output is not worth a GitOps commit (ArgoCD would sync nothing).
 */
export function onlySourceCommitMoved(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): boolean {
  if (before.size !== after.size) return false;
  for (const [file, content] of after) {
    const old = before.get(file);
    if (old === content) continue;
    if (file !== MANIFEST_FILE || old === undefined) return false;
    if (JSON.stringify(manifestWithoutSourceCommit(old)) !== JSON.stringify(manifestWithoutSourceCommit(content))) return false;
  }
  return true;
}

/** Push attempts; between two, the clone is rebased on the remote branch (other environments publish concurrently). */
export const PUSH_ATTEMPTS = 3;

/**
 * `nx publish <env>`: replaces exactly `<basePath>/<env>/` in a clone of the GitOps repo with
 * `dist/<env>`, commits only when something changed (message carries the source commit from
 * manifest.json; a new source commit alone is not a change) and pushes to `gitops.targetRevision`.
 * Other folders are never touched.
 * @throws Error when `dist/<env>` was not synthesized, or git fails (e.g. push rejected 3 times)
 */
export function publishEnvironment(env: EnvironmentConfig, options: GitopsOptions): PublishResult {
  const { dir, manifest } = distEnvDir(env, options.distRoot);
  const branch = env.gitops.targetRevision;
  const envPath = gitopsEnvPath(env);
  const repo = resolveGitopsRepo(options.repo, options.workspaceRoot, branch);
  const clone = cloneGitopsRepo(repo, branch);
  try {
    const { before, after } = readDiffSides(clone.dir, envPath, dir);
    const diff = diffTrees(before, after);
    if (onlySourceCommitMoved(before, after)) {
      return { repo, diff: { added: [], changed: [], removed: [] }, report: `${env.name}: nothing to publish, ${envPath}/ at ${branch} differs only in manifest.json sourceCommit\n` };
    }
    const target = path.join(clone.dir, envPath);
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(dir, target, { recursive: true });
    git(clone.dir, ['add', '--all', '--', envPath]);
    const staged = git(clone.dir, ['diff', '--cached', '--quiet'], { allowFailure: true }).code !== 0;
    if (!staged) return { repo, diff, report: `${env.name}: nothing to publish, ${envPath}/ at ${branch} is up to date\n` };
    const message = `${env.name}: publish ${manifest.sourceCommit}\n\n${formatDiff(env.name, `${envPath}/`, diff).trimEnd()}\n\nSource-Commit: ${manifest.sourceCommit}\n`;
    const identity = [
      '-c',
      `user.name=${process.env['GIT_AUTHOR_NAME'] ?? PUBLISH_IDENTITY.name}`,
      '-c',
      `user.email=${process.env['GIT_AUTHOR_EMAIL'] ?? PUBLISH_IDENTITY.email}`,
    ];
    git(clone.dir, [...identity, 'commit', '--quiet', '--no-verify', '-m', message]);
    for (let attempt = 1; ; attempt++) {
      const pushed = git(clone.dir, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`], { allowFailure: attempt < PUSH_ATTEMPTS });
      if (pushed.code === 0) break;
      git(clone.dir, [...identity, 'pull', '--quiet', '--rebase', 'origin', branch]);
    }
    const commit = git(clone.dir, ['rev-parse', 'HEAD']).stdout.trim();
    return { repo, diff, commit, report: `${env.name}: published ${envPath}/ to ${branch} as ${commit.slice(0, 12)}\n${formatDiff(env.name, `${envPath}/`, diff)}` };
  } finally {
    clone.dispose();
  }
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type EnvironmentConfig, gitopsEnvPath } from '@platform/config';
import { diffTrees, type EnvironmentDiff, formatDiff, fullTextDiff, MANIFEST_FILE, manifestWithoutSourceCommit, readDiffSides } from './diff';
import { resolveUpstreamDir, validateEnvironment } from '@platform/validation';
import { cloneGitopsRepo, git, PUBLISH_IDENTITY, readTree, resolveGitopsRepo } from './gitops-repo';
import { resolveInside } from './path-guard';
import { DIRTY_MARKER, publishSourceCommit } from './provenance';
import { readVerifiedDist } from './verified-dist';
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

/** The clone's `<basePath>/<env>/`, refused when it resolves outside the clone (defence in depth behind the schema). */
function envFolderInClone(cloneDir: string, envPath: string): string {
  return resolveInside(cloneDir, envPath, 'gitops.basePath/<env>');
}

/**
 * The tree publish pushes: the verified files of `dist/<env>` and its manifest.json with the
 * publish-time `sourceCommit` (ADR 0047), placed after `kubernetesVersion`.
 */
function publishTree(dir: string, manifest: SynthManifest, envName: string, commit: string): Map<string, string> {
  const files = readVerifiedDist(dir, manifest, envName);
  const withCommit: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (key === 'sourceCommit') continue;
    withCommit[key] = value;
    if (key === 'kubernetesVersion') withCommit['sourceCommit'] = commit;
  }
  if (!('sourceCommit' in withCommit)) withCommit['sourceCommit'] = commit;
  files.set(MANIFEST_FILE, `${JSON.stringify(withCommit, null, 2)}\n`);
  return files;
}

/** Writes `tree` below `root` (which must not exist yet). */
function writeTree(root: string, tree: ReadonlyMap<string, string>): void {
  for (const [rel, content] of tree) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/**
 * The validation gate of publish: `nx validate`'s checks on the tree about to be pushed.
 * @returns one line per error (empty when the tree passes)
 */
export type PublishGate = (distRoot: string, envName: string) => readonly string[];

/** The offline validation gate (`@platform/validation`), with the reference data `nx validate` uses. */
export function validationGate(): PublishGate {
  return (distRoot, envName) => {
    const upstreamDir = resolveUpstreamDir(undefined, { cwd: process.cwd() });
    return validateEnvironment(distRoot, envName, { upstreamDir }, 'publish').findings.map((f) => [f.file, f.object, f.path, f.rule, f.message].join('  '));
  };
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
    envFolderInClone(clone.dir, gitopsEnvPath(env));
    const { before, after } = readDiffSides(clone.dir, gitopsEnvPath(env), dir);
    const diff = diffTrees(before, after);
    const target = `${gitopsEnvPath(env)}/ at ${branch}`;
    const report = formatDiff(env.name, target, diff) + (options.full ? fullTextDiff(withoutSourceCommit(before), withoutSourceCommit(after)) : '');
    return { repo, diff, report };
  } finally {
    clone.dispose();
  }
}

/** The tree with manifest.json's `sourceCommit` removed (publish-time provenance is not an output change). */
function withoutSourceCommit(tree: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(tree);
  const manifest = tree.get(MANIFEST_FILE);
  const parsed = manifest === undefined ? undefined : manifestOf(manifest);
  if (parsed) {
    delete parsed['sourceCommit'];
    out.set(MANIFEST_FILE, `${JSON.stringify(parsed, null, 2)}\n`);
  }
  return out;
}

function manifestOf(text: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the trees are identical except `sourceCommit` in manifest.json: a source change that
 * does not change the output is not worth a GitOps commit (ArgoCD would sync nothing). Not when the
 * published commit is a `-dirty-` one: then the provenance itself is the change, and the clean
 * commit is published (ADR 0047).
 */
export function onlySourceCommitMoved(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): boolean {
  if (before.size !== after.size) return false;
  for (const [file, content] of after) {
    const old = before.get(file);
    if (old === content) continue;
    if (file !== MANIFEST_FILE || old === undefined) return false;
    if (String((manifestOf(old) ?? {})['sourceCommit']).includes(DIRTY_MARKER)) return false;
    if (JSON.stringify(manifestWithoutSourceCommit(old)) !== JSON.stringify(manifestWithoutSourceCommit(content))) return false;
  }
  return true;
}

/** Push attempts; between two, the clone is rebased on the remote branch (other environments publish concurrently). */
export const PUSH_ATTEMPTS = 3;

export interface PublishOptions extends GitopsOptions {
  /** Source commit to record. @default `publishSourceCommit(workspaceRoot, env, allowDirty)` */
  readonly sourceCommit?: string;
  /** Publish from a tree with uncommitted changes, recording `<sha>-dirty-<hash>`. @default false */
  readonly allowDirty?: boolean;
  /**
   * Push without the validation gate. Written into the commit message (`Validation: SKIPPED`).
   * @default false
   */
  readonly skipValidation?: boolean;
  /** The validation gate. @default validationGate() */
  readonly gate?: PublishGate;
}

/**
 * `nx publish <env>`: replaces exactly `<basePath>/<env>/` in a clone of the GitOps repo with the
 * files manifest.json lists (sha256-checked, nothing else), after the validation gate passed on
 * exactly that tree; commits only when something changed (the message carries the publish-time
 * source commit; a new source commit alone is not a change unless the published one was dirty) and
 * pushes to `gitops.targetRevision`. Other folders are never touched.
 * @throws Error when `dist/<env>` was not synthesized or differs from its manifest, the source tree is
 *   dirty, validation finds errors, the target leaves the clone, or git fails (e.g. push rejected 3 times)
 */
export function publishEnvironment(env: EnvironmentConfig, options: PublishOptions): PublishResult {
  const { dir, manifest } = distEnvDir(env, options.distRoot);
  const commitId = options.sourceCommit ?? publishSourceCommit(options.workspaceRoot, env.name, options.allowDirty === true);
  const tree = publishTree(dir, manifest, env.name, commitId);
  const checked = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-publish-'));
  try {
    writeTree(path.join(checked, env.name), tree);
    if (!options.skipValidation) {
      const errors = (options.gate ?? validationGate())(checked, env.name);
      if (errors.length > 0) {
        throw new Error(
          `publish refused: validation found ${errors.length} error${errors.length === 1 ? '' : 's'} in the tree it would push:\n${errors.map((e) => `  ${e}`).join('\n')}\nFix: run \`npx nx validate ${env.name}\`, fix the findings, then publish again.`,
        );
      }
    }
    return pushTree(env, options, tree, commitId);
  } finally {
    fs.rmSync(checked, { recursive: true, force: true });
  }
}

/** Thrown when another publisher changed `<basePath>/<env>/` meanwhile and the rebase conflicts. */
export class PublishConflictError extends Error {
  constructor(envPath: string, branch: string, envName: string) {
    super(
      `publish refused: someone else changed ${envPath}/ on ${branch} while this publish ran, and the changes conflict. ` +
        `Nothing was pushed and the GitOps repo is unchanged by this run. Fix: pull the latest source (git pull), run \`npx nx synth ${envName}\` and publish again.`,
    );
    this.name = 'PublishConflictError';
  }
}

function pushTree(env: EnvironmentConfig, options: PublishOptions, tree: ReadonlyMap<string, string>, commitId: string): PublishResult {
  const branch = env.gitops.targetRevision;
  const envPath = gitopsEnvPath(env);
  const repo = resolveGitopsRepo(options.repo, options.workspaceRoot, branch);
  const clone = cloneGitopsRepo(repo, branch);
  try {
    const target = envFolderInClone(clone.dir, envPath);
    const before = readTree(target);
    const diff = diffTrees(before, tree);
    if (onlySourceCommitMoved(before, tree)) {
      return { repo, diff: { added: [], changed: [], removed: [] }, report: `${env.name}: nothing to publish, ${envPath}/ at ${branch} differs only in manifest.json sourceCommit\n` };
    }
    fs.rmSync(target, { recursive: true, force: true });
    writeTree(target, tree);
    git(clone.dir, ['add', '--all', '--', envPath]);
    const staged = git(clone.dir, ['diff', '--cached', '--quiet'], { allowFailure: true }).code !== 0;
    if (!staged) return { repo, diff, report: `${env.name}: nothing to publish, ${envPath}/ at ${branch} is up to date\n` };
    const validation = options.skipValidation ? 'SKIPPED (--skip-validation): this tree was NOT validated' : 'passed';
    const message = `${env.name}: publish ${commitId}\n\n${formatDiff(env.name, `${envPath}/`, diff).trimEnd()}\n\nSource-Commit: ${commitId}\nValidation: ${validation}\n`;
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
      const rebased = git(clone.dir, [...identity, 'pull', '--quiet', '--rebase', 'origin', branch], { allowFailure: true });
      if (rebased.code !== 0) throw new PublishConflictError(envPath, branch, env.name);
    }
    const commit = git(clone.dir, ['rev-parse', 'HEAD']).stdout.trim();
    return { repo, diff, commit, report: `${env.name}: published ${envPath}/ to ${branch} as ${commit.slice(0, 12)}\n${formatDiff(env.name, `${envPath}/`, diff)}` };
  } finally {
    clone.dispose();
  }
}

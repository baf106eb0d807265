import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitopsEnvPath } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { parseAllDocuments } from 'yaml';
import { diffTrees, formatDiff } from './diff';
import { cloneGitopsRepo, defaultGitopsRepo, git, readTree, resolveGitopsRepo } from './gitops-repo';
import { diffEnvironment, publishEnvironment } from './publish';
import { synthEnvironment } from './synth-environment';

const tmp = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

function bareRepo(): string {
  const dir = tmp('gitops-bare-');
  git(dir, ['init', '--quiet', '--bare', '--initial-branch=main']);
  return dir;
}

/** Commits `files` to `branch` of `repo` as another publisher would. */
function commitFiles(repo: string, files: Record<string, string>): void {
  const clone = cloneGitopsRepo(repo, 'main');
  try {
    for (const [f, c] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(clone.dir, f)), { recursive: true });
      fs.writeFileSync(path.join(clone.dir, f), c);
    }
    git(clone.dir, ['add', '--all']);
    git(clone.dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'other']);
    git(clone.dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
  } finally {
    clone.dispose();
  }
}

/**
 * The fixture environment and its no-spot variant, each synthesized once for the whole file (about a second of CPU
 * each) and copied into a test's dist folder: synth is deterministic, and one test below re-synthesizes on purpose.
 */
const FIXTURE = fixtureEnvironment();
const FIXTURE_NO_SPOT = { ...FIXTURE, karpenter: { ...FIXTURE.karpenter, spot: undefined } };
let synthesized: Promise<{ readonly env: string; readonly noSpot: string }> | undefined;
afterAll(async () => {
  if (!synthesized) return;
  const { env, noSpot } = await synthesized;
  for (const d of [env, noSpot]) fs.rmSync(d, { recursive: true, force: true });
});

async function synthInto(variant: 'env' | 'noSpot', distRoot: string): Promise<void> {
  synthesized ??= (async () => {
    const env = tmp('gitops-synth-env-');
    const noSpot = tmp('gitops-synth-nospot-');
    await synthEnvironment(FIXTURE, { distRoot: env });
    await synthEnvironment(FIXTURE_NO_SPOT, { distRoot: noSpot });
    return { env, noSpot };
  })();
  fs.cpSync((await synthesized)[variant], distRoot, { recursive: true });
}

function headOf(repo: string): string {
  return git(repo, ['rev-parse', 'refs/heads/main']).stdout.trim();
}

function publishedTree(repo: string): Map<string, string> {
  const clone = cloneGitopsRepo(repo, 'main');
  try {
    return readTree(clone.dir);
  } finally {
    clone.dispose();
  }
}

describe('publish and diff against a real GitOps repo', () => {
  const env = FIXTURE;
  const workspace = tmp('gitops-ws-');
  const distA = tmp('gitops-dist-a-');
  const distB = tmp('gitops-dist-b-');
  const repo = bareRepo();
  const others = { 'clusters/other/kubernetes/apps/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', 'README.md': '# gitops\n' };

  beforeAll(async () => {
    await synthInto('env', distA);
    await synthInto('noSpot', distB);
    commitFiles(repo, others);
  });

  afterAll(() => {
    for (const d of [workspace, distA, distB, repo]) fs.rmSync(d, { recursive: true, force: true });
  });

  /** The validation gate is tested on its own below (it needs the reference data and takes seconds). */
  const passingGate = (): readonly string[] => [];
  const sourceCommitOf = (distRoot: string): string => ({ [distA]: 'abc123', [distB]: 'def456' })[distRoot] ?? 'fff999';
  const opts = (distRoot: string) => ({ distRoot, workspaceRoot: workspace, repo, sourceCommit: sourceCommitOf(distRoot), gate: passingGate });

  it('reports every object as added before the first publish', () => {
    const { diff, report } = diffEnvironment(env, opts(distA));
    expect(diff.changed).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.added.map((e) => e.id)).toEqual(expect.arrayContaining(['argoproj.io/v1alpha1/Application/argocd/karpenter', 'karpenter.sh/v1/NodePool/-/general-spot']));
    expect(diff.added.some((e) => e.kind === 'terraform' && /^pod-iam: aws_eks_pod_identity_association\./.test(e.id))).toBe(true);
    expect(report).toContain('+ [kubernetes] karpenter.sh/v1/NodePool/-/general-spot');
  });

  it('commits exactly <basePath>/<env>/ with the source commit, leaving other folders untouched', () => {
    const before = headOf(repo);
    const result = publishEnvironment(env, opts(distA));
    expect(result.commit).toBeDefined();
    expect(headOf(repo)).toBe(result.commit);
    expect(git(repo, ['log', '-1', '--format=%B', 'main']).stdout).toContain('Source-Commit: abc123');
    const changedPaths = git(repo, ['diff', '--name-only', before, 'main']).stdout.trim().split('\n');
    expect(changedPaths.every((p) => p.startsWith('clusters/test/'))).toBe(true);
    const tree = publishedTree(repo);
    for (const [f, c] of Object.entries(others)) expect(tree.get(f)).toBe(c);
    const published = JSON.parse(tree.get('clusters/test/manifest.json') ?? '{}') as Record<string, unknown>;
    const synthesized = JSON.parse(fs.readFileSync(path.join(distA, 'test', 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(published).toEqual({ ...synthesized, sourceCommit: 'abc123' });
    expect(Object.keys(published).slice(0, 4)).toEqual(['schemaVersion', 'environment', 'kubernetesVersion', 'sourceCommit']);
  });

  it('then diff reports no changes, and a second publish makes no commit', () => {
    const { diff, report } = diffEnvironment(env, opts(distA));
    expect(diff).toEqual({ added: [], changed: [], removed: [] });
    expect(report).toBe('test: no changes against clusters/test/ at main\n');
    const head = headOf(repo);
    expect(publishEnvironment(env, opts(distA)).commit).toBeUndefined();
    expect(headOf(repo)).toBe(head);
  });

  it('makes no commit, and diff reports no change, when only the source commit moved', async () => {
    const distC = tmp('gitops-dist-c-');
    try {
      await synthEnvironment(env, { distRoot: distC });
      const head = headOf(repo);
      expect(publishEnvironment(env, opts(distC)).commit).toBeUndefined();
      expect(headOf(repo)).toBe(head);
      const { diff, report } = diffEnvironment(env, opts(distC));
      expect(diff).toEqual({ added: [], changed: [], removed: [] });
      expect(report).toBe('test: no changes against clusters/test/ at main\n');
    } finally {
      fs.rmSync(distC, { recursive: true, force: true });
    }
  });

  it('points every published Application path at a folder of the published tree', () => {
    const tree = publishedTree(repo);
    const dirs = new Set([...tree.keys()].map((f) => path.posix.dirname(f)));
    const apps = [...tree.entries()].filter(([f]) => f.startsWith('clusters/test/kubernetes/'));
    let paths = 0;
    for (const [, content] of apps) {
      for (const doc of parseAllDocuments(content)) {
        const o = doc.toJS() as { kind?: string; spec?: { source?: { path?: string }; sources?: { path?: string }[] } } | null;
        if (o?.kind !== 'Application') continue;
        // single-source and multi-source (chart + manifests folder) Applications
        for (const source of [...(o.spec?.source ? [o.spec.source] : []), ...(o.spec?.sources ?? [])]) {
          if (!source.path) continue;
          paths += 1;
          expect({ path: source.path, exists: dirs.has(source.path) }).toEqual({ path: source.path, exists: true });
        }
      }
    }
    // root (apps/ and its own bootstrap file), baseline, tekton-builds, and the manifests sources of karpenter,
    // tekton-operator, velero, kube-prometheus-stack (platform rules) and grafana (dashboards)
    expect(paths).toBe(9);
  });

  it('removes a resource that synth no longer produces', () => {
    const { diff } = diffEnvironment(FIXTURE_NO_SPOT, opts(distB));
    expect(diff.removed.map((e) => e.id)).toContain('karpenter.sh/v1/NodePool/-/general-spot');
    const full = diffEnvironment(FIXTURE_NO_SPOT, { ...opts(distB), full: true }).report;
    expect(full).toContain('-  name: general-spot');
    expect(publishEnvironment(FIXTURE_NO_SPOT, opts(distB)).commit).toBeDefined();
    const pools = publishedTree(repo).get('clusters/test/kubernetes/addons/karpenter/node-pools.yaml') ?? '';
    expect(pools).toContain('general-on-demand');
    expect(pools).not.toContain('general-spot');
    expect(git(repo, ['log', '-1', '--format=%B', 'main']).stdout).toContain('Source-Commit: def456');
  });

  it('creates the default local bare repo on first use, with the configured branch', () => {
    const saved = process.env['PLATFORM_GITOPS_REPO'];
    delete process.env['PLATFORM_GITOPS_REPO'];
    try {
      const resolved = resolveGitopsRepo(undefined, workspace, 'trunk');
      expect(resolved).toBe(defaultGitopsRepo(workspace));
      expect(fs.readFileSync(path.join(resolved, 'HEAD'), 'utf8').trim()).toBe('ref: refs/heads/trunk');
      const trunkEnv = fixtureEnvironment({ gitops: { targetRevision: 'trunk' } });
      const result = publishEnvironment(trunkEnv, { distRoot: distA, workspaceRoot: workspace, sourceCommit: 'abc123', gate: passingGate });
      expect(result.repo).toBe(resolved);
      expect(git(resolved, ['rev-parse', '--verify', 'refs/heads/trunk']).code).toBe(0);
    } finally {
      if (saved !== undefined) process.env['PLATFORM_GITOPS_REPO'] = saved;
    }
  });
});

describe('readTree', () => {
  it('lists files in code-unit order, independent of the machine locale', () => {
    const dir = tmp('gitops-order-');
    try {
      for (const f of ['a.yaml', 'B.yaml', '_x.yaml', 'sub/b.yaml', 'Z/a.yaml']) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), f);
      }
      // localeCompare would give _x, a, B, sub, Z; code units put upper case before `_` before lower case
      expect([...readTree(dir).keys()]).toEqual(['B.yaml', 'Z/a.yaml', '_x.yaml', 'a.yaml', 'sub/b.yaml']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diffTrees', () => {
  it('ignores sourceCommit in manifest.json, but not other manifest changes', () => {
    const manifest = (commit: string, sha: string): string => JSON.stringify({ schemaVersion: 1, sourceCommit: commit, files: [{ path: 'a', sha256: sha }] });
    expect(diffTrees(new Map([['manifest.json', manifest('abc', '1')]]), new Map([['manifest.json', manifest('def', '1')]]))).toEqual({ added: [], changed: [], removed: [] });
    expect(diffTrees(new Map([['manifest.json', manifest('abc', '1')]]), new Map([['manifest.json', manifest('abc', '2')]])).changed.map((e) => e.id)).toEqual(['manifest.json']);
  });

  it('compares Kubernetes objects by identity, Terraform resources by address, other files whole', () => {
    const before = new Map([
      ['kubernetes/apps/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\ndata:\n  k: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n  namespace: x\n'],
      ['terraform/net/cdk.tf.json', JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } }, terraform: {} })],
      ['manifest.json', '{"a":1}'],
    ]);
    const after = new Map([
      ['kubernetes/apps/moved.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n  name: a\ndata:\n  k: "1"\n'],
      ['terraform/net/cdk.tf.json', JSON.stringify({ resource: { aws_vpc: { main: { cidr_block: '10.1.0.0/16' } }, aws_subnet: { a: {} } }, terraform: {} })],
      ['manifest.json', '{"a":2}'],
    ]);
    const d = diffTrees(before, after);
    expect(d.added.map((e) => e.id)).toEqual(['net: aws_subnet.a']);
    // The ConfigMap that moved to another file is not an object change, but the new file's text is.
    expect(d.changed.map((e) => e.id)).toEqual(['kubernetes/apps/moved.yaml (text only: comments, formatting or order)', 'manifest.json', 'net: aws_vpc.main']);
    expect(d.removed.map((e) => e.id)).toEqual(['v1/ConfigMap/x/gone']);
    const plan = '\n\nnext, for the Terraform changes:\n  tools/scripts/terraform.sh dev net plan\n';
    expect(formatDiff('dev', 'clusters/dev/', d, { all: true })).toBe(
      `dev: 1 added, 3 changed, 1 removed against clusters/dev/\n\nadded:\n  + [terraform] net: aws_subnet.a\n\nchanged:\n  ~ [file] kubernetes/apps/moved.yaml (text only: comments, formatting or order)\n  ~ [file] manifest.json\n  ~ [terraform] net: aws_vpc.main\n\nremoved:\n  - [kubernetes] v1/ConfigMap/x/gone${plan}`,
    );
    // By default the summary leaves manifest.json out and ends with the plan command of each changed stack.
    expect(formatDiff('dev', 'clusters/dev/', d)).toBe(
      `dev: 1 added, 2 changed, 1 removed against clusters/dev/\n\nadded:\n  + [terraform] net: aws_subnet.a\n\nchanged:\n  ~ [file] kubernetes/apps/moved.yaml (text only: comments, formatting or order)\n  ~ [terraform] net: aws_vpc.main\n\nremoved:\n  - [kubernetes] v1/ConfigMap/x/gone${plan}`,
    );
    // construct-paths.json is synth metadata too: it follows every construct rename, and a cluster never sees it.
    const metadataOnly = {
      added: [],
      changed: [
        { kind: 'file' as const, id: 'construct-paths.json', file: 'construct-paths.json' },
        { kind: 'file' as const, id: 'manifest.json', file: 'manifest.json' },
      ],
      removed: [],
    };
    expect(formatDiff('dev', 'clusters/dev/', metadataOnly)).toBe('dev: no changes against clusters/dev/ (only metadata: manifest.json, construct-paths.json; --all lists them)\n');
    expect(formatDiff('dev', 'clusters/dev/', metadataOnly, { all: true })).toContain('~ [file] construct-paths.json\n');
  });

  it('reports a change of YAML comments or formatting as a text-only change, as publish commits it', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\ndata:\n  k: "1"\n';
    const manifest = (commit: string): string => JSON.stringify({ schemaVersion: 1, sourceCommit: commit });
    const before = new Map([['kubernetes/apps/a.yaml', yaml], ['terraform/net/cdk.tf.json', '{"resource":{}}'], ['manifest.json', manifest('abc')]]);
    const after = new Map([['kubernetes/apps/a.yaml', `# managed by the platform\n${yaml.replace('"1"', "'1'")}`], ['terraform/net/cdk.tf.json', '{\n  "resource": {}\n}'], ['manifest.json', manifest('def')]]);
    const d = diffTrees(before, after);
    expect(d).toEqual({
      added: [],
      changed: [
        { kind: 'file', id: 'kubernetes/apps/a.yaml (text only: comments, formatting or order)', file: 'kubernetes/apps/a.yaml' },
        { kind: 'file', id: 'terraform/net/cdk.tf.json (text only: comments, formatting or order)', file: 'terraform/net/cdk.tf.json' },
      ],
      removed: [],
    });
    expect(formatDiff('dev', 'clusters/dev/', d)).toContain('dev: 0 added, 2 changed, 0 removed against clusters/dev/');
    expect(diffTrees(before, new Map([...before, ['manifest.json', manifest('def')]]))).toEqual({ added: [], changed: [], removed: [] });
  });
});

describe('publish and diff stay inside the GitOps clone (defence in depth behind the schema)', () => {
  const env = FIXTURE;
  const dist = tmp('gitops-escape-dist-');
  const repo = bareRepo();
  const victimParent = tmp('gitops-victim-');
  const gate = (): readonly string[] => [];

  beforeAll(async () => {
    await synthInto('env', dist);
    fs.mkdirSync(path.join(victimParent, 'victim', 'test'), { recursive: true });
    fs.writeFileSync(path.join(victimParent, 'victim', 'test', 'keep.txt'), 'precious\n');
  });
  afterAll(() => {
    for (const d of [dist, repo, victimParent]) fs.rmSync(d, { recursive: true, force: true });
  });

  it.each(['../x/victim', '../../../../../../../../tmp/x'])('refuses basePath %p (bypassing the schema) before touching anything', (basePath) => {
    const escaping = { ...env, gitops: { ...env.gitops, basePath } };
    const options = { distRoot: dist, workspaceRoot: dist, repo, sourceCommit: 'abc123', gate };
    expect(() => publishEnvironment(escaping, options)).toThrow(/resolves to .*, outside .*; refusing to read or write there \(fix gitops\.basePath\)/);
    expect(() => diffEnvironment(escaping, options)).toThrow(/outside .*refusing to read or write there/);
    expect(git(repo, ['rev-parse', '--verify', '--quiet', 'refs/heads/main'], { allowFailure: true }).code).not.toBe(0);
  });

  it('refuses a basePath that leads out through a symlink committed in the GitOps repo', () => {
    const clone = cloneGitopsRepo(repo, 'main');
    try {
      fs.symlinkSync(path.join(victimParent, 'victim'), path.join(clone.dir, 'clusters'));
      git(clone.dir, ['add', '--all']);
      git(clone.dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'symlink']);
      git(clone.dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    } finally {
      clone.dispose();
    }
    expect(() => publishEnvironment(env, { distRoot: dist, workspaceRoot: dist, repo, sourceCommit: 'abc123', gate })).toThrow(/leads through a symlink to .*victim.*, outside/);
    expect(fs.readFileSync(path.join(victimParent, 'victim', 'test', 'keep.txt'), 'utf8')).toBe('precious\n');
  });
});

describe('publish when someone else changed <basePath>/<env>/ meanwhile', () => {
  const env = FIXTURE;
  const distA = tmp('gitops-conflict-a-');
  const distB = tmp('gitops-conflict-b-');
  const repo = bareRepo();
  const gate = (): readonly string[] => [];
  const envPath = gitopsEnvPath(env);

  beforeAll(async () => {
    await synthInto('env', distA);
    await synthInto('noSpot', distB);
  });
  afterAll(() => {
    for (const d of [distA, distB, repo]) fs.rmSync(d, { recursive: true, force: true });
  });

  it('explains the conflict (no raw rebase advice about the deleted clone), pushes nothing and loses nothing', () => {
    publishEnvironment(env, { distRoot: distA, workspaceRoot: distA, repo, sourceCommit: 'abc123', gate });
    // Another publisher's commit on the same manifest.json, kept on a side branch until the race.
    const clone = cloneGitopsRepo(repo, 'main');
    try {
      fs.writeFileSync(path.join(clone.dir, envPath, 'manifest.json'), '{"someone":"else"}\n');
      git(clone.dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-am', 'other publisher']);
      git(clone.dir, ['push', '--quiet', 'origin', 'HEAD:refs/heads/other']);
    } finally {
      clone.dispose();
    }
    const other = git(repo, ['rev-parse', 'refs/heads/other']).stdout.trim();
    // The race: the first push finds main moved to the other publisher's commit.
    fs.writeFileSync(path.join(repo, 'race-once'), '');
    const hook = path.join(repo, 'hooks', 'pre-receive');
    fs.writeFileSync(
      hook,
      '#!/bin/sh\nif [ -f race-once ]; then rm -f race-once; env -u GIT_QUARANTINE_PATH git update-ref refs/heads/main refs/heads/other; echo "main moved" >&2; exit 1; fi\n',
    );
    fs.chmodSync(hook, 0o755);

    let message = '';
    try {
      publishEnvironment(FIXTURE_NO_SPOT, { distRoot: distB, workspaceRoot: distB, repo, sourceCommit: 'def456', gate });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      `publish refused: someone else changed ${envPath}/ on main while this publish ran, and the changes conflict. Nothing was pushed and the GitOps repo is unchanged by this run. Fix: pull the latest source (git pull), run \`npx nx synth ${env.name}\` and publish again.`,
    );
    expect(message).not.toMatch(/rebase --continue|--abort|--skip/);
    expect(headOf(repo)).toBe(other);
  });
});

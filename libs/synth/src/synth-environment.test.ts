import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONSTRUCT_PATHS_FILE, kubernetesObjectId } from '@platform/config';
import { fixtureEnvironment } from '@platform/config/testing';
import { parseAllDocuments } from 'yaml';
import { readTree as readSortedTree } from './gitops-repo';
import { synthEnvironment } from './synth-environment';

const readTree = (root: string): Record<string, string> => Object.fromEntries(readSortedTree(root));

describe('synthEnvironment', () => {
  const env = fixtureEnvironment();
  let distA: string;
  let distB: string;
  let tree: Record<string, string>;

  beforeAll(async () => {
    distA = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-a-'));
    distB = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-b-'));
    await synthEnvironment(env, { distRoot: distA });
    await synthEnvironment(env, { distRoot: distB });
    tree = readTree(path.join(distA, env.name));
  });

  afterAll(() => {
    fs.rmSync(distA, { recursive: true, force: true });
    fs.rmSync(distB, { recursive: true, force: true });
  });

  it('writes the D3 layout', () => {
    expect(Object.keys(tree)).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'terraform/network/cdk.tf.json',
        'kubernetes/bootstrap/root-application.yaml',
        'kubernetes/bootstrap/argocd-values.yaml',
        'kubernetes/apps/argocd.yaml',
      ]),
    );
  });

  it('is byte-identical across two runs', () => {
    expect(readTree(path.join(distB, env.name))).toEqual(tree);
  });

  it('leaks no absolute paths, temp dirs or timestamps', () => {
    for (const [file, text] of Object.entries(tree)) {
      // Construct paths are construct ids joined by "/" (e.g. `bootstrap/root/app`), never file system paths: check them apart.
      const content = file === CONSTRUCT_PATHS_FILE ? JSON.stringify(Object.values(JSON.parse(text).kubernetes).map((o) => Object.keys(o as object))) : text;
      expect({ file, leak: /\/(tmp|home|root|work|Users)\/|[A-Z]:\\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(content)?.[0] }).toEqual({ file, leak: undefined });
    }
  });

  it('lists every file with its sha256 in manifest.json, plus tool and chart versions', () => {
    const manifest = JSON.parse(tree['manifest.json']);
    expect(manifest.environment).toBe('test');
    // The source commit is recorded at publish time (ADR 0047): synth output and its cache key do not depend on HEAD.
    expect(manifest.sourceCommit).toBeUndefined();
    expect(manifest.kubernetesVersion).toBe('1.34');
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(Object.keys(tree).filter((f) => f !== 'manifest.json').sort());
    const crypto = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    for (const f of manifest.files) {
      expect(f.sha256).toBe(crypto.createHash('sha256').update(tree[f.path]).digest('hex'));
    }
    expect(manifest.tools).toEqual(expect.objectContaining({ cdktn: '0.24.0', '@cdktn/provider-aws': '25.7.0', 'cdk8s-plus-34': expect.any(String) }));
    expect(manifest.versions['chart:argo-cd']).toBe('10.1.1');
    expect(manifest.versions['terraform-provider-aws']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists in manifest.json versions every chart of every Application in kubernetes/apps/, multi-source ones included', () => {
    const manifest = JSON.parse(tree['manifest.json']) as { versions: Record<string, string> };
    // every `chart` field anywhere in an Application (spec.source or spec.sources[]), found without the production helper
    const charts: Record<string, string> = {};
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o['chart'] === 'string' && typeof o['targetRevision'] === 'string') charts[`chart:${o['chart']}`] = o['targetRevision'];
        Object.values(o).forEach(walk);
      }
    };
    for (const [file, content] of Object.entries(tree)) {
      if (!/^kubernetes\/apps\/[^/]+\.yaml$/.test(file)) continue;
      for (const doc of parseAllDocuments(content)) {
        const o = doc.toJS() as { kind?: string } | null;
        if (o?.kind === 'Application') walk(o);
      }
    }
    expect(Object.keys(charts)).toEqual(expect.arrayContaining(['chart:karpenter', 'chart:tekton-operator', 'chart:argo-cd']));
    const listed = Object.fromEntries(Object.entries(manifest.versions).filter(([k]) => k.startsWith('chart:')));
    expect(listed).toEqual(charts);
  });

  it('records the construct path of every rendered Kubernetes object in construct-paths.json, outside what ArgoCD syncs', () => {
    const { schemaVersion, kubernetes } = JSON.parse(tree[CONSTRUCT_PATHS_FILE]) as { schemaVersion: number; kubernetes: Record<string, Record<string, string>> };
    expect(schemaVersion).toBe(1);
    // Every object of every rendered YAML file, found by parsing the output, has exactly one entry, and nothing else has.
    const rendered: Record<string, string[]> = {};
    for (const [file, content] of Object.entries(tree)) {
      if (!/^(kubernetes|drills)\/.*\.yaml$/.test(file)) continue;
      for (const doc of parseAllDocuments(content)) {
        const o = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name: string; namespace?: string } } | null;
        if (o?.apiVersion && o.kind && o.metadata) (rendered[file] ??= []).push(kubernetesObjectId(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name));
      }
    }
    const recorded = Object.fromEntries(Object.entries(kubernetes).filter(([, objects]) => Object.keys(objects).length > 0).map(([file, objects]) => [file, Object.keys(objects).sort()]));
    expect(recorded).toEqual(Object.fromEntries(Object.entries(rendered).map(([file, ids]) => [file, ids.sort()])));
    for (const path of Object.values(kubernetes).flatMap((o) => Object.values(o))) expect(path).toMatch(/^[a-z0-9][a-zA-Z0-9-]*(\/[A-Za-z0-9._-]+)*$/);
    expect(kubernetes['kubernetes/apps/argocd.yaml']).toEqual({ 'argoproj.io/v1alpha1/Application argocd/argocd': expect.stringMatching(/^apps-argocd\//) });
    // The metadata file sits next to manifest.json, not under the folders the root Application syncs.
    expect(tree['kubernetes/bootstrap/root-application.yaml']).not.toContain(CONSTRUCT_PATHS_FILE);
    expect(Object.keys(tree).filter((f) => f.endsWith('.json') && !f.startsWith('terraform/')).sort()).toEqual([CONSTRUCT_PATHS_FILE, 'manifest.json']);
  });

  it('leaves the previous output byte-identical when a construct throws', async () => {
    const before = readTree(path.join(distA, env.name));
    // SecureBucket, not the schema, owns the S3 minimum of 30 days: the storage stack throws mid-synth.
    const tooEarly = { ...env, storage: { ...env.storage, transitionToInfrequentAccessDays: 10 } } as typeof env;
    await expect(synthEnvironment(tooEarly, { distRoot: distA })).rejects.toThrow(/lifecycle\.transitionToInfrequentAccessDays is 10; S3 requires at least 30/);
    expect(readTree(path.join(distA, env.name))).toEqual(before);
    expect(fs.readdirSync(distA)).toEqual([env.name]);
  });
});

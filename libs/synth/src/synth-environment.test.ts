import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureEnvironment } from '@platform/config';
import { synthEnvironment } from './synth-environment';

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else out[path.relative(root, abs)] = fs.readFileSync(abs, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('synthEnvironment', () => {
  const env = fixtureEnvironment();
  let distA: string;
  let distB: string;
  let tree: Record<string, string>;

  beforeAll(async () => {
    distA = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-a-'));
    distB = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-b-'));
    await synthEnvironment(env, { distRoot: distA, sourceCommit: 'abc123' });
    await synthEnvironment(env, { distRoot: distB, sourceCommit: 'abc123' });
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
    for (const [file, content] of Object.entries(tree)) {
      expect({ file, leak: /\/(tmp|home|root|work|Users)\/|[A-Z]:\\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.exec(content)?.[0] }).toEqual({ file, leak: undefined });
    }
  });

  it('lists every file with its sha256 in manifest.json, plus tool and chart versions', () => {
    const manifest = JSON.parse(tree['manifest.json']);
    expect(manifest.environment).toBe('test');
    expect(manifest.sourceCommit).toBe('abc123');
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

  it('leaves the previous output byte-identical when a construct throws', async () => {
    const before = readTree(path.join(distA, env.name));
    // The schema rejects this CIDR too; bypass it so the network construct itself throws mid-synth.
    const tooSmall = { ...env, network: { ...env.network, vpcCidr: '10.9.0.0/26' } } as typeof env;
    await expect(synthEnvironment(tooSmall, { distRoot: distA })).rejects.toThrow(/network\.vpcCidr: 10\.9\.0\.0\/26 is too small for 3 AZs/);
    expect(readTree(path.join(distA, env.name))).toEqual(before);
    expect(fs.readdirSync(distA)).toEqual([env.name]);
  });
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDistTree } from './dist-tree';
import { writeFixtureTree } from './testing/fixture-tree';

describe('loadDistTree', () => {
  it('reads objects, Helm values files (by their helm install header) and stacks', () => {
    const dist = writeFixtureTree('dev', {
      'kubernetes/bootstrap/argocd-values.yaml': { text: '# helm install argocd argo-cd --version 10.1.1 -n argocd -f argocd-values.yaml\nserver:\n  replicas: 1\n' },
      'kubernetes/bootstrap/ns.yaml': { yaml: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] },
      'terraform/network/cdk.tf.json': { json: { terraform: {} } },
    });
    const tree = loadDistTree(dist, 'dev', 'dist');
    expect(tree.loadFindings).toEqual([]);
    expect(tree.objects.map((o) => `${o.file}#${o.index}`)).toEqual(['dist/dev/kubernetes/bootstrap/ns.yaml#0', 'dist/dev/kubernetes/bootstrap/ns.yaml#1']);
    expect(tree.helmValues).toEqual([
      { file: 'dist/dev/kubernetes/bootstrap/argocd-values.yaml', relPath: 'kubernetes/bootstrap/argocd-values.yaml', chart: 'argo-cd', version: '10.1.1', values: { server: { replicas: 1 } } },
    ]);
    expect(tree.stacks.map((s) => s.stack)).toEqual(['network']);
  });

  it('reports unparseable files, documents that are not objects, and manifest drift', () => {
    const dist = writeFixtureTree('dev', {
      'kubernetes/apps/broken.yaml': { text: 'a: [1\n' },
      'kubernetes/apps/values.yaml': { text: 'replicas: 2\n' },
      'kubernetes/apps/dup.yaml': { text: 'apiVersion: v1\nkind: Namespace\nkind: Namespace\nmetadata: {name: x}\n' },
      'terraform/network/cdk.tf.json': { text: '{' },
    });
    writeFileSync(join(dist, 'dev', 'kubernetes', 'apps', 'extra.yaml'), '');
    const rules = loadDistTree(dist, 'dev', 'dist').loadFindings.map((f) => `${f.rule} ${f.file} ${f.object}`);
    expect(rules).toEqual([
      'DIST-001 dist/dev/kubernetes/apps/broken.yaml document 0',
      'DIST-001 dist/dev/kubernetes/apps/dup.yaml document 0',
      'DIST-003 dist/dev/kubernetes/apps/values.yaml document 0',
      'DIST-001 dist/dev/terraform/network/cdk.tf.json -',
      'DIST-004 dist/dev/manifest.json -',
    ]);
  });

  it('gives the same tree from the parse cache as parsed, errors included, and parses each file once', () => {
    const dist = writeFixtureTree('dev', {
      'kubernetes/bootstrap/argocd-values.yaml': { text: '# helm install argocd argo-cd --version 10.1.1 -n argocd -f argocd-values.yaml\nserver:\n  replicas: 1\n' },
      'kubernetes/bootstrap/ns.yaml': { yaml: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] },
      'kubernetes/apps/broken.yaml': { text: 'a: [1\n' },
      'kubernetes/apps/dup.yaml': { text: 'apiVersion: v1\nkind: Namespace\nkind: Namespace\nmetadata: {name: x}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: y}\n' },
      'kubernetes/apps/empty.yaml': { text: '---\n# nothing\n' },
      'kubernetes/apps/scalar.yaml': { text: '42\n' },
      'kubernetes/apps/inf.yaml': { text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {max: .inf}\n' },
    });
    const cacheDir = mkdtempSync(join(tmpdir(), 'dist-parse-cache-'));
    try {
      const uncached = loadDistTree(dist, 'dev', 'dist', { cacheDir: null });
      expect(uncached.loadFindings.map((f) => `${f.rule} ${f.file} ${f.object}`)).toEqual([
        'DIST-001 dist/dev/kubernetes/apps/broken.yaml document 0',
        'DIST-001 dist/dev/kubernetes/apps/dup.yaml document 0',
        'DIST-003 dist/dev/kubernetes/apps/scalar.yaml document 0',
      ]);
      expect(loadDistTree(dist, 'dev', 'dist', { cacheDir })).toEqual(uncached); // parses and stores
      // every file but inf.yaml (JSON has no Infinity: parsed every time)
      expect(readdirSync(cacheDir).filter((f) => f.endsWith('.json'))).toHaveLength(6);
      const parsed = jest.spyOn(jest.requireActual<typeof import('yaml')>('yaml'), 'parseAllDocuments');
      expect(loadDistTree(dist, 'dev', 'dist', { cacheDir })).toEqual(uncached); // from the cache
      expect(parsed).toHaveBeenCalledTimes(1); // inf.yaml
      parsed.mockRestore();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('names the missing folder and how to create it', () => {
    expect(() => loadDistTree('/nonexistent', 'dev', 'dist')).toThrow('dist/dev does not exist; run `npx nx synth dev` first');
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdFileSummaries, summarize } from './crd-file-index';
import { SchemaRegistry } from './schema-registry';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../../shared/upstream');

const crdYaml = (group: string, kind: string, plural: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: "${group}"
  scope: Cluster
  names:
    kind: '${kind}'
    plural: ${plural}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          description: "a field named kind: Mentioned is prose, not a kind"
          properties:
            kind:
              type: string
`;

describe('CRD file summaries (which files a kind lookup parses)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'crd-index-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('names the kinds and groups of `kind:`/`group:` lines, quoted or not, and ignores prose, other keys and mappings', () => {
    const summary = summarize(`${crdYaml('widgets.example.com', 'Widget', 'widgets')}    x-kind: Other\n    metakind: Meta\n`);
    expect([...summary.kinds].sort()).toEqual(['CustomResourceDefinition', 'Widget']);
    expect(summary.groups).toEqual(['widgets.example.com']);
  });

  /** An upstream folder with the real Kubernetes definitions and two small CRD files. */
  function upstream(): { dir: string; crds: string } {
    const dir = tempDir();
    symlinkSync(join(UPSTREAM, 'kubernetes'), join(dir, 'kubernetes'));
    const crds = join(dir, 'crds', 'example');
    mkdirSync(crds, { recursive: true });
    writeFileSync(join(crds, 'a-gadgets.yaml'), crdYaml('gadgets.example.com', 'Gadget', 'gadgets'));
    writeFileSync(join(crds, 'b-widgets.yaml'), crdYaml('widgets.example.com', 'Widget', 'widgets'));
    return { dir, crds };
  }

  it('caches the summaries by path, size and modification time, and summarizes a changed file again', () => {
    const { crds } = upstream();
    const cacheDir = tempDir();
    const paths = [join(crds, 'a-gadgets.yaml'), join(crds, 'b-widgets.yaml')];
    expect(crdFileSummaries(paths, cacheDir).map((s) => s.groups)).toEqual([['gadgets.example.com'], ['widgets.example.com']]);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    writeFileSync(paths[0], crdYaml('gizmos.example.com', 'Gizmo', 'gizmos'));
    expect(crdFileSummaries(paths, cacheDir).map((s) => s.groups)).toEqual([['gizmos.example.com'], ['widgets.example.com']]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('finds a kind through the summaries, and still finds it when a cached summary is stale (it is only a hint)', () => {
    const { dir } = upstream();
    const cacheDir = tempDir();
    expect(new SchemaRegistry({ upstreamDir: dir, kubeVersion: '1.34', cacheDir }).scopeOf('widgets.example.com/v1', 'Widget')).toBe('Cluster');
    // every cached summary now claims its file names no kind at all
    for (const file of readdirSync(cacheDir).filter((f) => f.endsWith('.json'))) {
      const value = JSON.parse(readFileSync(join(cacheDir, file), 'utf8')) as unknown;
      if (Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && 'kinds' in s)) {
        writeFileSync(join(cacheDir, file), JSON.stringify(value.map(() => ({ kinds: [], groups: [] }))));
      }
    }
    const stale = new SchemaRegistry({ upstreamDir: dir, kubeVersion: '1.34', cacheDir });
    expect(stale.scopeOf('widgets.example.com/v1', 'Widget')).toBe('Cluster');
    expect(stale.scopeOf('gadgets.example.com/v1', 'Gadget')).toBe('Cluster');
    expect(stale.scopeOf('widgets.example.com/v1', 'Gadget')).toBeUndefined();
    expect(new SchemaRegistry({ upstreamDir: dir, kubeVersion: '1.34', cacheDir: null }).scopeOf('gadgets.example.com/v1', 'Gadget')).toBe('Cluster');
  });
});

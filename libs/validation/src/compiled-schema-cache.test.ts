import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { K8sDocument } from './dist-tree';
import { deployment, nodePool } from './testing/fixtures';
import { CompiledSchemaCache, defaultSchemaCacheDir, parsedWithCache } from './compiled-schema-cache';
import type * as CacheModule from './compiled-schema-cache';
import type * as RegistryModule from './kubernetes/schema-registry';
import type * as ObjectsModule from './kubernetes/validate-objects';

const UPSTREAM = process.env['PLATFORM_UPSTREAM_DIR'] ?? join(__dirname, '../../../../shared/upstream');

/** A Deployment and a NodePool (a CRD kind), each with a schema error, a quantity error and an enum error. */
function brokenObjects(): Record<string, unknown>[] {
  const d = deployment({ container: { ports: [{ containerPort: '80' }], resources: { requests: { cpu: '1x' } } } });
  delete (d['spec'] as Record<string, unknown>)['selector'];
  const np = nodePool();
  (np['spec'] as Record<string, unknown>)['limits'] = { cpu: '10 cores' };
  ((np['spec'] as Record<string, unknown>)['disruption'] as Record<string, unknown>)['consolidationPolicy'] = 'Sometimes';
  return [deployment(), nodePool(), d, np];
}

/**
 * Validates the objects with a SchemaRegistry from a fresh module registry: what a new process sees (the
 * in-process map of loaded validators starts empty, so validators come from the cache folder or a compile).
 */
function findingsInFreshProcess(cacheDir: string | null, compiles?: { count: number }, codeCache?: { hits: number }): string[] {
  let out: string[] = [];
  jest.isolateModules(() => {
    const { CompiledSchemaCache: FreshCache } = jest.requireActual<typeof CacheModule>('./compiled-schema-cache');
    if (compiles) {
      const ajv = jest.requireActual<{ default: typeof Ajv }>('ajv').default.prototype;
      for (const method of ['compile', 'getSchema'] as const) jest.spyOn(ajv, method).mockImplementation(() => { compiles.count++; return undefined as never; });
    }
    const { SchemaRegistry } = jest.requireActual<typeof RegistryModule>('./kubernetes/schema-registry');
    const { validateObjects } = jest.requireActual<typeof ObjectsModule>('./kubernetes/validate-objects');
    const registry = new SchemaRegistry({ upstreamDir: UPSTREAM, kubeVersion: '1.34', cacheDir });
    const docs: K8sDocument[] = brokenObjects().map((object, index) => ({ file: 'f.yaml', relPath: 'kubernetes/f.yaml', index, object }));
    out = validateObjects(docs, registry).map((f) => `${f.object} ${f.rule} ${f.path} ${f.message}`);
    // The typed Helm values' validators (a definition, a list of a definition) come from the same cache.
    const resources = registry.definitionValidator('io.k8s.api.core.v1.ResourceRequirements');
    const tolerations = registry.definitionValidator('io.k8s.api.core.v1.Toleration', true);
    out.push(`resources ${String(resources?.({ requests: { cpu: '1x' } }))} ${String(resources?.({ requests: { cpu: '1' } }))}`);
    out.push(`tolerations ${String(tolerations?.([{ key: 'a', effect: 7 }]))} ${String(tolerations?.([{ key: 'a', operator: 'Exists' }]))}`);
    if (codeCache) codeCache.hits = FreshCache.codeCacheHits;
    FreshCache.storeCodeCaches(); // what validateTree does after validating
  });
  return out;
}

describe('compiled schema cache (docs/performance.md)', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'schema-cache-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('gives the same findings compiled, stored and loaded from the cache, and loads instead of compiling', () => {
    const dir = tempDir();
    const uncached = findingsInFreshProcess(null);
    expect(uncached).toEqual([
      'apps/v1/Deployment apps/web K8S-SCHEMA-003 spec.selector missing required field "selector"',
      'apps/v1/Deployment apps/web K8S-SCHEMA-002 spec.template.spec.containers[0].ports[0].containerPort must be integer, got "80"',
      'apps/v1/Deployment apps/web K8S-QTY-001 spec.template.spec.containers[0].resources.requests.cpu "1x" is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)',
      'apps/v1/Deployment apps/web K8S-OBJ-001 metadata.name duplicate object, also rendered in f.yaml',
      'karpenter.sh/v1/NodePool general K8S-SCHEMA-004 spec.disruption.consolidationPolicy "Sometimes" must be one of: "WhenEmpty", "WhenEmptyOrUnderutilized", "Balanced"',
      'karpenter.sh/v1/NodePool general K8S-QTY-001 spec.limits.cpu "10 cores" is not a valid quantity (e.g. 500m, 1, 256Mi, 1Gi)',
      'karpenter.sh/v1/NodePool general K8S-OBJ-001 metadata.name duplicate object, also rendered in f.yaml',
      'resources false true',
      'tolerations false true',
    ]);

    expect(findingsInFreshProcess(dir)).toEqual(uncached); // compiles and stores
    const stored = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(stored).toHaveLength(4); // Deployment, NodePool, ResourceRequirements, a list of Toleration
    expect(readdirSync(dir).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0); // the parsed NodePool CRD file

    const compiles = { count: 0 };
    expect(findingsInFreshProcess(dir, compiles)).toEqual(uncached); // loads, never compiles
    expect(compiles.count).toBe(0);
  });

  it('stores the V8 code cache of loaded validators and uses it in the next process', () => {
    const dir = tempDir();
    const uncached = findingsInFreshProcess(null);
    findingsInFreshProcess(dir); // compiles, stores the generated code
    const codeCaches = () => readdirSync(dir).filter((f) => f.endsWith('.v8cache')).sort();
    expect(codeCaches()).toEqual([]); // compiled in this process: nothing to cache code of yet

    const first = { hits: -1 };
    expect(findingsInFreshProcess(dir, undefined, first)).toEqual(uncached); // loads the code, stores its code cache
    expect(first.hits).toBe(0);
    const stored = codeCaches();
    expect(stored).toHaveLength(4);
    for (const f of stored) expect(readdirSync(dir)).toContain(f.replace(/\.[0-9a-f]+\.v8cache$/, '.js')); // one per validator, named by the V8 version tag
    const mtimes = stored.map((f) => statSync(join(dir, f)).mtimeMs);

    const second = { hits: -1 };
    expect(findingsInFreshProcess(dir, undefined, second)).toEqual(uncached);
    expect(second.hits).toBe(4); // every validator from its code cache
    expect(codeCaches().map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(mtimes); // accepted, not rewritten
  });

  it('ignores and rewrites a code cache that is corrupt, truncated or of another source', () => {
    const dir = tempDir();
    const uncached = findingsInFreshProcess(null);
    findingsInFreshProcess(dir);
    findingsInFreshProcess(dir);
    const [a, b, c, d] = readdirSync(dir).filter((f) => f.endsWith('.v8cache')).sort().map((f) => join(dir, f));
    const flipped = readFileSync(a);
    flipped[flipped.length - 100] ^= 0xff; // payload corrupted, same length: V8 itself would not notice
    writeFileSync(a, flipped);
    writeFileSync(b, readFileSync(b).subarray(0, 500)); // truncated
    writeFileSync(c, readFileSync(d)); // another validator's code cache
    writeFileSync(d, 'not a code cache');
    const hits = { hits: -1 };
    expect(findingsInFreshProcess(dir, undefined, hits)).toEqual(uncached);
    expect(hits.hits).toBe(0);
    const again = { hits: -1 };
    expect(findingsInFreshProcess(dir, undefined, again)).toEqual(uncached);
    expect(again.hits).toBe(4); // all four rewritten
  });

  it('compiles again and rewrites an entry that does not load (truncated, corrupt)', () => {
    const dir = tempDir();
    const uncached = findingsInFreshProcess(null);
    findingsInFreshProcess(dir);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) writeFileSync(join(dir, f), 'module.exports = validate10; const x = {');
    expect(findingsInFreshProcess(dir)).toEqual(uncached);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.js'))) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^"use strict";/);
  });

  it('keys a validator by the exact schema text and the salt (options, formats, Ajv version)', () => {
    const ajv = new Ajv({ code: { source: true } });
    const a = new CompiledSchemaCache({ dir: undefined, ajv, formats: {}, salt: 'a' });
    const b = new CompiledSchemaCache({ dir: undefined, ajv, formats: {}, salt: 'b' });
    expect(a.key('{"type":"string"}')).toBe(a.key('{"type":"string"}'));
    expect(a.key('{"type":"string"}')).not.toBe(a.key('{"type":"integer"}'));
    expect(a.key('{"type":"string"}')).not.toBe(b.key('{"type":"string"}'));
  });

  it('caches parsed YAML as JSON only when JSON represents it exactly', () => {
    const dir = tempDir();
    const parse = jest.fn((text: string) => ({ text, n: 1 }));
    expect(parsedWithCache(dir, 'a: 1', parse)).toEqual({ text: 'a: 1', n: 1 });
    expect(parsedWithCache(dir, 'a: 1', parse)).toEqual({ text: 'a: 1', n: 1 });
    expect(parse).toHaveBeenCalledTimes(1);

    const inexact = jest.fn(() => ({ max: Number.POSITIVE_INFINITY }));
    expect(parsedWithCache(dir, 'max: .inf', inexact)).toEqual({ max: Number.POSITIVE_INFINITY });
    expect(parsedWithCache(dir, 'max: .inf', inexact)).toEqual({ max: Number.POSITIVE_INFINITY });
    expect(inexact).toHaveBeenCalledTimes(2);
  });

  it('lives in node_modules/.cache unless PLATFORM_SCHEMA_CACHE names a folder or turns it off', () => {
    expect(defaultSchemaCacheDir({})).toMatch(/node_modules[/\\]\.cache[/\\]platform-schemas$/);
    expect(defaultSchemaCacheDir({ PLATFORM_SCHEMA_CACHE: '/tmp/x' })).toBe('/tmp/x');
    expect(defaultSchemaCacheDir({ PLATFORM_SCHEMA_CACHE: 'off' })).toBeUndefined();
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';

// Generated CRD bindings exist only for the kinds the code renders (docs/performance.md, "Generated CRD bindings"):
// every API object class in libs/k8s/imports is imported as a value by non-test code, so an unused kind or API
// version in tools/scripts/import-crds.sh is caught here rather than carried as thousands of generated lines.
const root = path.resolve(__dirname, '../..');
const bindingsDir = path.join(root, 'libs/k8s/imports/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || full === bindingsDir ? [] : sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !full.includes(`${path.sep}testing${path.sep}`) ? [full] : [];
  });
}

/** `group -> names` imported as values from `@platform/k8s-imports/<group>` (not `import type`, not `type X`). */
function valueImports(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'@platform\/k8s-imports\/([^']+)'/g)) {
    if (m[1]) continue;
    const names = out.get(m[3]) ?? new Set<string>();
    for (const spec of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
      if (!spec.startsWith('type ')) names.add(spec.split(/\s+as\s+/)[0]);
    }
    out.set(m[3], names);
  }
  return out;
}

describe('generated CRD bindings', () => {
  it('reads value imports, skipping type-only ones', () => {
    const imports = valueImports("import { A, type B, C as D } from '@platform/k8s-imports/x.io';\nimport type { E } from '@platform/k8s-imports/x.io';");
    expect([...(imports.get('x.io') ?? [])]).toEqual(['A', 'C']);
  });

  it('holds only API object classes that non-test code imports as values', () => {
    const used = new Map<string, Set<string>>();
    for (const file of [...sourceFiles(path.join(root, 'libs')), ...sourceFiles(path.join(root, 'apps'))]) {
      for (const [group, names] of valueImports(fs.readFileSync(file, 'utf8'))) used.set(group, new Set([...(used.get(group) ?? []), ...names]));
    }
    const unused = fs
      .readdirSync(bindingsDir)
      .filter((f) => f.endsWith('.ts') && f !== 'k8s.ts')
      .flatMap((f) => {
        const group = f.slice(0, -'.ts'.length);
        const kinds = [...fs.readFileSync(path.join(bindingsDir, f), 'utf8').matchAll(/^export class (\w+) extends ApiObject/gm)].map((m) => m[1]);
        return kinds.filter((kind) => !used.get(group)?.has(kind)).map((kind) => `${group} ${kind}`);
      });
    expect(unused).toEqual([]);
  });
});

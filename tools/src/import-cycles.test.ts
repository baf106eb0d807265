import madge from 'madge';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * No import cycle between the files of libs/ and apps/ (issue 8 broke `catalog.ts -> environment-schema.ts ->
 * schema/platform.ts -> catalog.ts` by hand; this keeps every such cycle broken). Type-only imports and
 * re-exports count: a type cycle couples the modules just the same. The imports of each file come from
 * TypeScript's own scanner (`ts.preProcessFile`, no full parse) and are resolved with the workspace's
 * compiler options, `@platform/*` aliases included; madge finds the cycles in that graph (its own walk
 * parses every file into an ESTree, ~10x the time).
 * @see https://github.com/pahen/madge#api
 */
const WORKSPACE = path.resolve(__dirname, '../..');

/** Generated CRD bindings: leaf modules, ~170k lines, never part of a cycle. */
const GENERATED = /(^|\/)libs\/k8s\/imports\//;

/** The workspace's compiler options (aliases), resolving like a bundler so extensionless relative imports resolve as in the build. */
function compilerOptions(baseDir: string): ts.CompilerOptions {
  const configFile = path.join(baseDir, 'tsconfig.base.json');
  const raw = fs.existsSync(configFile) ? (ts.readConfigFile(configFile, ts.sys.readFile).config as { compilerOptions?: object }) : {};
  const { options } = ts.parseJsonConfigFileContent({ compilerOptions: raw.compilerOptions ?? {}, files: [] }, ts.sys, baseDir);
  return { ...options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
}

interface ImportGraph {
  /** Every cycle, as the files on it (relative to `baseDir`). */
  readonly cycles: readonly (readonly string[])[];
  /** Imports of a workspace module (relative or `@platform/*`) that resolve to no file. */
  readonly unresolved: readonly string[];
  readonly fileCount: number;
}

async function importGraph(baseDir: string, roots: readonly string[]): Promise<ImportGraph> {
  const options = compilerOptions(baseDir);
  const files = roots
    .flatMap((root) => fs.readdirSync(path.join(baseDir, root), { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !GENERATED.test(f) && !f.split(path.sep).includes('node_modules'))
    .sort();
  const unresolved: string[] = [];
  const tree: Record<string, string[]> = {};
  for (const file of files) {
    const absolute = path.join(baseDir, file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(absolute, 'utf8'), true, true);
    tree[file] = importedFiles
      .filter(({ fileName }) => fileName.startsWith('.') || fileName.startsWith('@platform/'))
      .flatMap(({ fileName }) => {
        const resolved = ts.resolveModuleName(fileName, absolute, options, ts.sys).resolvedModule?.resolvedFileName;
        if (resolved === undefined) {
          unresolved.push(`${file}: ${fileName}`);
          return [];
        }
        const target = path.relative(baseDir, resolved);
        return GENERATED.test(target) ? [] : [target];
      });
  }
  const result = await madge(tree);
  return { cycles: result.circular(), unresolved, fileCount: files.length };
}

describe('import cycles', () => {
  it('no file of libs/ or apps/ imports itself through a chain of imports, type-only imports included', async () => {
    const graph = await importGraph(WORKSPACE, ['libs', 'apps']);
    expect(graph.fileCount).toBeGreaterThan(300);
    expect(graph.cycles).toEqual([]);
    // an import the graph cannot follow would hide the cycles behind it
    expect(graph.unresolved).toEqual([]);
  });

  it('finds a cycle made of a value import and a type-only import (the check can fail)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycle-'));
    try {
      fs.mkdirSync(path.join(dir, 'lib'));
      fs.writeFileSync(path.join(dir, 'lib/catalog.ts'), "import type { Schema } from './schema';\nexport const catalog = (s: Schema): string => s.name;\n");
      fs.writeFileSync(path.join(dir, 'lib/schema.ts'), "import { catalog } from './catalog';\nexport interface Schema { readonly name: string }\nexport const describe = (s: Schema): string => catalog(s);\n");
      fs.writeFileSync(path.join(dir, 'lib/leaf.ts'), "import { catalog } from './catalog';\nexport const leaf = catalog;\n");
      const graph = await importGraph(dir, ['lib']);
      expect(graph.cycles).toEqual([['lib/catalog.ts', 'lib/schema.ts']]);
      expect(graph.unresolved).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUPPORTED_KUBERNETES_MINORS } from '@platform/config';
import * as semver from 'semver';

/** The version rules of ADR 0001-0003, checked on package.json and .nvmrc. */
const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};
const all = { ...pkg.dependencies, ...pkg.devDependencies };

describe('toolchain pins', () => {
  it('pins every dependency exactly (no ranges)', () => {
    const ranged = Object.entries(all).filter(([, v]) => semver.valid(v) !== v);
    expect(ranged).toEqual([]);
  });

  it('uses one identical version for nx and every @nx/* package', () => {
    const nx = Object.entries(all).filter(([name]) => name === 'nx' || name.startsWith('@nx/'));
    expect(nx.length).toBeGreaterThan(1);
    expect(new Set(nx.map(([, v]) => v)).size).toBe(1);
  });

  it('uses TypeScript 6.0.x and a constructs version cdktn accepts', () => {
    expect(all['typescript']).toMatch(/^6\.0\.\d+$/);
    expect(all['constructs']).toMatch(/^10\.[67]\.\d+$/);
  });

  it('uses the one cdk8s-plus whose minor is the only cluster minor the schema accepts (ADR 0002)', () => {
    const plus = Object.keys(all).filter((n) => n.startsWith('cdk8s-plus-'));
    expect(plus).toHaveLength(1);
    expect(SUPPORTED_KUBERNETES_MINORS.map((minor) => `cdk8s-plus-${minor.split('.')[1]}`)).toEqual(plus);
  });

  it('pins one Node LTS in .nvmrc (ADR 0003); npm ci runs on any Node >= 20 without engine-strict (ADR 0049)', () => {
    const nvmrc = fs.readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
    expect(semver.valid(nvmrc)).toBe(nvmrc);
    expect(semver.major(nvmrc) % 2).toBe(0); // even majors become LTS
    expect(semver.satisfies(nvmrc, pkg.engines.node)).toBe(true);
    // Debian's Node 20 must be able to run `npm ci` (README set-up); the pinned Node runs the output.
    expect(semver.satisfies('20.0.0', pkg.engines.node)).toBe(true);
    expect(semver.satisfies('18.20.0', pkg.engines.node)).toBe(false);
    expect(fs.readFileSync(path.join(root, '.npmrc'), 'utf8')).toMatch(/^engine-strict=false$/m);
  });
});

describe('path aliases', () => {
  it('keeps .swcrc paths (compile, jest) equal to tsconfig.base.json paths (tsc, eslint)', () => {
    const tsPaths = (JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    const swcPaths = (JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8')) as { jsc: { paths: Record<string, string[]> } }).jsc.paths;
    expect(swcPaths).toEqual(tsPaths);
    for (const [alias, [target]] of Object.entries(tsPaths)) {
      expect({ alias, exists: fs.existsSync(path.join(root, target.replace('/*', ''))) }).toEqual({ alias, exists: true });
    }
  });

  it('type-checks against the declarations of the generated CRD bindings with every other alias unchanged', () => {
    const read = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8')) as { compilerOptions: { paths?: Record<string, string[]>; outDir?: string }; include?: string[]; exclude?: string[] };
    const base = read('tsconfig.base.json').compilerOptions.paths ?? {};
    const imports = read('tsconfig.imports.json');
    const typecheck = read('tsconfig.typecheck.json');
    expect(imports.include).toEqual(['libs/k8s/imports/src/**/*.ts']);
    expect(typecheck.compilerOptions.paths).toEqual({ ...base, '@platform/k8s-imports/*': [`${imports.compilerOptions.outDir}/*`] });
    expect(base['@platform/k8s-imports/*']).toEqual(['./libs/k8s/imports/src/*']);
    expect(typecheck.exclude).toEqual(expect.arrayContaining(['libs/k8s/imports/src']));
  });
});

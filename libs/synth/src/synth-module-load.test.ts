import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from './cli';

// Synth renders; it does not validate. The renderers import `@platform/validation/render` (pure helpers), never
// the validator's main entry point, which loads the schema, CEL and PromQL machinery (docs/performance.md,
// "Render-only entry point"). jest's `require.cache` lists the modules this test file's registry has evaluated.
describe('modules a prod synth loads (docs/performance.md)', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-module-load-'));
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('renders environments/prod without loading the validator, ajv, the Backstage catalog model, the PromQL parser or the CEL library', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    expect(await main(['synth', 'prod', '--dist', dist], io)).toBe(0);
    expect(fs.existsSync(path.join(dist, 'prod'))).toBe(true);

    const loaded = Object.keys(require.cache).map((file) => file.split(path.sep).join('/'));
    const fromPackage = (name: string) => loaded.filter((file) => file.includes(`/node_modules/${name}/`));
    expect(fromPackage('@prometheus-io/lezer-promql')).toEqual([]);
    expect(fromPackage('@lezer/lr')).toEqual([]);
    expect(fromPackage('@marcbachmann/cel-js')).toEqual([]);
    // The validator's ajv set-up (ajv-formats, the compiled-schema cache) and the Backstage catalog model (with
    // its ajv and lodash): the golden path's catalog entities are checked by `nx validate` (CAT-001..003).
    expect(fromPackage('ajv-formats')).toEqual([]);
    expect(fromPackage('ajv')).toEqual([]);
    expect(fromPackage('@backstage/catalog-model')).toEqual([]);
    expect(fromPackage('lodash')).toEqual([]);
    const validation = loaded.filter((file) => file.includes('/libs/validation/src/')).map((file) => file.replace(/.*\/libs\/validation\/src\//, ''));
    expect(validation).toContain('render.ts');
    expect(validation).not.toContain('index.ts');
    expect(validation.filter((file) => /compiled-schema-cache|schema-registry|chart-store|validate-|policy-engine|crd-cel|promql/.test(file))).toEqual([]);
  });
});

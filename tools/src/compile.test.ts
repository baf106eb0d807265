import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { staleCompiledOutput } from '@platform/config';

/** tools/scripts/compile.mjs on a temporary workspace (ADR 0048): syntax errors, the freshness record. */
const root = path.resolve(__dirname, '../..');
const compileScript = path.join(root, 'tools/scripts/compile.mjs');

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-ws-'));
  fs.copyFileSync(path.join(root, '.swcrc'), path.join(dir, '.swcrc'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function compile(ws: string, ...args: string[]) {
  return spawnSync(process.execPath, [compileScript, ...args], { env: { ...process.env, PLATFORM_COMPILE_ROOT: ws }, encoding: 'utf8' });
}

const GOOD_ENV = "export const environment = {\n  name: 'qa',\n};\n";

describe('compile.mjs', () => {
  let ws: string;
  afterEach(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('reports a syntax error in env.ts as "<env>: environments/<env>/env.ts:<line>:<col>: <message>", exit 1, no backtrace', () => {
    ws = workspace({ 'environments/qa/env.ts': "export const environment = {\n  name: 'qa' region: 'x',\n};\n", 'libs/a/src/index.ts': 'export const a = 1;\n' });
    const out = path.join(ws, 'out');
    const result = compile(ws, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("qa: environments/qa/env.ts:2:14: ',' expected.\n");
    expect(fs.existsSync(path.join(out, 'compiled-sources.json'))).toBe(false);
  });

  it('names a library file without an environment prefix', () => {
    ws = workspace({ 'environments/qa/env.ts': GOOD_ENV, 'libs/a/src/index.ts': 'export const a = ;\n' });
    const result = compile(ws, path.join(ws, 'out'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('libs/a/src/index.ts:1:18: Expression expected.\n');
  });

  it('compiles every non-test source and records them; the record goes stale on a change, an addition or a removal', () => {
    ws = workspace({ 'environments/qa/env.ts': GOOD_ENV, 'libs/a/src/index.ts': 'export const a: number = 1;\n', 'libs/a/src/a.test.ts': 'x' });
    const out = path.join(ws, 'out');
    expect(compile(ws, out).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'libs/a/src/index.js'), 'utf8')).toContain('const a = 1;');
    expect(fs.existsSync(path.join(out, 'libs/a/src/a.test.js'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'compiled-sources.json'), 'utf8'))).toMatchObject({ sources: ['environments/qa/env.ts', 'libs/a/src/index.ts'] });
    expect(compile(ws, '--check', out).status).toBe(0);
    expect(staleCompiledOutput(out, ws)).toBeUndefined();

    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(ws, 'environments/qa/env.ts'), later, later);
    expect(compile(ws, '--check', out).stderr).toContain('environments/qa/env.ts changed');
    expect(staleCompiledOutput(out, ws)).toBe('environments/qa/env.ts changed after the last compile');

    fs.utimesSync(path.join(ws, 'environments/qa/env.ts'), new Date(0), new Date(0));
    expect(compile(ws, out).status).toBe(0);
    fs.writeFileSync(path.join(ws, 'libs/a/src/b.ts'), 'export const b = 2;\n');
    fs.utimesSync(path.join(ws, 'libs/a/src/b.ts'), new Date(0), new Date(0));
    expect(staleCompiledOutput(out, ws)).toBe('libs/a/src/b.ts added after the last compile');
    fs.rmSync(path.join(ws, 'libs/a/src/b.ts'));
    fs.rmSync(path.join(ws, 'libs/a/src/index.ts'));
    expect(staleCompiledOutput(out, ws)).toBe('libs/a/src/index.ts removed after the last compile');
    expect(compile(ws, '--check', out).status).toBe(1);
  });

  it('counts a compiled tree without a record (an older compile) as stale', () => {
    ws = workspace({ 'environments/qa/env.ts': GOOD_ENV });
    expect(staleCompiledOutput(path.join(ws, 'nothing'), ws)).toBe('compiled-sources.json is missing from the compiled tree');
  });
});

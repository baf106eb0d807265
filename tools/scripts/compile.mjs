// `node tools/scripts/compile.mjs <out dir>` (called by compile.sh): transpiles every source of the
// workspace with @swc/core and `.swcrc`, exactly as the swc CLI did (ADR 0004), then writes
// `<out dir>/compiled-sources.json` (the compile start time and the list of sources) so the compiled
// CLIs can refuse to run when a source is newer than their output (ADR 0048).
// A syntax error exits 1 with one line per error, `<env>: environments/<env>/env.ts:<line>:<col>: <message>`
// for an environment file and `<file>:<line>:<col>: <message>` otherwise, instead of swc's Rust
// backtrace (the swc CLI's panic exits 130 under Nx).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const scriptRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The workspace compiled: this checkout, or $PLATFORM_COMPILE_ROOT (tests compile a temporary tree). */
const root = process.env.PLATFORM_COMPILE_ROOT ?? scriptRoot;
const require = createRequire(join(scriptRoot, 'package.json'));
const swc = require('@swc/core');

/** Folders compiled; keep in sync with COMPILED_ROOTS in libs/synth/src/compiled-freshness.ts. */
export const SOURCE_ROOTS = ['apps', 'libs', 'environments', 'tools'];
/** Name of the record written next to the compiled tree. */
export const RECORD = 'compiled-sources.json';

/** A compiled source: `.ts`, not a test, not a declaration file. */
export function isSource(name) {
  return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');
}

/** Every source below the roots, workspace-relative with `/`, sorted. */
export function listSources(workspace = root) {
  const out = [];
  const walk = (dir) => {
    if (!existsSync(join(workspace, dir))) return;
    for (const entry of readdirSync(join(workspace, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(rel);
      } else if (entry.isFile() && isSource(entry.name)) out.push(rel);
    }
  };
  for (const r of SOURCE_ROOTS) walk(r);
  return out.sort();
}

/**
 * `file:line:col: message` for a file that does not parse, from the TypeScript parser (exact
 * position); swc's own message only when TypeScript sees no syntax error.
 */
export function describeSyntaxError(file, swcError, workspace = root) {
  const ts = require('typescript');
  const text = readFileSync(join(workspace, file), 'utf8');
  const { diagnostics = [] } = ts.transpileModule(text, { fileName: file, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  const env = /^environments\/([^/]+)\//.exec(file)?.[1];
  const prefix = env ? `${env}: ` : '';
  const lines = diagnostics
    .filter((d) => d.file && d.start !== undefined)
    .map((d) => {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${prefix}${file}:${line + 1}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  if (lines.length > 0) return lines;
  const text0 = String(swcError?.message ?? swcError);
  const message = /x (.+)/.exec(text0)?.[1]?.trim() ?? 'syntax error';
  const at = /-\[[^\]]*?:(\d+):(\d+)\]/.exec(text0);
  return [`${prefix}${file}:${at ? `${at[1]}:${at[2]}` : '1:1'}: ${message}`];
}

async function compileAll(outDir) {
  const startedAtMs = Date.now();
  const sources = listSources();
  const failures = [];
  await Promise.all(
    sources.map(async (file) => {
      const dest = join(outDir, file.replace(/\.ts$/, '.js'));
      try {
        const result = await swc.transformFile(join(root, file), { cwd: root, sourceFileName: relative(dirname(dest), join(root, file)), outputPath: dest });
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, result.code);
      } catch (err) {
        failures.push(...describeSyntaxError(file, err));
      }
    }),
  );
  if (failures.length > 0) {
    process.stderr.write(`${failures.sort().join('\n')}\n`);
    return 1;
  }
  writeFileSync(join(outDir, RECORD), `${JSON.stringify({ startedAtMs, sources }, null, 1)}\n`);
  return 0;
}

/**
 * Why the compiled tree `outDir` does not match the sources, or undefined when it does: a source
 * modified after that compile started, added or removed since, or no record at all. Same rule as
 * staleCompiledOutput in libs/config/src/compiled-freshness.ts, which the compiled CLIs apply.
 */
export function staleReason(outDir, workspace = root) {
  let record;
  try {
    record = JSON.parse(readFileSync(join(outDir, RECORD), 'utf8'));
  } catch {
    return `no ${RECORD} in ${outDir}`;
  }
  const now = listSources(workspace);
  const compiled = new Set(record.sources);
  const newer = now.find((f) => statSync(join(workspace, f)).mtimeMs > record.startedAtMs);
  if (newer) return `${newer} changed`;
  const added = now.find((f) => !compiled.has(f));
  if (added) return `${added} added`;
  const kept = new Set(now);
  const removed = record.sources.find((f) => !kept.has(f));
  return removed ? `${removed} removed` : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, dir] = process.argv[2] === '--check' ? ['check', process.argv[3]] : ['compile', process.argv[2]];
  if (!dir) {
    process.stderr.write('usage: node tools/scripts/compile.mjs [--check] <out dir>\n');
    process.exit(2);
  }
  if (mode === 'check') {
    const reason = staleReason(dir);
    if (reason) process.stderr.write(`${dir} is stale: ${reason}\n`);
    process.exitCode = reason ? 1 : 0;
  } else {
    process.exitCode = await compileAll(dir);
  }
}

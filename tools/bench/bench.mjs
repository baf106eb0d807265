#!/usr/bin/env node
// `npm run bench`: prints medians of N runs and writes bench/results.json. Not part of the tests;
// figures are measured, never asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manyRows } from './many-rows.mjs';
import { providerModules } from './provider-modules.mjs';
import { formatTarget, targetRows } from './targets.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MANY = Number(process.env.BENCH_ENVIRONMENTS ?? 200);
const root = new URL('../..', import.meta.url).pathname;
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const nx = join(root, 'node_modules/.bin/nx');
const environments = readdirSync(join(root, 'environments')).filter((d) => existsSync(join(root, 'environments', d, 'env.ts'))).sort();

function time(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr || r.stdout}`);
  return performance.now() - t0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measure = (cmd, args) => median(Array.from({ length: RUNS }, () => time(cmd, args)));

execFileSync(nx, ['run', 'tools:compile', '--skip-nx-cache'], { cwd: root, env, stdio: 'ignore' });
const rows = [];
const synthMs = {};
const floorMs = {};
const cacheHitMs = {};
const validateMs = {};
const scratch = mkdtempSync(join(tmpdir(), 'bench-floor-'));
const modules = providerModules(root);
for (const name of environments) {
  // Synth and its floor alternate, so load on the machine affects both alike.
  const synth = [];
  const floor = [];
  for (let i = 0; i < RUNS; i++) {
    synth.push(time('node', ['dist/out-tsc/libs/synth/src/cli.js', 'synth', name]));
    floor.push(time('node', ['tools/bench/floor.mjs', join(root, 'dist', name), join(scratch, name), ...modules]));
  }
  synthMs[name] = median(synth);
  floorMs[name] = median(floor);
  rows.push({ case: `synth ${name} (fresh node process, no Nx; OS file cache warm)`, ms: synthMs[name] });
  rows.push({ case: `floor ${name} (load the same libraries, write the same bytes)`, ms: floorMs[name] });
}
rmSync(scratch, { recursive: true, force: true });
for (const name of environments) {
  rows.push({ case: `nx synth ${name} --skip-nx-cache`, ms: measure(nx, ['synth', name, '--skip-nx-cache']) });
}
for (const name of environments) {
  time(nx, ['synth', name]);
  cacheHitMs[name] = measure(nx, ['synth', name]);
  rows.push({ case: `nx synth ${name} (cache hit)`, ms: cacheHitMs[name] });
}
const affectedNothingMs = measure(nx, ['affected', '-t', 'synth', '--base=HEAD', '--head=HEAD']);
rows.push({ case: 'nx affected -t synth (nothing changed)', ms: affectedNothingMs });
const validateCli = join(root, 'dist/out-tsc/libs/validation/src/cli.js');
if (existsSync(validateCli)) {
  for (const name of environments) {
    validateMs[name] = measure('node', [validateCli, name]);
    rows.push({ case: `validate ${name} (node, no Nx)`, ms: validateMs[name] });
  }
}
const many = JSON.parse(execFileSync('node', ['dist/out-tsc/tools/bench/synth-many.js', String(MANY)], { cwd: root, env, encoding: 'utf8' }));
rows.push(...manyRows(many));

const width = Math.max(...rows.map((r) => r.case.length));
console.log(`${'case'.padEnd(width)}  median ms (N=${RUNS})`);
for (const r of rows) console.log(`${r.case.padEnd(width)}  ${r.ms.toFixed(0).padStart(8)}`);
console.log(`peak RSS of the ${many.timesMs.length}-env process: ${many.peakRssMiB.toFixed(0)} MiB`);
const targets = targetRows({ synthMs, floorMs, validateMs, cacheHitMs, affectedNothingMs, many });
const targetWidth = Math.max(...targets.map((t) => t.name.length));
console.log(`\n${'target (measured in this run)'.padEnd(targetWidth)}  ${'measured'.padStart(9)}  target`);
for (const t of targets) console.log(formatTarget(t, targetWidth));
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(
  join(root, 'bench/results.json'),
  `${JSON.stringify({ runs: RUNS, node: process.version, cpus: (await import('node:os')).cpus().length, rows, many: { requested: MANY, synthesized: many.timesMs.length, peakRssMiB: many.peakRssMiB }, targets }, null, 2)}\n`,
);
console.log('wrote bench/results.json');

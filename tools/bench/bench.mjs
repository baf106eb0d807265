#!/usr/bin/env node
// `npm run bench`: prints medians of N runs and writes bench/results.json. Not part of the tests;
// figures are measured, never asserted.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manyRows } from './many-rows.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MANY = Number(process.env.BENCH_ENVIRONMENTS ?? 50);
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
for (const name of environments) {
  rows.push({ case: `synth ${name} (fresh node process, no Nx; OS file cache warm)`, ms: measure('node', ['dist/out-tsc/libs/synth/src/cli.js', 'synth', name]) });
}
for (const name of environments) {
  rows.push({ case: `nx synth ${name} --skip-nx-cache`, ms: measure(nx, ['synth', name, '--skip-nx-cache']) });
}
for (const name of environments) {
  time(nx, ['synth', name]);
  rows.push({ case: `nx synth ${name} (cache hit)`, ms: measure(nx, ['synth', name]) });
}
rows.push({ case: 'nx affected -t synth (nothing changed)', ms: measure(nx, ['affected', '-t', 'synth', '--base=HEAD', '--head=HEAD']) });
const validateCli = join(root, 'dist/out-tsc/libs/validation/src/cli.js');
if (existsSync(validateCli)) {
  for (const name of environments) rows.push({ case: `validate ${name} (node, no Nx)`, ms: measure('node', [validateCli, name]) });
}
const many = JSON.parse(execFileSync('node', ['dist/out-tsc/tools/bench/synth-many.js', String(MANY)], { cwd: root, env, encoding: 'utf8' }));
rows.push(...manyRows(many));

const width = Math.max(...rows.map((r) => r.case.length));
console.log(`${'case'.padEnd(width)}  median ms (N=${RUNS})`);
for (const r of rows) console.log(`${r.case.padEnd(width)}  ${r.ms.toFixed(0).padStart(8)}`);
console.log(`peak RSS of the ${many.timesMs.length}-env process: ${many.peakRssMiB.toFixed(0)} MiB`);
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(
  join(root, 'bench/results.json'),
  `${JSON.stringify({ runs: RUNS, node: process.version, cpus: (await import('node:os')).cpus().length, rows, many: { requested: MANY, synthesized: many.timesMs.length, peakRssMiB: many.peakRssMiB } }, null, 2)}\n`,
);
console.log('wrote bench/results.json');

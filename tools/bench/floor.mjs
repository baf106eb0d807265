#!/usr/bin/env node
// The floor a synth is measured against (`npm run bench`): a fresh Node process that loads the
// libraries synth loads - cdktn, constructs, cdk8s, cdk8s-plus-34, zod, yaml and every deep
// @cdktn/provider-aws module the sources import - and writes the bytes synth wrote for one
// environment. It is what any synth must cost at least; the ratio synth/floor is what synth adds.
// The provider modules are found by the caller (`providerModules()`), so the floor does not pay for
// the search. usage: node tools/bench/floor.mjs <dist/env dir> <scratch dir> [provider module...]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { walkFiles } from './walk-files.mjs';

const root = new URL('../..', import.meta.url).pathname;
const [from, to, ...providerModules] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: floor.mjs <dist/env dir> <scratch dir>');
  process.exit(2);
}

const require = createRequire(join(root, 'package.json'));
for (const m of ['cdktn', 'constructs', 'cdk8s', 'cdk8s-plus-34', 'zod', 'yaml', ...providerModules]) require(m);

const tree = [...walkFiles(from)].map((f) => [relative(from, f), readFileSync(f)]);
rmSync(to, { recursive: true, force: true });
for (const [rel, bytes] of tree) {
  mkdirSync(dirname(join(to, rel)), { recursive: true });
  writeFileSync(join(to, rel), bytes);
}
process.stdout.write(`${JSON.stringify({ providerModules: providerModules.length, files: tree.length })}\n`);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkFiles } from './walk-files.mjs';

/**
 * Every deep `@cdktn/provider-aws/lib/<resource>` module the non-test sources under `libs/` and
 * `apps/` import, sorted: what a synth of the AWS stacks loads from the provider package.
 * @param {string} root workspace root
 * @returns {string[]}
 */
export function providerModules(root) {
  const found = new Set();
  for (const base of ['libs', 'apps']) {
    for (const p of walkFiles(join(root, base), { skipDirs: ['node_modules'] })) {
      if (!p.endsWith('.ts') || p.endsWith('.test.ts')) continue;
      for (const m of readFileSync(p, 'utf8').matchAll(/@cdktn\/provider-aws\/lib\/[a-z0-9-]+/g)) found.add(m[0]);
    }
  }
  return [...found].sort();
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every deep `@cdktn/provider-aws/lib/<resource>` module the non-test sources under `libs/` and
 * `apps/` import, sorted: what a synth of the AWS stacks loads from the provider package.
 * @param {string} root workspace root
 * @returns {string[]}
 */
export function providerModules(root) {
  const found = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/@cdktn\/provider-aws\/lib\/[a-z0-9-]+/g)) found.add(m[0]);
      }
    }
  };
  for (const base of ['libs', 'apps']) walk(join(root, base));
  return [...found].sort();
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `dir` (absolute or relative as `dir` is given), depth first, entries of a folder in
 * code-unit order so the walk is the same on every file system. The one directory walker of the bench
 * (`floor.mjs` copies a tree with it, `provider-modules.mjs` scans the sources).
 * @param {string} dir
 * @param {{ readonly skipDirs?: readonly string[] }} [options] folder names not to enter (e.g. `node_modules`)
 * @returns {Generator<string>}
 */
export function* walkFiles(dir, options = {}) {
  const skip = new Set(options.skipDirs ?? []);
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!skip.has(e.name)) yield* walkFiles(p, options);
    } else yield p;
  }
}

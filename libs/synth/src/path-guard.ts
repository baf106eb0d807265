import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `root/relative`, refusing any result outside `root`: `..` segments, absolute paths, and symlinks
 * (of `root`'s existing ancestors of the result) that lead out. Defence in depth behind the schema's
 * `gitops.basePath` rule: publish deletes and rewrites this folder.
 * @throws Error naming the path and the root when the result would leave `root`
 */
export function resolveInside(root: string, relative: string, what: string): string {
  const realRoot = fs.realpathSync(root);
  const candidate = path.resolve(realRoot, relative);
  const escapes = (p: string): boolean => {
    const rel = path.relative(realRoot, p);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  };
  if (path.isAbsolute(relative) || escapes(candidate)) {
    throw new Error(`${what} "${relative}" resolves to ${candidate}, outside ${realRoot}; refusing to read or write there (fix gitops.basePath)`);
  }
  // The nearest existing ancestor, with its symlinks resolved, must still be inside the root.
  let existing = candidate;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  const real = fs.realpathSync(existing);
  if (real !== realRoot && escapes(real)) {
    throw new Error(`${what} "${relative}" leads through a symlink to ${real}, outside ${realRoot}; refusing to read or write there`);
  }
  return candidate;
}

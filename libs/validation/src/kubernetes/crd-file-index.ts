import { readFileSync, statSync } from 'node:fs';
import { parsedWithCache } from '../compiled-schema-cache';

/** The kinds and API groups a CRD file names on `kind:` and `group:` lines: the candidates it may define. */
export interface CrdFileSummary {
  readonly kinds: readonly string[];
  readonly groups: readonly string[];
}

/**
 * A summary per CRD file (same order as `paths`), so a kind lookup parses only the files that may define it
 * instead of reading and searching all of them (the reference data is 19 MB in about 160 files; reading it
 * all is about 150 ms per validation process). Cached in `cacheDir` under the files' paths, sizes and
 * modification times; the caller treats a summary as a hint and falls back to scanning every file when
 * the candidates do not define the kind, so a stale entry can cost time but never a wrong answer.
 * `cacheDir` undefined computes the summaries every time.
 */
export function crdFileSummaries(paths: readonly string[], cacheDir: string | undefined): CrdFileSummary[] {
  const fingerprint = paths
    .map((path) => {
      const { size, mtimeMs } = statSync(path);
      return `${path}\0${size}\0${mtimeMs}`;
    })
    .join('\n');
  // Array.from, not paths.map: `paths` may come from another realm (jest's module VM), and parsedWithCache stores only
  // values that survive a JSON round trip with their prototypes
  return parsedWithCache(cacheDir, 'crd file summaries', fingerprint, () => Array.from(paths, (path) => summarize(readFileSync(path, 'latin1'))));
}

/** Values of `kind:`/`group:` lines (any indentation, optionally quoted); a superset of what the file defines. */
export function summarize(text: string): CrdFileSummary {
  return { kinds: lineValues(text, 'kind:').filter((v) => /^[A-Za-z0-9]+$/.test(v)), groups: lineValues(text, 'group:') };
}

// indexOf instead of a multiline regex: `^\s*kind:` over 19 MB takes about 220 ms, this about 5 ms
function lineValues(text: string, key: string): string[] {
  const values = new Set<string>();
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
    let before = at - 1;
    while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before--;
    if (before >= 0 && text[before] !== '\n') continue;
    const end = text.indexOf('\n', at);
    const value = text
      .slice(at + key.length, end === -1 ? undefined : end)
      .trim()
      .replace(/^["']|["']$/g, '');
    if (value) values.add(value);
  }
  return [...values];
}

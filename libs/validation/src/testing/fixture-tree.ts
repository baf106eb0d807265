import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { compareCodeUnits } from '../ordering';

/** A file of a fixture tree: YAML documents (objects), a JSON object, or raw text. */
export type FixtureFile = { readonly yaml: readonly unknown[] } | { readonly json: unknown } | { readonly text: string };

/**
 * Writes `<tmp>/dist/<env>/...` with a manifest.json listing every file (as the synth does) and
 * returns the dist folder. For tests only.
 */
export function writeFixtureTree(env: string, files: Readonly<Record<string, FixtureFile>>, manifest: Record<string, unknown> = {}): string {
  const dist = join(mkdtempSync(join(tmpdir(), 'validation-')), 'dist');
  const entries: { path: string; sha256: string; bytes: number }[] = [];
  for (const [rel, file] of Object.entries(files).sort(([a], [b]) => compareCodeUnits(a, b))) {
    const content =
      'yaml' in file ? file.yaml.map((d) => stringify(d)).join('---\n') : 'json' in file ? `${JSON.stringify(file.json, null, 2)}\n` : file.text;
    const target = join(dist, env, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    entries.push({ path: rel, sha256: createHash('sha256').update(content).digest('hex'), bytes: Buffer.byteLength(content) });
  }
  mkdirSync(join(dist, env), { recursive: true });
  writeFileSync(join(dist, env, 'manifest.json'), JSON.stringify({ schemaVersion: 1, environment: env, files: entries, ...manifest }, null, 2));
  return dist;
}

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareCodeUnits } from '@platform/validation/render';
import type { SynthManifest } from './manifest';

/** `dist/<env>/manifest.json`: lists every other file of the tree with its sha256. */
export const MANIFEST_NAME = 'manifest.json';

/**
 * Reads `dist/<env>` for publish: exactly the files `manifest.json` lists, each checked against its
 * sha256, plus manifest.json itself. Anything else (a stray `terraform.tfstate`, an editor backup,
 * a symlink) and any changed or missing file is refused: what is pushed is what synth wrote.
 * @returns `relative path -> content`, in code-unit order
 * @throws Error listing every extra, missing or changed file, and the fix
 */
export function readVerifiedDist(dir: string, manifest: SynthManifest, envName: string): Map<string, string> {
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const problems: string[] = [];
  const present = new Set<string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (rel === MANIFEST_NAME) continue;
    if (!entry.isFile()) problems.push(`${rel}: not a regular file`);
    else if (!listed.has(rel)) problems.push(`${rel}: not listed in manifest.json`);
    else present.add(rel);
  }
  const files = new Map<string, string>();
  for (const [rel, sha256] of [...listed].sort(([a], [b]) => compareCodeUnits(a, b))) {
    if (!present.has(rel)) {
      problems.push(`${rel}: listed in manifest.json but missing`);
      continue;
    }
    const bytes = fs.readFileSync(path.join(dir, rel));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) problems.push(`${rel}: changed since synth (sha256 differs from manifest.json)`);
    else files.set(rel, bytes.toString('utf8'));
  }
  if (problems.length > 0) {
    throw new Error(
      `${dir} is not exactly what synth wrote:\n${problems.sort(compareCodeUnits).map((p) => `  ${p}`).join('\n')}\nFix: run \`npx nx synth ${envName}\` again (it replaces dist/${envName} whole), then publish.`,
    );
  }
  return files;
}
